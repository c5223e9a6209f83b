import type { SupabaseClient } from '@supabase/supabase-js';
import { toActivityEvent, type ActivityEvent } from '../../domain/activity/event-row';
import { isOutboxKind } from '../../domain/activity/kinds';
import { friendlyError } from '../backend/errors';
import type { ProgressRecord } from '../progress/records';
import { retryDelayMs, type OutboxFailure, type ProgressRecorder } from '../progress/recorder';
import { planDelivery, predecessorHeldHere, predecessorStillComing } from './delivery-order';

/**
 * Drains the progress outbox to the backend for the signed-in learner, through the
 * `record_activity` RPC. Each scenario attempt's records go in step order (see
 * delivery-order.ts); the server answers per event: accepted, a repeat, "not yet" (an earlier
 * step has not arrived: kept and retried after it) or refused for good (kept and shown, never
 * retried, and the attempt's later steps with it). Network failures retry with backoff. One
 * tab drains at a time (a Web Lock), though the server's answers keep parallel drains safe too.
 */

export interface RefusedRecord {
  id: string;
  kind: ProgressRecord['kind'];
  error: string;
  /** The server's machine-readable reason (`unknown_content`, `not_on_offer`, …). */
  code?: string;
}

export interface SyncStatus {
  /**
   * idle: not sending; syncing: sending; offline: the browser is offline; unreachable: online,
   * but the server did not answer; error: it answered with a failure (both retried);
   * blocked: this browser's progress belongs to another account.
   */
  state: 'idle' | 'syncing' | 'offline' | 'unreachable' | 'error' | 'blocked';
  /** Records in this browser still to reach the server (including those waiting on an earlier step). */
  queued: number;
  /** Records the server refused for good. */
  refused: RefusedRecord[];
  lastSyncedAt?: string;
  message?: string;
}

/** The server's answer for one event, in the order sent. */
export interface EventResult {
  id: string;
  status: 'accepted' | 'duplicate' | 'refused' | 'deferred';
  error?: string;
  code?: string;
  /** With `deferred`: the step the server expects next for that attempt. */
  waiting_for?: number;
}

/** Runs one drain while no other tab drains; resolves false when it could not run now. */
export type DrainLock = (run: () => Promise<void>) => Promise<boolean>;

const BATCH = 50;
const OWNER_KEY = 'casecraft:progress-owner';
const LOCK_NAME = 'casecraft:outbox-drain';
const LEASE_KEY = 'casecraft:outbox-lease';
/** A request that hangs this long is abandoned (and retried), so it never holds the lock. */
const REQUEST_TIMEOUT_MS = 30_000;
/** "Not yet" answers in a row, while this browser holds the missing step, before giving up. */
const MAX_DEFERRALS = 5;
/** A drain stops after this many rounds; anything left is picked up by the next one. */
const MAX_ROUNDS = 200;

/** Who the progress in this browser belongs to: nobody yet (a guest), or one account. */
export const progressOwner = {
  get: (): string | null => {
    try {
      return localStorage.getItem(OWNER_KEY);
    } catch {
      return null;
    }
  },
  set: (userId: string) => {
    try {
      localStorage.setItem(OWNER_KEY, userId);
    } catch {
      // Without storage there is nothing to claim.
    }
  },
  clear: () => {
    try {
      localStorage.removeItem(OWNER_KEY);
    } catch {
      // nothing stored
    }
  },
};

/**
 * One drain at a time across this browser's tabs: a Web Lock where the browser has them,
 * otherwise a lease in localStorage (best effort; the server's answers keep overlaps safe).
 */
export function browserDrainLock(): DrainLock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) {
    return async (run) => {
      await locks.request(LOCK_NAME, run);
      return true;
    };
  }
  const me = Math.random().toString(36).slice(2);
  return async (run) => {
    const now = Date.now();
    try {
      const [holder, until] = (localStorage.getItem(LEASE_KEY) ?? '').split('@');
      if (holder && holder !== me && Number(until) > now) return false;
      localStorage.setItem(LEASE_KEY, `${me}@${now + 2 * REQUEST_TIMEOUT_MS}`);
    } catch {
      // No storage: nothing to share a lease with.
    }
    try {
      await run();
      return true;
    } finally {
      try {
        if (localStorage.getItem(LEASE_KEY)?.startsWith(`${me}@`))
          localStorage.removeItem(LEASE_KEY);
      } catch {
        // as above
      }
    }
  };
}

const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** True when a failed request never got an answer from the server (network, timeout). */
function unanswered(error: { message: string }): boolean {
  return /Failed to fetch|NetworkError|fetch failed|Load failed|ECONNREFUSED|abort|timed? ?out/i.test(
    error.message,
  );
}

const OFFLINE_MESSAGE =
  'You are offline. Your progress is saved in this browser and will sync when you reconnect.';

export function createOutboxSync(options: {
  recorder: ProgressRecorder;
  supabase: Pick<SupabaseClient, 'rpc'>;
  userId: string;
  now?: () => Date;
  lock?: DrainLock;
}) {
  const { recorder, supabase, userId } = options;
  const now = options.now ?? (() => new Date());
  const lock = options.lock ?? browserDrainLock();
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = { state: 'idle', queued: 0, refused: [] };
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  /** Failed tries in a row (network or server), for the backoff. */
  let failures = 0;

  const publish = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    listeners.forEach((listener) => listener(status));
  };

  const refresh = async () => {
    const { records, entries } = await recorder.outbox.snapshot();
    const kinds = new Map(records.map((record) => [record.id, record.kind]));
    const synced = entries.filter((entry) => isOutboxKind(kinds.get(entry.id)));
    publish({
      queued: synced.filter((entry) => !entry.fatal).length,
      refused: synced
        .filter((entry) => entry.fatal)
        .map((entry) => ({
          id: entry.id,
          kind: kinds.get(entry.id)!,
          error: entry.lastError ?? 'The server refused this record.',
          ...(entry.code ? { code: entry.code } : {}),
        })),
    });
  };

  /** Timers run only once started (tests drive `syncNow` themselves). */
  const schedule = (ms: number) => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), ms);
  };

  async function send(
    events: ActivityEvent[],
  ): Promise<{ results?: EventResult[]; error?: { message: string } }> {
    const { data, error } = (await supabase
      .rpc('record_activity', { events })
      .abortSignal(AbortSignal.timeout(REQUEST_TIMEOUT_MS))) as {
      data: unknown;
      error: { message: string } | null;
    };
    if (error) return { error };
    if (!Array.isArray(data))
      return { error: { message: 'The server sent an unexpected answer.' } };
    return { results: data as EventResult[] };
  }

  /** One round: plan, send one batch, file the answers. False when nothing was left to send. */
  async function round(answeredNotYet: Set<string>): Promise<'sent' | 'done' | 'failed'> {
    const { records, entries } = await recorder.outbox.snapshot();
    const plan = planDelivery(records, entries, now(), answeredNotYet);
    await recorder.outbox.markSent(plan.localOnly);
    await recorder.outbox.markFailed(
      plan.blocked.map(({ id, error }) => ({
        id,
        error,
        code: 'predecessor_refused',
        fatal: true,
      })),
    );
    const batch = plan.ready.slice(0, BATCH);
    if (batch.length === 0) return 'done';
    publish({ state: 'syncing', message: undefined });

    const { results, error } = await send(
      batch.map(({ record, seq }) => toActivityEvent(record, seq)),
    );
    if (error) {
      failures++;
      await recorder.outbox.markFailed(
        batch.map(({ record }) => ({ id: record.id, error: friendlyError(error), fatal: false })),
      );
      publish(
        browserOffline()
          ? { state: 'offline', message: OFFLINE_MESSAGE }
          : { state: unanswered(error) ? 'unreachable' : 'error', message: friendlyError(error) },
      );
      schedule(retryDelayMs(failures));
      return 'failed';
    }
    failures = 0;

    const answers = new Map((results ?? []).map((result) => [result.id, result]));
    const sent: string[] = [];
    const failed: OutboxFailure[] = [];
    for (const { record } of batch) {
      const answer = answers.get(record.id);
      if (answer?.status === 'accepted' || answer?.status === 'duplicate') {
        sent.push(record.id);
      } else if (answer?.status === 'refused') {
        failed.push({
          id: record.id,
          error: answer.error ?? 'The server refused this record.',
          ...(answer.code ? { code: answer.code } : {}),
          fatal: true,
        });
      } else if (answer?.status === 'deferred' && typeof answer.waiting_for === 'number') {
        answeredNotYet.add(record.id);
        failed.push(deferral(record, answer.waiting_for, records, entries));
      } else {
        // No usable answer for this event: try again with the next sync.
        answeredNotYet.add(record.id);
        failed.push({
          id: record.id,
          error: 'The server did not answer for this record.',
          fatal: false,
        });
      }
    }
    await recorder.outbox.markSent(sent);
    await recorder.outbox.markFailed(failed);
    return 'sent';
  }

  /** What to do with a record the server cannot store yet (step `waitingFor` comes first). */
  function deferral(
    record: ProgressRecord,
    waitingFor: number,
    records: ProgressRecord[],
    entries: Awaited<ReturnType<ProgressRecorder['outbox']['entries']>>,
  ): OutboxFailure {
    const entry = entries.find((candidate) => candidate.id === record.id);
    const waiting = 'Waiting for an earlier decision in this attempt to reach the server.';
    // The missing step is queued here: it goes first next round, then this one.
    if (predecessorStillComing(record, waitingFor, records, entries))
      return {
        id: record.id,
        error: waiting,
        code: 'awaiting_predecessor',
        fatal: false,
        deferred: true,
      };
    // Held here but already delivered (by another tab just now): retry shortly, a few times.
    if (
      predecessorHeldHere(record, waitingFor, records) &&
      (entry?.deferrals ?? 0) < MAX_DEFERRALS
    ) {
      return {
        id: record.id,
        error: waiting,
        code: 'awaiting_predecessor',
        fatal: false,
        deferred: true,
        retryAt: new Date(now().getTime() + 1000 * ((entry?.deferrals ?? 0) + 1)),
      };
    }
    return {
      id: record.id,
      error:
        'An earlier decision in this attempt never reached the server and is not held in this browser, so this one cannot be saved.',
      code: 'missing_predecessor',
      fatal: true,
    };
  }

  async function drain(): Promise<void> {
    // Guest progress in this browser is claimed by the first account that signs in here;
    // another account's unsynced progress is never sent under this one.
    const owner = progressOwner.get();
    if (owner && owner !== userId) {
      publish({
        state: 'blocked',
        message:
          'This browser holds progress from another account. Sign in as that account to save it, or reset your progress on the profile page.',
      });
      return;
    }
    progressOwner.set(userId);
    if (browserOffline()) {
      publish({ state: 'offline', message: OFFLINE_MESSAGE });
      await refresh();
      return; // the `online` event starts the next drain
    }
    const answeredNotYet = new Set<string>();
    let outcome: 'sent' | 'done' | 'failed' = 'sent';
    let rounds = 0;
    for (; outcome === 'sent' && rounds < MAX_ROUNDS; rounds++)
      outcome = await round(answeredNotYet);
    if (outcome !== 'failed') {
      publish({
        state: 'idle',
        message: undefined,
        ...(rounds > 1 ? { lastSyncedAt: now().toISOString() } : {}),
      });
    }
    await refresh();
    if (outcome === 'failed') return;
    // Records left after the round limit, or waiting for a retry time, go with a later drain.
    const { records, entries } = await recorder.outbox.snapshot();
    const left = planDelivery(records, entries, now());
    if (left.ready.length > 0) return schedule(1000);
    const retries = entries
      .filter((entry) => !entry.fatal && entry.retryAt)
      .map((entry) => Date.parse(entry.retryAt!) - now().getTime());
    if (retries.length > 0) schedule(Math.max(1000, Math.min(...retries)));
  }

  async function syncNow(): Promise<void> {
    running ??= lock(drain)
      .then((ran) => {
        if (!ran) schedule(5000); // another tab is draining; look again later
      })
      .catch(async (error: unknown) => {
        failures++;
        publish({ state: 'error', message: friendlyError(error) });
        schedule(retryDelayMs(failures));
        await refresh().catch(() => undefined);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const onOnline = () => {
    failures = 0;
    void syncNow();
  };
  const onOffline = () => publish({ state: 'offline', message: OFFLINE_MESSAGE });
  let unsubscribe = () => {};

  return {
    start() {
      started = true;
      unsubscribe = recorder.subscribe(() => {
        void refresh();
        schedule(300);
      });
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onOnline);
        window.addEventListener('offline', onOffline);
      }
      void refresh();
      return syncNow();
    },
    stop() {
      started = false;
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
    },
    syncNow,
    refresh,
    status: () => status,
    subscribe(listener: (next: SyncStatus) => void) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
  };
}

export type OutboxSync = ReturnType<typeof createOutboxSync>;
