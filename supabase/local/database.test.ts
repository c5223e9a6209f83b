import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from './database';
import { readTemplate, templateKey, writeTemplate } from './template';

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
    // New: published here, or made from the template (which other tests may have made).
    expect(
      first.lines.some(
        (line) =>
          line === 'catalogue published from the repository content' ||
          line === 'new database made from the template',
      ),
    ).toBe(true);
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

describe('a new database from the template', () => {
  it('is made once, then opens with the same schema and catalogue', async () => {
    const made = await prepareDatabase({ seed: false, log: () => {} });
    const count = async (db: typeof made.db) =>
      (
        await db.query<{ migrations: number; transitions: number; stamp: number }>(
          `select (select count(*)::int from supabase_migrations.schema_migrations) as migrations,
                  (select count(*)::int from public.catalog_transitions) as transitions,
                  (select count(*)::int from supabase_migrations.local_state) as stamp`,
        )
      ).rows[0]!;
    const expected = await count(made.db);
    await made.db.close();
    expect(readTemplate(templateKey())).toBeDefined();

    const lines: string[] = [];
    const fromTemplate = await prepareDatabase({ seed: false, log: (line) => lines.push(line) });
    expect(lines).toContain('new database made from the template');
    expect(lines).toContain('catalogue: content unchanged since it was last published');
    expect(lines.some((line) => line.startsWith('migration '))).toBe(false);
    expect(await count(fromTemplate.db)).toEqual(expected);
    expect(expected.transitions).toBeGreaterThan(0);
    await fromTemplate.db.close();
  }, 120_000);
});

describe('template files', () => {
  const root = mkdtempSync(join(tmpdir(), 'casecraft-template-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('change key with any input, and keep only the newest', async () => {
    mkdirSync(join(root, 'supabase/migrations'), { recursive: true });
    writeFileSync(join(root, 'supabase/migrations/1_a.sql'), 'select 1;');
    const first = templateKey(root);
    await writeTemplate(first, new Blob(['one']), root);
    expect(await readTemplate(first, root)!.text()).toBe('one');
    writeFileSync(join(root, 'supabase/migrations/2_b.sql'), 'select 2;');
    const second = templateKey(root);
    expect(second).not.toBe(first);
    expect(readTemplate(second, root)).toBeUndefined();
    await writeTemplate(second, new Blob(['two']), root);
    expect(readTemplate(first, root)).toBeUndefined();
    expect(await readTemplate(second, root)!.text()).toBe('two');
  });
});
