import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from './database';

// A restart of the embedded stack republishes the catalogue only when something it is made
// from changed: loading and checking every lesson and scenario was most of a restart.

const dataDir = mkdtempSync(join(tmpdir(), 'casecraft-prepare-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start() {
  const lines: string[] = [];
  const { db } = await prepareDatabase({ dataDir, seed: false, log: (line) => lines.push(line) });
  const published = Number(
    (await db.query<{ n: number }>('select count(*)::int as n from public.catalog_scenarios'))
      .rows[0]!.n,
  );
  return { db, lines, published };
}

describe('prepareDatabase on an existing data directory', () => {
  it('skips the catalogue when its inputs are unchanged, and republishes when they are not', async () => {
    const first = await start();
    expect(first.lines).toContain('catalogue published from the repository content');
    expect(first.published).toBeGreaterThan(0);
    await first.db.close();

    const second = await start();
    expect(second.lines).toContain('catalogue: content unchanged since it was last published');
    expect(second.lines.some((line) => line.startsWith('migration '))).toBe(false);
    expect(second.published).toBe(first.published);
    // As if the content had changed since the catalogue was published.
    await second.db.query(
      `update supabase_migrations.local_state set value = 'older' where key = 'catalogue_inputs'`,
    );
    await second.db.close();

    const third = await start();
    expect(third.lines).toContain('catalogue published from the repository content');
    await third.db.close();
  }, 120_000);
});
