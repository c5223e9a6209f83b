import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  cleanDraftName,
  createMemoryDraftStore,
  MAX_DRAFT_NAME,
  openDraftStore,
  uniqueDraftName,
  type Draft,
  type DraftStore,
} from './drafts';

const draft = (id: string, updatedAt: string, text = `id: ${id}\n`): Draft => ({
  id,
  name: `Draft ${id}`,
  text,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt,
});

describe.each<[string, () => Promise<DraftStore>]>([
  ['IndexedDB', () => openDraftStore(new IDBFactory())],
  ['memory', () => Promise.resolve(createMemoryDraftStore())],
])('the %s draft store', (_name, open) => {
  it('keeps several drafts, lists the most recently changed first, renames and deletes', async () => {
    const store = await open();
    await store.put(draft('a', '2026-01-02T00:00:00.000Z'));
    await store.put(draft('b', '2026-01-03T00:00:00.000Z'));
    expect((await store.list()).map((d) => d.id)).toEqual(['b', 'a']);
    await store.put({ ...draft('a', '2026-01-04T00:00:00.000Z'), name: 'Renamed' });
    expect((await store.list()).map((d) => [d.id, d.name])).toEqual([
      ['a', 'Renamed'],
      ['b', 'Draft b'],
    ]);
    await store.remove('a');
    expect(await store.get('a')).toBeUndefined();
    expect((await store.get('b'))?.text).toBe('id: b\n');
  });
});

it('keeps drafts across reopening the database (a reload)', async () => {
  const factory = new IDBFactory();
  await (await openDraftStore(factory)).put(draft('kept', '2026-01-02T00:00:00.000Z'));
  const reopened = await openDraftStore(factory);
  expect(reopened.persistent).toBe(true);
  expect((await reopened.list()).map((d) => d.id)).toEqual(['kept']);
});

it('never opens the learner progress database', async () => {
  const factory = new IDBFactory();
  await openDraftStore(factory);
  expect((await factory.databases()).map((db) => db.name)).toEqual(['casecraft-studio']);
});

describe('draft names', () => {
  it('are one trimmed line of bounded length, with a fallback', () => {
    expect(cleanDraftName('  My\n  draft  ')).toBe('My draft');
    expect(cleanDraftName('   ')).toBe('Untitled draft');
    expect(cleanDraftName('x'.repeat(500))).toHaveLength(MAX_DRAFT_NAME);
  });

  it('are made unique with a number', () => {
    expect(uniqueDraftName('Copy', [])).toBe('Copy');
    expect(uniqueDraftName('Copy', ['Copy', 'Copy (2)'])).toBe('Copy (3)');
  });
});
