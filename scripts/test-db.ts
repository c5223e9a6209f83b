/**
 * `npm run test:db`: the pgTAP suites in supabase/tests, inside PGlite (always) and against a
 * throwaway PostgreSQL 15 cluster when Debian's server binaries are installed (skipped with a
 * notice otherwise). Also part of `npm test`.
 */
import { existsSync } from 'node:fs';
import type pg from 'pg';
import {
  applyBootstrap,
  applyCatalogue,
  applyMigrations,
  openDatabase,
} from '../supabase/local/database';
import {
  pgTapFiles,
  runPgTapFile,
  type ExecSql,
  type TapFileResult,
} from '../supabase/local/pgtap';
import { postgres15Installed, startPostgres15 } from './lib/postgres15';

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

async function runOnPostgres(): Promise<number> {
  if (!postgres15Installed() || !existsSync('/usr/share/postgresql/15/extension/pgtap.control')) {
    console.log(
      `SKIP [postgresql-15] server binaries or pgTAP not installed (apt-get install postgresql-15 postgresql-15-pgtap); the suites ran on PGlite only.`,
    );
    return 0;
  }
  const cluster = await startPostgres15();
  if (!cluster) return 0;
  const { client } = cluster;
  try {
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
    await cluster.stop();
  }
}

const failed =
  (await runOnPglite()) + (process.argv.includes('--pglite-only') ? 0 : await runOnPostgres());
process.exitCode = failed === 0 ? 0 : 1;
