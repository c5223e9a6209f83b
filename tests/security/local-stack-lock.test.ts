import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../supabase/local/data-dir-lock';
import { PortInUseError } from '../../supabase/local/ports';
import { startStack, type RunningStack } from '../../supabase/local/stack';

// Attacks on the local stack's own footing. Before: two stacks on one data directory both
// ran and silently lost each other's acknowledged writes; a second stack on a used port
// died with a raw EADDRINUSE stack trace.

const directories: string[] = [];
const running: RunningStack[] = [];
const children: ChildProcess[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'casecraft-lock-'));
  directories.push(dir);
  return dir;
};

afterEach(async () => {
  for (const stack of running.splice(0)) await stack.stop();
  for (const child of children.splice(0)) child.kill();
});

afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

/** A port some other program is listening on. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

/** Runs a script as `npm start` / `npm run stack` would, and collects what it printed. */
function runScript(script: string, args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, CASECRAFT_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('one stack per data directory', () => {
  it('a second stack on the same directory refuses, naming the running one', async () => {
    const dir = freshDir();
    const first = await startStack({ dataDir: dir, port: 0, seed: false });
    running.push(first);
    await first.query("insert into auth.users (email) values ('kept@example.org')");
    const second = await startStack({ dataDir: dir, port: 0, seed: false }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DataDirInUseError);
    expect((second as Error).message).toBe(
      `The data directory ${dir} is in use by another Casecraft stack (PID ${process.pid}). Stop that one first (Ctrl-C in its terminal, or kill ${process.pid}), or set CASECRAFT_DATA_DIR to another directory.`,
    );
    // The first one is untouched: its acknowledged write is there, and it still takes writes.
    await first.query("insert into auth.users (email) values ('after@example.org')");
    const kept = await first.query(
      "select count(*)::int as n from auth.users where email in ('kept@example.org', 'after@example.org')",
    );
    expect(kept.rows[0]!.n).toBe(2);
  }, 240_000);

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = freshDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: gone, startedAt: '2026-01-01T00:00:00Z' }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
  });

  it('refuses while another live process holds it, and `npm run stack` says so in one line', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    children.push(holder);
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: holder.pid, startedAt: new Date().toISOString() }),
    );
    expect(() => lockDataDir(dir)).toThrow(`(PID ${holder.pid})`);
    const { port, server } = await occupiedPort();
    server.close();
    const run = runScript('scripts/stack.ts', ['--port', String(port)], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `The data directory ${dir} is in use by another Casecraft stack (PID ${holder.pid}). Stop that one first (Ctrl-C in its terminal, or kill ${holder.pid}), or set CASECRAFT_DATA_DIR to another directory.`,
    );
  });
});

describe('a used port gives one clear line, not a stack trace', () => {
  it('startStack on a used API port fails with PortInUseError before opening the database', async () => {
    const { port, server } = await occupiedPort();
    try {
      const dir = freshDir();
      const failed = await startStack({ dataDir: dir, port, seed: false }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(PortInUseError);
      expect((failed as Error).message).toBe(
        `Port ${port} (API) is already in use, by another Casecraft or another program.`,
      );
      // Nothing was left behind: the directory can be taken at once.
      lockDataDir(dir).release();
    } finally {
      server.close();
    }
  });

  it('npm run stack --port <used>', async () => {
    const { port, server } = await occupiedPort();
    try {
      const run = runScript('scripts/stack.ts', ['--port', String(port)], freshDir());
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `Port ${port} (API) is already in use, by another Casecraft or another program. Stop that program, or choose another port, e.g. npm run stack -- --port ${port + 10}.`,
      );
    } finally {
      server.close();
    }
  });

  it('npm start --port <used> and --api-port <used>', async () => {
    const { port, server } = await occupiedPort();
    const { port: freePort, server: probe } = await occupiedPort();
    probe.close();
    try {
      const site = runScript(
        'scripts/start.ts',
        ['--no-build', '--port', String(port), '--api-port', String(freePort)],
        freshDir(),
      );
      expect(site.status).toBe(1);
      expect(site.stderr).toBe(
        `Port ${port} (site) is already in use, by another Casecraft or another program. Stop that program, or choose another port, e.g. npm start -- --port ${port + 10}.`,
      );
      const api = runScript(
        'scripts/start.ts',
        ['--no-build', '--port', String(freePort), '--api-port', String(port)],
        freshDir(),
      );
      expect(api.status).toBe(1);
      expect(api.stderr).toBe(
        `Port ${port} (API) is already in use, by another Casecraft or another program. Stop that program, or choose another port, e.g. npm start -- --api-port ${port + 10}.`,
      );
    } finally {
      server.close();
    }
  });
});
