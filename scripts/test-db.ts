/**
 * `npm run test:db`: the pgTAP suites in supabase/tests, inside PGlite (always) and against a
 * throwaway PostgreSQL 15 cluster when Debian's server binaries are installed (skipped with a
 * notice otherwise). Also part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadAllContent } from '../src/build/check-content';
import { catalogueStatements } from '../src/build/catalogue-sql';
import { loadSkills } from '../src/build/content';
import {
  applyBootstrap,
  applyCatalogue,
  applyMigrations,
  openDatabase,
  SUPABASE_DIR,
} from '../supabase/local/database';
import {
  pgTapFiles,
  runPgTapFile,
  type ExecSql,
  type TapFileResult,
} from '../supabase/local/pgtap';
import { readdirSync, readFileSync } from 'node:fs';

function report(engine: string, results: TapFileResult[]): number {
  let failed = 0;
  for (const result of results) {
    const ok = result.failures.length === 0;
    console.log(
      `${ok ? 'PASS' : 'FAIL'} [${engine}] ${result.file}: ${result.passed}/${result.planned}`,
    );
    for (const failure of result.failures) console.log(`  ${failure.replace(/\n/g, '\n  ')}`);
    if (!ok) failed++;
  }
  return failed;
}

async function runOnPglite(): Promise<number> {
  const { db } = await openDatabase();
  await applyBootstrap(db);
  await applyMigrations(db);
  await applyCatalogue(db);
  const exec: ExecSql = async (sql) =>
    (await db.exec(sql)).map((result) => result.rows as Record<string, unknown>[]);
  const results: TapFileResult[] = [];
  for (const file of pgTapFiles()) results.push(await runPgTapFile(exec, file));
  await db.close();
  return report('pglite', results);
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

async function runOnPostgres(): Promise<number> {
  if (
    !existsSync(join(PG_BIN, 'initdb')) ||
    !existsSync('/usr/share/postgresql/15/extension/pgtap.control')
  ) {
    console.log(
      `SKIP [postgresql-15] server binaries or pgTAP not installed (apt-get install postgresql-15 postgresql-15-pgtap); the suites ran on PGlite only.`,
    );
    return 0;
  }
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
  as(join(PG_BIN, 'pg_ctl'), [
    '-D',
    join(dir, 'data'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=''`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  const client = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  try {
    await client.connect();
    await client.query(readFileSync(join(SUPABASE_DIR, 'local/bootstrap.sql'), 'utf8'));
    for (const file of readdirSync(join(SUPABASE_DIR, 'migrations'))
      .filter((name) => name.endsWith('.sql'))
      .sort()) {
      await client.query(readFileSync(join(SUPABASE_DIR, 'migrations', file), 'utf8'));
    }
    const content = loadAllContent(process.cwd());
    for (const statement of catalogueStatements({
      skills: loadSkills(process.cwd()).skills,
      lessons: content.lessons,
      scenarios: content.scenarios.map((entry) => entry.scenario),
    })) {
      await client.query(statement);
    }
    const exec: ExecSql = async (sql) => {
      const result = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(result) ? result : [result]).map(
        (part) => part.rows as Record<string, unknown>[],
      );
    };
    const results: TapFileResult[] = [];
    for (const file of pgTapFiles()) results.push(await runPgTapFile(exec, file));
    return report('postgresql-15', results);
  } finally {
    await client.end().catch(() => undefined);
    as(join(PG_BIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  }
}

const failed =
  (await runOnPglite()) + (process.argv.includes('--pglite-only') ? 0 : await runOnPostgres());
process.exitCode = failed === 0 ? 0 : 1;
