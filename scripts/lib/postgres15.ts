import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadAllContent } from '../../src/library/check-content';
import { catalogueStatements } from '../../src/publish/catalogue-sql';
import { loadSkills } from '../../src/library/content';
import { SUPABASE_DIR } from '../../supabase/local/database';

/**
 * A throwaway PostgreSQL 15 cluster (Debian's server binaries) with the bootstrap, every
 * migration and the published catalogue applied: for `test:db` and the bench. Null when the
 * binaries are not installed.
 */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres15 {
  /** Connection settings for `new pg.Client(...)` / `new pg.Pool(...)` as the superuser. */
  connection: { host: string; port: number; user: string; database: string };
  client: pg.Client;
  stop(): Promise<void>;
}

export const postgres15Installed = () => existsSync(join(PG_BIN, 'initdb'));

export async function startPostgres15(
  options: { settings?: string[] } = {},
): Promise<Postgres15 | null> {
  if (!postgres15Installed()) return null;
  const root = process.getuid?.() === 0;
  // Its own prefix: this throwaway cluster's directory is world-writable (the postgres user
  // runs it), unlike the stack's private socket directories (casecraft-pg-*, kept 0700 and
  // checked by tests/security/local-stack-postgres.test.ts, which ran into this one).
  const dir = mkdtempSync(join(tmpdir(), 'casecraft-pgtap-'));
  chmodSync(dir, 0o777);
  const as = (command: string, args: string[]) => {
    const result = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const port = 55000 + Math.floor(Math.random() * 1000);
  as(join(PG_BIN, 'initdb'), [
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=''`,
    ...(options.settings ?? []),
  ];
  as(join(PG_BIN, 'pg_ctl'), [
    '-D',
    join(dir, 'data'),
    '-o',
    settings.join(' '),
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  const connection = { host: dir, port, user: 'postgres', database: 'postgres' };
  const client = new pg.Client(connection);
  const stop = async () => {
    await client.end().catch(() => undefined);
    as(join(PG_BIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await client.connect();
    await client.query(readFileSync(join(SUPABASE_DIR, 'local/bootstrap.sql'), 'utf8'));
    for (const file of readdirSync(join(SUPABASE_DIR, 'migrations'))
      .filter((name) => name.endsWith('.sql'))
      .sort())
      await client.query(readFileSync(join(SUPABASE_DIR, 'migrations', file), 'utf8'));
    const content = loadAllContent(process.cwd());
    for (const statement of catalogueStatements({
      skills: loadSkills(process.cwd()).skills,
      lessons: content.lessons,
      scenarios: content.scenarios.map((entry) => entry.scenario),
    }))
      await client.query(statement);
    return { connection, client, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
