import type { SupabaseClient } from '@supabase/supabase-js';
import { friendlyError } from '../backend/errors';
import type { ProgressRecord } from '../progress/records';
import type { ProgressRecorder } from '../progress/recorder';

/**
 * Drains the progress outbox to the backend for the signed-in learner: batches through the
 * `record_activity` RPC, each event accepted, ignored as a repeat, or refused for good
 * (kept and shown, never retried); network failures retry with backoff.
 */

export interface SyncStatus {
  state: 'idle' | 'syncing' | 'offline' | 'blocked';
  pending: number;
  refused: { id: string; error: string }[];
  lastSyncedAt?: string;
  message?: string;
}

const BATCH = 50;
const OWNER_KEY = 'casecraft:progress-owner';

/** Only these kinds are activity on the server; self-ratings stay in the browser. */
const SYNCED = new Set<ProgressRecord['kind']>(['check', 'choice', 'completion']);

export function toActivityEvent(record: ProgressRecord): Record<string, unknown> {
  const base = { id: record.id, kind: record.kind, occurred_at: record.at };
  switch (record.kind) {
    case 'check':
      return {
        ...base,
        lesson_id: record.lessonId,
        item_id: record.itemId,
        option_id: record.optionId,
      };
    case 'choice':
      return {
        ...base,
        attempt_id: record.attemptId,
        scenario_id: record.scenarioId,
        scenario_version: record.version,
        node_id: record.nodeId,
        choice_id: record.choiceId,
        mode: record.mode,
      };
    case 'completion':
      return {
        ...base,
        attempt_id: record.attemptId,
        scenario_id: record.scenarioId,
        scenario_version: record.version,
        ending_id: record.endingId,
        mode: record.mode,
      };
    default:
      return base;
  }
}

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

export function createOutboxSync(options: {
  recorder: ProgressRecorder;
  supabase: SupabaseClient;
  userId: string;
  now?: () => Date;
}) {
  const { recorder, supabase, userId } = options;
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = { state: 'idle', pending: 0, refused: [] };
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const publish = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    listeners.forEach((listener) => listener(status));
  };

  const refresh = async () => {
    const entries = await recorder.outbox.entries();
    publish({
      pending: entries.filter((entry) => !entry.fatal).length,
      refused: entries
        .filter((entry) => entry.fatal)
        .map((entry) => ({ id: entry.id, error: entry.lastError ?? 'refused' })),
    });
  };

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), ms);
  };

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
    publish({ state: 'syncing', message: undefined });
    const due = await recorder.outbox.due(now());
    const localOnly = due
      .filter(({ record }) => !SYNCED.has(record.kind))
      .map(({ record }) => record.id);
    if (localOnly.length > 0) await recorder.outbox.markSent(localOnly);
    const toSend = due.filter(({ record }) => SYNCED.has(record.kind)).map(({ record }) => record);
    for (let start = 0; start < toSend.length; start += BATCH) {
      const batch = toSend.slice(start, start + BATCH);
      const { data, error } = (await supabase.rpc('record_activity', {
        events: batch.map(toActivityEvent),
      })) as { data: unknown; error: { message: string } | null };
      if (error) {
        const message = friendlyError(error);
        for (const record of batch)
          await recorder.outbox.markFailed(record.id, message, { fatal: false, now: now() });
        const offline = typeof navigator !== 'undefined' && !navigator.onLine;
        publish({
          state: 'offline',
          message: offline
            ? 'You are offline. Your progress is saved in this browser and will sync when you reconnect.'
            : message,
        });
        schedule(5_000);
        await refresh();
        return;
      }
      const results = (data ?? []) as {
        id: string;
        status: 'accepted' | 'duplicate' | 'refused';
        error?: string;
      }[];
      const sent = results
        .filter((result) => result.status !== 'refused')
        .map((result) => result.id);
      await recorder.outbox.markSent(sent);
      for (const result of results.filter((candidate) => candidate.status === 'refused')) {
        await recorder.outbox.markFailed(result.id, result.error ?? 'refused by the server', {
          fatal: true,
          now: now(),
        });
      }
    }
    publish({ state: 'idle', lastSyncedAt: now().toISOString() });
    await refresh();
    // Anything waiting for a retry time is picked up later.
    const waiting = (await recorder.outbox.entries()).filter((entry) => !entry.fatal);
    if (waiting.length > 0) schedule(10_000);
  }

  async function syncNow(): Promise<void> {
    running ??= drain()
      .catch((error: unknown) => {
        publish({ state: 'offline', message: friendlyError(error) });
        schedule(10_000);
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const onOnline = () => void syncNow();
  let unsubscribe = () => {};

  return {
    start() {
      unsubscribe = recorder.subscribe(() => schedule(300));
      if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
      void refresh();
      return syncNow();
    },
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    },
    syncNow,
    status: () => status,
    subscribe(listener: (next: SyncStatus) => void) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
  };
}

export type OutboxSync = ReturnType<typeof createOutboxSync>;
