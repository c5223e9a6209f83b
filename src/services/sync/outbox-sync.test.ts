import { beforeEach, describe, expect, it } from 'vitest';
import { createActivityServer } from '../../../tests/support/activity-server';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { createProgressRecorder, type ProgressRecorder } from '../progress/recorder';
import { createMemoryStore } from '../progress/store';
import { toActivityEvent } from '../../domain/activity/event-row';
import { createOutboxSync, progressOwner, type DrainLock, type EventResult } from './outbox-sync';

type Event = { id: string; kind: string; seq?: number };
type Reply = { data?: EventResult[] | null; error?: { message: string } };

/** A stand-in for supabase.rpc('record_activity'): scripted per call. */
function fakeSupabase(respond: (events: Event[]) => Reply | Promise<Reply>) {
  const calls: Event[][] = [];
  const client = {
    rpc: (_name: string, args: { events: Event[] }) => {
      calls.push(args.events);
      const response = Promise.resolve(respond(args.events)).then((reply) => ({
        data: null,
        error: null,
        ...reply,
      }));
      return { abortSignal: () => response };
    },
  };
  return { client: client as never, calls };
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

const ATTEMPT = '44444444-4444-4444-8444-444444444444';
const mini = loadFixtureScenario('mini');
/** The mini fixture played good → x → end-good, as the player records it. */
const play = [
  { kind: 'choice' as const, nodeId: 'a', choiceId: 'good', seq: 1 },
  { kind: 'choice' as const, nodeId: 'b', choiceId: 'x', seq: 2 },
  { kind: 'completion' as const, endingId: 'end-good', seq: 3 },
];
const common = {
  attemptId: ATTEMPT,
  scenarioId: 'mini',
  version: 'v1',
  mode: 'assessment' as const,
};

async function recordPlay(recorder: ProgressRecorder, withSeq = true) {
  const records = [];
  for (const { seq, ...step } of play)
    records.push(await recorder.record({ ...common, ...step, ...(withSeq ? { seq } : {}) }));
  return records;
}

const accepted = (events: Event[]): Reply => ({
  data: events.map((event) => ({ id: event.id, status: 'accepted' })),
});

describe('outbox sync', () => {
  beforeEach(() => storage.clear());

  it('claims guest progress on first sign-in, sends it once, and keeps self-ratings local', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    await recorder.record(check('a'));
    await recorder.record({ kind: 'self-rating', skillId: 'ethics', rating: 3 });
    const { client, calls } = fakeSupabase(accepted);
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((event) => event.kind)).toEqual(['check']);
    expect(await recorder.outbox.entries()).toEqual([]);
    expect(progressOwner.get()).toBe('user-1');
    expect(sync.status()).toMatchObject({ state: 'idle', queued: 0, refused: [] });
    await sync.syncNow();
    expect(calls).toHaveLength(1);
  });

  it('keeps refused events, with their reason and code, and never retries them', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const good = await recorder.record(check('a'));
    const bad = await recorder.record(check('zz'));
    const { client, calls } = fakeSupabase((events) => ({
      data: events.map((event) =>
        event.id === bad.id
          ? {
              id: event.id,
              status: 'refused',
              error: 'Knowledge-check answer does not exist',
              code: 'unknown_content',
            }
          : { id: event.id, status: 'accepted' },
      ),
    }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(sync.status()).toMatchObject({
      state: 'idle',
      queued: 0,
      refused: [
        {
          id: bad.id,
          kind: 'check',
          error: 'Knowledge-check answer does not exist',
          code: 'unknown_content',
        },
      ],
    });
    await sync.syncNow();
    expect(
      calls
        .flat()
        .map((event) => event.id)
        .sort(),
    ).toEqual([good.id, bad.id].sort());
  });

  it('retries after a network failure, says the server is out of reach meanwhile, and counts a duplicate as delivered', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const record = await recorder.record(check('a'));
    let online = false;
    const { client, calls } = fakeSupabase((events) =>
      online
        ? { data: events.map((event) => ({ id: event.id, status: 'duplicate' })) }
        : { error: { message: 'TypeError: Failed to fetch' } },
    );
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(sync.status()).toMatchObject({ state: 'unreachable', queued: 1 });
    expect((await recorder.outbox.entries())[0]).toMatchObject({
      id: record.id,
      attempts: 1,
      fatal: false,
    });
    online = true;
    await sync.syncNow();
    expect(calls).toHaveLength(2);
    expect(await recorder.outbox.entries()).toEqual([]);
    expect(sync.status()).toMatchObject({ state: 'idle', queued: 0 });
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

  it('maps records to the activity-event columns, with the step number', () => {
    const choice = {
      kind: 'choice' as const,
      id: 'i',
      at: 't',
      attemptId: 'a',
      scenarioId: 's',
      version: 'v',
      nodeId: 'n',
      choiceId: 'c',
      mode: 'practice' as const,
    };
    const columns = {
      id: 'i',
      kind: 'choice',
      occurred_at: 't',
      attempt_id: 'a',
      scenario_id: 's',
      scenario_version: 'v',
      node_id: 'n',
      choice_id: 'c',
      mode: 'practice',
    };
    expect(toActivityEvent(choice)).toEqual(columns);
    expect(toActivityEvent({ ...choice, seq: 4 }, 4)).toEqual({ ...columns, seq: 4 });
  });

  it('sends an attempt only in step order: a step whose predecessor waits, waits', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const [first, second, completion] = await recordPlay(recorder);
    // The first decision is refused once by the network, then the others must not overtake it.
    let fail = true;
    const { client, calls } = fakeSupabase((events) => {
      if (fail) {
        fail = false;
        return { error: { message: 'TypeError: Failed to fetch' } };
      }
      return accepted(events);
    });
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    await sync.syncNow();
    expect(calls.map((events) => events.map((event) => [event.id, event.seq]))).toEqual([
      [
        [first!.id, 1],
        [second!.id, 2],
        [completion!.id, 3],
      ],
      [
        [first!.id, 1],
        [second!.id, 2],
        [completion!.id, 3],
      ],
    ]);
    expect(await recorder.outbox.entries()).toEqual([]);
  });

  it('keeps a "not yet" answer queued and sends it again soon after its predecessor lands', async () => {
    let clock = Date.parse('2026-05-01T10:00:00Z');
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const [first, second, completion] = await recordPlay(recorder);
    // Another tab has sent the first decision; its request is still on the way.
    await recorder.outbox.markSent([first!.id]);
    const server = createActivityServer({ mini });
    const { client, calls } = fakeSupabase((events) => ({ data: server.recordActivity(events) }));
    const sync = createOutboxSync({
      recorder,
      supabase: client,
      userId: 'user-1',
      now: () => new Date(clock),
    });
    await sync.syncNow();
    expect(server.deferrals()).toBe(2);
    expect(sync.status()).toMatchObject({ queued: 2, refused: [] });
    expect(await recorder.outbox.entries()).toMatchObject([
      { id: second!.id, code: 'awaiting_predecessor', fatal: false, deferrals: 1 },
      { id: completion!.id, code: 'awaiting_predecessor', fatal: false, deferrals: 1 },
    ]);
    // The other tab's request lands; a second later the waiting steps go, in order.
    server.recordActivity([toActivityEvent(first!, 1)]);
    clock += 1000;
    await sync.syncNow();
    expect(calls).toHaveLength(2);
    expect(server.refusals).toEqual([]);
    expect(server.attempts.get(ATTEMPT)?.stored).toEqual([first!.id, second!.id, completion!.id]);
    expect(await recorder.outbox.entries()).toEqual([]);
  });

  it('makes the later steps of an attempt final when an earlier one is refused, and says why', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const [first, second, completion] = await recordPlay(recorder);
    const { client, calls } = fakeSupabase((events) => ({
      data: events.map((event) =>
        event.id === first!.id
          ? {
              id: event.id,
              status: 'refused',
              error: 'Unknown scenario "mini" at version "v1"',
              code: 'unknown_content',
            }
          : { id: event.id, status: 'deferred', code: 'awaiting_predecessor', waiting_for: 1 },
      ),
    }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    await sync.syncNow();
    expect(calls).toHaveLength(1);
    const because =
      'An earlier decision in this attempt could not be saved: Unknown scenario "mini" at version "v1"';
    expect(sync.status()).toMatchObject({
      queued: 0,
      refused: [
        { id: first!.id, code: 'unknown_content' },
        { id: second!.id, code: 'predecessor_refused', error: because },
        { id: completion!.id, code: 'predecessor_refused', error: because },
      ],
    });
  });

  it('gives up on a step whose predecessor is not in this browser and the server lacks', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    // Only the second decision was recorded here (the first failed to save).
    const second = await recorder.record({ ...common, ...play[1]! });
    const server = createActivityServer({ mini });
    const { client } = fakeSupabase((events) => ({ data: server.recordActivity(events) }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(sync.status()).toMatchObject({
      queued: 0,
      refused: [{ id: second.id, code: 'missing_predecessor' }],
    });
  });

  it('numbers records from before step numbers existed by their recorded order', async () => {
    let clock = Date.parse('2026-05-01T10:00:00Z');
    const recorder = createProgressRecorder({
      store: createMemoryStore(),
      now: () => new Date((clock += 1000)),
    });
    const records = await recordPlay(recorder, false);
    const server = createActivityServer({ mini });
    const { client, calls } = fakeSupabase((events) => ({
      data: server.recordActivity([...events].reverse()).reverse(),
    }));
    const sync = createOutboxSync({ recorder, supabase: client, userId: 'user-1' });
    await sync.syncNow();
    expect(calls[0]!.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(server.attempts.get(ATTEMPT)?.stored).toEqual(records.map((record) => record.id));
    expect(await recorder.outbox.entries()).toEqual([]);
  });

  it('drains in one tab at a time when given a lock', async () => {
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    await recordPlay(recorder);
    let holders = 0;
    let most = 0;
    let tail = Promise.resolve();
    const lock: DrainLock = (run) => {
      const turn = tail.then(async () => {
        most = Math.max(most, ++holders);
        await run();
        holders--;
      });
      tail = turn;
      return turn.then(() => true);
    };
    const server = createActivityServer({ mini });
    const { client, calls } = fakeSupabase(async (events) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { data: server.recordActivity(events) };
    });
    const tabs = [1, 2].map(() =>
      createOutboxSync({ recorder, supabase: client, userId: 'user-1', lock }),
    );
    await Promise.all(tabs.map((tab) => tab.syncNow()));
    expect(most).toBe(1);
    expect(calls).toHaveLength(1);
    expect(await recorder.outbox.entries()).toEqual([]);
  });
});
