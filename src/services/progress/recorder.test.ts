import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createProgressRecorder, retryDelayMs } from './recorder';
import { createMemoryStore, openIndexedDbStore, type ProgressStore } from './store';

const fixedClock = (iso: string) => {
  let time = Date.parse(iso);
  return () => new Date((time += 1000));
};

let counter = 0;
const sequentialUuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const check = {
  kind: 'check',
  lessonId: 'communication/active-listening-oars',
  itemId: 'open-question',
  optionId: 'b',
} as const;

const stores: [string, () => Promise<ProgressStore>][] = [
  ['memory', () => Promise.resolve(createMemoryStore())],
  ['IndexedDB', () => openIndexedDbStore(new IDBFactory())],
];

describe.each(stores)('progress recorder on the %s store', (_name, makeStore) => {
  it('records an answer with a UUID and a timestamp, and queues it for sync', async () => {
    const recorder = createProgressRecorder({
      store: await makeStore(),
      now: fixedClock('2026-01-01T00:00:00Z'),
    });
    const record = await recorder.record(check);
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.at).toBe('2026-01-01T00:00:01.000Z');
    expect(await recorder.all()).toEqual([record]);
    expect(await recorder.outbox.snapshot()).toEqual({
      records: [record],
      entries: [{ id: record.id, attempts: 0 }],
    });
  });

  it('refuses a malformed record and stores nothing', async () => {
    const recorder = createProgressRecorder({ store: await makeStore() });
    await expect(recorder.record({ ...check, optionId: '' })).rejects.toThrow(
      'Cannot record progress: check answer lacks lessonId, itemId or optionId',
    );
    expect(await recorder.all()).toEqual([]);
  });

  it('never stores the same id twice', async () => {
    const recorder = createProgressRecorder({
      store: await makeStore(),
      uuid: () => '11111111-1111-4111-8111-111111111111',
    });
    await recorder.record(check);
    await recorder.record({ ...check, optionId: 'c' });
    const all = await recorder.all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ optionId: 'b' });
  });

  it('round-trips an export through import without doubling', async () => {
    const source = createProgressRecorder({
      store: await makeStore(),
      uuid: sequentialUuid,
      now: fixedClock('2026-02-01T00:00:00Z'),
    });
    await source.record(check);
    await source.record({ kind: 'self-rating', skillId: 'empathy', rating: 3 });
    const choice = {
      kind: 'choice',
      attemptId: '44444444-4444-4444-8444-444444444444',
      scenarioId: 'williams-eviction',
      version: 'v1',
      nodeId: 'doorstep',
      choiceId: 'ask-first',
      mode: 'assessment',
    } as const;
    // One with its step number, one from before step numbers existed.
    await source.record({ ...choice, seq: 1 });
    await source.record({ ...choice, attemptId: '55555555-5555-4555-8555-555555555555' });
    const exported = JSON.stringify(await source.exportProgress());

    const target = createProgressRecorder({ store: await makeStore() });
    expect(await target.importProgress(exported)).toEqual({
      added: 4,
      duplicates: 0,
      rejected: [],
    });
    expect(await target.importProgress(exported)).toEqual({
      added: 0,
      duplicates: 4,
      rejected: [],
    });
    expect(await target.all()).toEqual(await source.all());
  });

  it('imports the good records of a file and reports the bad ones by position', async () => {
    const recorder = createProgressRecorder({ store: await makeStore() });
    const file = {
      format: 'casecraft-progress',
      version: 1,
      exportedAt: '2026-01-01T00:00:00Z',
      records: [
        { ...check, id: '22222222-2222-4222-8222-222222222222', at: '2026-01-01T00:00:00Z' },
        { ...check, id: 'not-a-uuid', at: '2026-01-01T00:00:00Z' },
        {
          kind: 'choice',
          id: '33333333-3333-4333-8333-333333333333',
          at: '2026-01-01T00:00:00Z',
          attemptId: '44444444-4444-4444-8444-444444444444',
          scenarioId: 's',
          version: 'v',
          nodeId: 'n',
          choiceId: 'c',
          mode: 'sometimes',
        },
        { kind: 'mystery', id: '55555555-5555-4555-8555-555555555555', at: '2026-01-01T00:00:00Z' },
      ],
    };
    expect(await recorder.importProgress(JSON.stringify(file))).toEqual({
      added: 1,
      duplicates: 0,
      rejected: [
        { index: 1, problem: 'id is not a UUID' },
        { index: 2, problem: 'mode must be practice or assessment' },
        { index: 3, problem: 'unknown kind "mystery"' },
      ],
    });
  });

  it('explains why a file cannot be imported', async () => {
    const recorder = createProgressRecorder({ store: await makeStore() });
    await expect(recorder.importProgress('{oops')).rejects.toThrow('This file is not JSON.');
    await expect(recorder.importProgress('{"format":"other","records":[]}')).rejects.toThrow(
      'not a Casecraft progress export',
    );
    await expect(
      recorder.importProgress('{"format":"casecraft-progress","version":9,"records":[]}'),
    ).rejects.toThrow('has version 9');
  });

  it('resets everything, outbox included, and tells subscribers', async () => {
    const recorder = createProgressRecorder({ store: await makeStore() });
    let changes = 0;
    const unsubscribe = recorder.subscribe(() => changes++);
    await recorder.record(check);
    await recorder.reset();
    unsubscribe();
    await recorder.record(check);
    expect(changes).toBe(2);
    expect(await recorder.outbox.entries()).toHaveLength(1);
  });

  it('keeps a retryable failure queued with its retry time and a fatal one without retrying', async () => {
    const clock = fixedClock('2026-03-01T00:00:00Z');
    const recorder = createProgressRecorder({
      store: await makeStore(),
      now: clock,
      uuid: sequentialUuid,
    });
    const first = await recorder.record(check);
    const second = await recorder.record({ ...check, itemId: 'reflection' });
    await recorder.outbox.markFailed([
      {
        id: first.id,
        error: 'Waiting for an earlier step',
        code: 'awaiting_predecessor',
        fatal: false,
        deferred: true,
        retryAt: new Date('2026-03-01T00:01:00Z'),
      },
      { id: second.id, error: 'unknown lesson item', code: 'unknown_content', fatal: true },
    ]);
    const entries = await recorder.outbox.entries();
    expect(entries.find((entry) => entry.id === first.id)).toEqual({
      id: first.id,
      attempts: 1,
      lastError: 'Waiting for an earlier step',
      code: 'awaiting_predecessor',
      fatal: false,
      retryAt: '2026-03-01T00:01:00.000Z',
      deferrals: 1,
    });
    expect(entries.find((entry) => entry.id === second.id)).toEqual({
      id: second.id,
      attempts: 1,
      lastError: 'unknown lesson item',
      code: 'unknown_content',
      fatal: true,
    });

    await recorder.outbox.markSent([first.id]);
    expect((await recorder.outbox.entries()).map((entry) => entry.id)).toEqual([second.id]);
    expect(await recorder.all()).toHaveLength(2);
    // A late failure report for a record already sent (a parallel sync) changes nothing.
    await recorder.outbox.markFailed([{ id: first.id, error: 'late', fatal: true }]);
    expect((await recorder.outbox.entries()).map((entry) => entry.id)).toEqual([second.id]);
  });

  it('keeps a choice’s step number, and refuses one that is not a whole step', async () => {
    const recorder = createProgressRecorder({ store: await makeStore() });
    const choice = {
      kind: 'choice',
      attemptId: '44444444-4444-4444-8444-444444444444',
      scenarioId: 's',
      version: 'v',
      nodeId: 'n',
      choiceId: 'c',
      mode: 'assessment',
    } as const;
    expect(await recorder.record({ ...choice, seq: 3 })).toMatchObject({ seq: 3 });
    await expect(recorder.record({ ...choice, seq: 0 })).rejects.toThrow(
      'seq must be a whole number from 1 to 1000',
    );
    await expect(recorder.record({ ...choice, seq: 1.5 })).rejects.toThrow('seq must be');
    // Records from before step numbers existed still record.
    expect(await recorder.record(choice)).not.toHaveProperty('seq');
  });
});

describe('retryDelayMs', () => {
  it('doubles from two seconds and caps at ten minutes', () => {
    expect([1, 2, 3, 10, 30].map(retryDelayMs)).toEqual([2000, 4000, 8000, 600_000, 600_000]);
  });
});
