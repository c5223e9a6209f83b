import { readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { startTestStack } from './support-local/stack';

// Attack: the stack's internal Postgres port. Before, it accepted `postgres` with any
// password, as superuser (auth.users readable) — any local process got everything. Now
// PGlite sits on a Unix socket in a private directory, behind a loopback-only proxy that
// asks for a password made fresh each run (SCRAM-SHA-256).

let stack: RunningStack;
let endpoint: URL;

beforeAll(async () => {
  stack = await startTestStack();
  endpoint = new URL(stack.databaseUrl);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function connectAs(user: string, password: string | undefined) {
  const client = new pg.Client({
    host: endpoint.hostname,
    port: Number(endpoint.port),
    database: 'postgres',
    user,
    password,
  });
  try {
    await client.connect();
    return (await client.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]!
      .n;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's first answer to a StartupMessage: message type and authentication code. */
function firstAnswer(user: string): Promise<{ type: string; code: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(endpoint.port), endpoint.hostname);
    const parameters = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + parameters.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.on('error', reject);
    socket.once('data', (data: Buffer) => {
      resolve({ type: String.fromCharCode(data[0]!), code: data.readInt32BE(5) });
      socket.destroy();
    });
    socket.write(Buffer.concat([startup, parameters]));
  });
}

describe('the internal Postgres endpoint', () => {
  it('listens on loopback, with a password made for this run', () => {
    expect(endpoint.hostname).toBe('127.0.0.1');
    expect(decodeURIComponent(endpoint.password)).toMatch(/^[0-9a-f]{48}$/);
  });

  it('asks every client for SCRAM-SHA-256 before anything else (never AuthenticationOk)', async () => {
    for (const user of ['postgres', 'authenticator', 'anon']) {
      expect(await firstAnswer(user)).toEqual({ type: 'R', code: 10 });
    }
  });

  it('refuses postgres and authenticator with a wrong password, as PostgreSQL does (28P01)', async () => {
    for (const user of ['postgres', 'authenticator']) {
      for (const password of [
        'postgres',
        'authenticator',
        `${decodeURIComponent(endpoint.password)}x`,
      ]) {
        const refused = await connectAs(user, password).then(
          () => undefined,
          (error: { code?: string; message: string }) => error,
        );
        expect(refused?.code).toBe('28P01');
        expect(refused?.message).toBe(`password authentication failed for user "${user}"`);
      }
    }
  });

  it('lets the right password in (what PostgREST and local Auth use)', async () => {
    expect(
      await connectAs('postgres', decodeURIComponent(endpoint.password)),
    ).toBeGreaterThanOrEqual(0);
  });

  it('closes on garbage and on half-finished handshakes, and keeps serving', async () => {
    const sendRaw = (bytes: Uint8Array) =>
      new Promise<Buffer>((resolve) => {
        const socket = connect(Number(endpoint.port), endpoint.hostname);
        const received: Buffer[] = [];
        socket.on('data', (data: Buffer) => received.push(data));
        socket.on('error', () => {});
        socket.once('close', () => resolve(Buffer.concat(received)));
        socket.write(bytes, () => setTimeout(() => socket.destroy(), 200));
      });
    // A startup message, then a query without authenticating: refused, the query never runs.
    const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + parameters.length, 0);
    startup.writeInt32BE(196608, 4);
    const sql = Buffer.from('select email from auth.users\0');
    const query = Buffer.alloc(5);
    query.write('Q', 0, 'latin1');
    query.writeInt32BE(4 + sql.length, 1);
    const answer = (await sendRaw(Buffer.concat([startup, parameters, query, sql]))).toString(
      'latin1',
    );
    expect(answer).toContain('password authentication failed for user "postgres"');
    expect(answer).not.toContain('email');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
        const answer = await sendRaw(bytes);
        // Never let in: no AuthenticationOk (R, length 8, code 0) in anything it said.
        expect(answer.includes(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]))).toBe(false);
      }),
      { numRuns: 40 },
    );
    expect(
      await connectAs('postgres', decodeURIComponent(endpoint.password)),
    ).toBeGreaterThanOrEqual(0);
  });

  it('is not reachable on any other interface of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal)
      .map((address) => address!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(Number(endpoint.port), address);
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(`${address}: ${outcome}`).toBe(`${address}: ECONNREFUSED`);
    }
  });

  it("keeps PGlite's own socket in a directory only this user can enter (0700)", () => {
    const directories = readdirSync(tmpdir())
      .filter((name) => name.startsWith('casecraft-pg-'))
      .map((name) => join(tmpdir(), name));
    expect(directories.length).toBeGreaterThan(0);
    for (const directory of directories) {
      const stat = statSync(directory);
      expect(`${directory} ${(stat.mode & 0o777).toString(8)}`).toBe(`${directory} 700`);
      expect(stat.uid).toBe(process.getuid!());
    }
  });
});
