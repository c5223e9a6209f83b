import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProgressRecorder } from '../progress/recorder';
import { createMemoryStore } from '../progress/store';
import { createOutboxSync, progressOwner, toActivityEvent } from './outbox-sync';

type Result = { id: string; status: string; error?: string };

/** A stand-in for supabase.rpc('record_activity'): scripted per call. */
function fakeSupabase(
  respond: (events: { id: string; kind: string }[]) => {
    data?: Result[];
    error?: { message: string };
  },
) {
  const calls: { id: string; kind: string }[][] = [];
  const client = {
    rpc: (_name: string, args: { events: { id: string; kind: string }[] }) => {
      calls.push(args.events);
      return Promise.resolve({ data: null, error: null, ...respond(args.events) });
    },
  } as unknown as SupabaseClient;
  return { client, calls };
}

const storage = new Map<string, string>();
globalThis.localStorage = {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
} as Storage;

const check = (optionId: string) => ({
  kind: 'check' as const,
  lessonId: 'ethics/confidentiality-and-its-limits',
  itemId: 'q1',
  optionId,
});

describe('outbox sync', () => {
  beforeEach(() => storage.clear());

  it('claims guest progress on first sign-in, sends it once, and keeps self-ratings local', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    await recorder.record(check('a'));
    await recorder.record({ kind: 'self-rating', skillId: 'ethics', rating: 3 });
    const { client, calls } = fakeSupabase((events) => ({
      data: events.map((event) => ({ id: event.id, status: 'accepted' })),
    }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((event) => event.kind)).toEqual(['check']);
    expect(await recorder.outbox.entries()).toEqual([]);
    expect(progressOwner.get()).toBe('user-1');
    await sync.syncNow();
    expect(calls).toHaveLength(1);
  });

  it('keeps refused events, with their reason, and never retries them', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const good = await recorder.record(check('a'));
    const bad = await recorder.record(check('zz'));
    const { client, calls } = fakeSupabase((events) => ({
      data: events.map((event) =>
        event.id === bad.id
          ? { id: event.id, status: 'refused', error: 'Knowledge-check answer does not exist' }
          : { id: event.id, status: 'accepted' },
      ),
    }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(sync.status()).toMatchObject({
      state: 'idle',
      pending: 0,
      refused: [{ id: bad.id, error: 'Knowledge-check answer does not exist' }],
    });
    await sync.syncNow();
    expect(
      calls
        .flat()
        .map((event) => event.id)
        .sort(),
    ).toEqual([good.id, bad.id].sort());
  });

  it('retries after a network failure, and counts a duplicate as delivered', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const record = await recorder.record(check('a'));
    let online = false;
    const { client, calls } = fakeSupabase((events) =>
      online
        ? { data: events.map((event) => ({ id: event.id, status: 'duplicate' })) }
        : { error: { message: 'Failed to fetch' } },
    );
    let clock = Date.parse('2026-05-01T00:00:00Z');
    const sync = createOutboxSync({
      recorder,
      supabase: client,
      userId: 'user-1',
      now: () => new Date(clock),
    });
    await sync.syncNow();
    expect(sync.status().state).toBe('offline');
    expect((await recorder.outbox.entries())[0]).toMatchObject({
      id: record.id,
      attempts: 1,
      fatal: false,
    });
    online = true;
    clock += 60_000;
    await sync.syncNow();
    sync.stop();
    expect(calls).toHaveLength(2);
    expect(await recorder.outbox.entries()).toEqual([]);
  });

  it('does not send another account’s progress', async () => {
    progressOwner.set('someone-else');
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    await recorder.record(check('a'));
    const { client, calls } = fakeSupabase(() => ({ data: [] }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(calls).toHaveLength(0);
    expect(sync.status().state).toBe('blocked');
  });

  it('maps records to the activity-event columns', () => {
    expect(
      toActivityEvent({
        kind: 'choice',
        id: 'i',
        at: 't',
        attemptId: 'a',
        scenarioId: 's',
        version: 'v',
        nodeId: 'n',
        choiceId: 'c',
        mode: 'practice',
      }),
    ).toEqual({
      id: 'i',
      kind: 'choice',
      occurred_at: 't',
      attempt_id: 'a',
      scenario_id: 's',
      scenario_version: 'v',
      node_id: 'n',
      choice_id: 'c',
      mode: 'practice',
    });
  });
});
