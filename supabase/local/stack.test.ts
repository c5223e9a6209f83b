import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { playThrough, playToEnding } from '../../src/domain/scenario/runtime';
import { createProgressRecorder } from '../../src/services/progress/recorder';
import type { ProgressRecord } from '../../src/services/progress/records';
import { createMemoryStore } from '../../src/services/progress/store';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import { createOutboxSync } from '../../src/services/sync/outbox-sync';
import { startStack, type RunningStack } from './stack';

// supabase-js against the running embedded stack: gateway → local Auth / PostgREST → PGlite.

let stack: RunningStack;
const scenario = loadAllContent(process.cwd()).scenarios.find(
  (entry) => entry.scenario.id === 'williams-eviction',
)!.scenario;
const client = () =>
  createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });

beforeAll(async () => {
  stack = await startStack({ port: 0, seed: false });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function signedUp(email: string): Promise<SupabaseClient> {
  const supabase = client();
  const { error } = await supabase.auth.signUp({ email, password: 'long enough password' });
  expect(error).toBeNull();
  return supabase;
}

describe('the embedded stack through supabase-js', () => {
  it('signs up, refuses a taken email and a wrong password, signs in', async () => {
    await signedUp('ana@example.org');
    const again = await client().auth.signUp({
      email: 'ana@example.org',
      password: 'long enough password',
    });
    expect(again.error?.message).toBe('User already registered');
    const short = await client().auth.signUp({ email: 'short@example.org', password: 'short' });
    expect(short.error?.message).toBe('Password should be at least 8 characters.');
    const wrong = await client().auth.signInWithPassword({
      email: 'ana@example.org',
      password: 'not the password',
    });
    expect(wrong.error?.message).toBe('Invalid login credentials');
    const right = await client().auth.signInWithPassword({
      email: 'ana@example.org',
      password: 'long enough password',
    });
    expect(right.error).toBeNull();
    expect(right.data.session?.user.email).toBe('ana@example.org');
  });

  it('rotates refresh tokens and refuses a reused one', async () => {
    const supabase = await signedUp('rotate@example.org');
    const first = (await supabase.auth.getSession()).data.session!;
    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session!.refresh_token).not.toBe(first.refresh_token);
    const reuse = await client().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reuse.error?.message).toBe('Invalid Refresh Token: Already Used');
  });

  it('updates the password and signs out', async () => {
    const supabase = await signedUp('change@example.org');
    expect((await supabase.auth.updateUser({ password: 'a new long password' })).error).toBeNull();
    expect(
      (
        await client().auth.signInWithPassword({
          email: 'change@example.org',
          password: 'a new long password',
        })
      ).error,
    ).toBeNull();
    expect((await supabase.auth.signOut()).error).toBeNull();
    expect((await supabase.auth.getUser()).error).not.toBeNull();
  });

  it('records a scenario play, derives the profile statistics, and keeps them private', async () => {
    const learner = await signedUp('learner@example.org');
    const other = await signedUp('other@example.org');
    const attemptId = crypto.randomUUID();
    const events: Record<string, unknown>[] = [];
    for (const { position, choice } of playThrough(scenario, (offered) => offered[0]!)) {
      events.push({
        id: crypto.randomUUID(),
        kind: 'choice',
        occurred_at: new Date().toISOString(),
        attempt_id: attemptId,
        scenario_id: scenario.id,
        scenario_version: scenario.version,
        node_id: position.node,
        choice_id: choice.id,
        mode: 'assessment',
      });
    }
    const { data, error } = (await learner.rpc('record_activity', { events })) as {
      data: unknown;
      error: { message: string } | null;
    };
    expect(error).toBeNull();
    expect((data as { status: string }[]).every((result) => result.status === 'accepted')).toBe(
      true,
    );

    const own = await learner.from('skill_totals').select('skill_id, s_plus, s_minus, events');
    expect(own.error).toBeNull();
    expect(own.data!.length).toBeGreaterThan(0);
    const theirs = await other.from('skill_totals').select('*');
    expect(theirs.data).toEqual([]);
    const events2 = await other.from('activity_events').select('id');
    expect(events2.data).toEqual([]);
    const anon = await client().from('activity_events').select('id');
    expect(anon.data ?? []).toEqual([]);
  });

  it('takes the outbox’s records in step order: a step ahead of its predecessor waits, a refused one ends its attempt', async () => {
    const learner = await signedUp('outbox@example.org');
    const recorder = createProgressRecorder({ store: createMemoryStore() });
    const userId = (await learner.auth.getUser()).data.user!.id;
    let skew = 0;
    const sync = createOutboxSync({
      recorder,
      supabase: learner,
      userId,
      now: () => new Date(Date.now() + skew),
    });
    const play = async (attemptId: string, wrongAt?: number) => {
      const records: ProgressRecord[] = [];
      const common = { attemptId, scenarioId: scenario.id, version: scenario.version };
      const { position: ending, decisions } = playToEnding(scenario, (offered) => offered[0]!);
      for (const { position, choice } of decisions) {
        const seq = records.length + 1;
        records.push(
          await recorder.record({
            kind: 'choice',
            ...common,
            mode: 'assessment',
            nodeId: seq === wrongAt ? 'no-such-node' : position.node,
            choiceId: choice.id,
            seq,
          }),
        );
      }
      records.push(
        await recorder.record({
          kind: 'completion',
          ...common,
          mode: 'assessment',
          endingId: ending.node,
          seq: records.length + 1,
        }),
      );
      return records;
    };

    // Another tab has sent the first decision and its request has not landed yet.
    const attempt = crypto.randomUUID();
    const [first, ...rest] = await play(attempt);
    await recorder.outbox.markSent([first!.id]);
    await sync.syncNow();
    expect(sync.status()).toMatchObject({ queued: rest.length, refused: [] });
    expect(await recorder.outbox.entries()).toContainEqual(
      expect.objectContaining({ code: 'awaiting_predecessor', fatal: false }),
    );
    expect(
      (await learner.rpc('record_activity', { events: [toActivityEvent(first!, 1)] })).error,
    ).toBeNull();
    skew += 60_000;
    await sync.syncNow();
    expect(sync.status()).toMatchObject({ queued: 0, refused: [] });
    const held = await learner.from('activity_events').select('id, seq').eq('attempt_id', attempt);
    expect(held.data!.map((row) => row.seq as number).sort((a, b) => a - b)).toEqual(
      [first, ...rest].map((_, index) => index + 1),
    );
    const done = await learner
      .from('learner_completions')
      .select('item_id')
      .eq('item_kind', 'scenario');
    expect(done.data).toEqual([{ item_id: scenario.id }]);

    // A decision the server refuses for good: the attempt's later records become final too.
    const broken = await play(crypto.randomUUID(), 2);
    await sync.syncNow();
    const refused = sync.status().refused;
    expect(refused.map((record) => record.id)).toEqual(broken.slice(1).map((record) => record.id));
    expect(refused[0]).toMatchObject({ code: 'out_of_sequence' });
    expect(refused.slice(1).every((record) => record.code === 'predecessor_refused')).toBe(true);
    expect(refused[1]!.error).toMatch(/^An earlier decision in this attempt could not be saved: /);
  });
});
