import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPABASE_DIR } from './database';

/** Runs SQL text (many statements) and returns every result set's rows. */
export type ExecSql = (sql: string) => Promise<Record<string, unknown>[][]>;

export interface TapFileResult {
  file: string;
  planned: number;
  passed: number;
  failures: string[];
}

/** The numbered pgTAP suites in supabase/tests, in order (fixtures.sql is not a suite). */
export function pgTapFiles(): string[] {
  const dir = join(SUPABASE_DIR, 'tests');
  return readdirSync(dir)
    .filter((file) => /^\d{3}_.*\.sql$/.test(file))
    .sort()
    .map((file) => join(dir, file));
}

/** Runs one suite after the fixtures, in a transaction that is rolled back. */
export async function runPgTapFile(exec: ExecSql, file: string): Promise<TapFileResult> {
  const fixtures = readFileSync(join(SUPABASE_DIR, 'tests/fixtures.sql'), 'utf8');
  const suite = readFileSync(file, 'utf8');
  const name = file.split('/').pop() ?? file;
  let results: Record<string, unknown>[][];
  try {
    results = await exec(
      `begin;\ncreate extension if not exists pgtap with schema extensions;\ngrant execute on all functions in schema extensions to anon, authenticated;\nset local search_path = public, extensions;\n${fixtures}\n${suite}\nrollback;`,
    );
  } catch (error) {
    await exec('rollback;').catch(() => undefined);
    return {
      file: name,
      planned: 0,
      passed: 0,
      failures: [`the suite did not run: ${(error as Error).message}`],
    };
  }
  const lines = results.flatMap((rows) =>
    rows.flatMap((row) =>
      Object.values(row).filter((value): value is string => typeof value === 'string'),
    ),
  );
  const tap = lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => /^(ok|not ok|1\.\.|#)/.test(line));
  const planned = Number(/^1\.\.(\d+)/m.exec(tap.join('\n'))?.[1] ?? 0);
  const oks = tap.filter((line) => line.startsWith('ok')).length;
  const failures: string[] = [];
  tap.forEach((line, index) => {
    if (!line.startsWith('not ok')) return;
    const details = [];
    for (let next = index + 1; next < tap.length && tap[next]!.startsWith('#'); next++)
      details.push(tap[next]);
    failures.push([line, ...details].join('\n'));
  });
  if (planned !== oks + failures.length)
    failures.push(`planned ${planned} tests but ran ${oks + failures.length}`);
  return { file: name, planned, passed: oks, failures };
}
