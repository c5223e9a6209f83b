import type { NewProgressRecord, ProgressRecord } from './records';
import type { OutboxEntry, ProgressStore } from './store';

export const EXPORT_FORMAT = 'casecraft-progress';
export const EXPORT_VERSION = 1;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  records: ProgressRecord[];
}

export interface ImportResult {
  added: number;
  /** Records already present (same id): skipped, so importing twice never doubles anything. */
  duplicates: number;
  rejected: { index: number; problem: string }[];
}

export interface ProgressRecorder {
  /** Stores what the learner did; fills in a UUID and the time unless given. */
  record(input: NewProgressRecord): Promise<ProgressRecord>;
  all(): Promise<ProgressRecord[]>;
  exportProgress(): Promise<ProgressExport>;
  /** Imports an export file's text; bad records are reported and skipped, the rest kept. */
  importProgress(text: string): Promise<ImportResult>;
  /** Deletes every record and the outbox. */
  reset(): Promise<void>;
  /** Called after every change (record, import, reset), in this tab and others. */
  subscribe(listener: () => void): () => void;
  readonly outbox: Outbox;
  readonly persistent: boolean;
}

/** The queue of records not yet on the server; the sync service drains it. */
export interface Outbox {
  /** Every record and the entries still waiting, read together (one consistent view). */
  snapshot(): Promise<{ records: ProgressRecord[]; entries: OutboxEntry[] }>;
  /** Every entry still waiting, with its error if any (for the UI). */
  entries(): Promise<OutboxEntry[]>;
  markSent(ids: readonly string[]): Promise<void>;
  /**
   * Failed or postponed sends: fatal ones are kept and shown, never retried; the others are
   * retried by the next sync (not before `retryAt` when given). Entries already sent are left alone.
   */
  markFailed(failures: readonly OutboxFailure[]): Promise<void>;
}

export interface OutboxFailure {
  id: string;
  error: string;
  code?: string;
  fatal: boolean;
  retryAt?: Date;
  /** The server answered "not yet" (an earlier step of the attempt has not arrived). */
  deferred?: boolean;
}

export interface RecorderOptions {
  store: ProgressStore;
  now?: () => Date;
  uuid?: () => string;
  /** Notifies other tabs; omitted in tests. */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;
}

/** Retry delay after `attempts` failed tries in a row: 2s, 4s, 8s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(600_000, 1000 * 2 ** Math.max(1, attempts));
}

/**
 * The record codec (its zod schemas) loads apart from the page's first JavaScript, so the
 * scenario player stays within its budget; a recorder starts loading it when it is made,
 * which the player does as it opens, while the page is surely online.
 */
export const loadRecordCodec = () => import('../../domain/activity/browser-record');

export function createProgressRecorder(options: RecorderOptions): ProgressRecorder {
  const { store, channel } = options;
  const codec = loadRecordCodec();
  const now = options.now ?? (() => new Date());
  const uuid = options.uuid ?? (() => crypto.randomUUID());
  const listeners = new Set<() => void>();
  const notify = (broadcast = true) => {
    listeners.forEach((listener) => listener());
    if (broadcast) channel?.postMessage('changed');
  };
  channel?.addEventListener('message', () => notify(false));

  const outbox: Outbox = {
    async snapshot() {
      const { records, outbox: entries } = await store.snapshot();
      return { records, entries };
    },
    entries: () => store.outbox(),
    async markSent(ids) {
      if (ids.length === 0) return;
      await store.deleteOutbox(ids);
      notify();
    },
    async markFailed(failures) {
      if (failures.length === 0) return;
      const entries = new Map((await store.outbox()).map((entry) => [entry.id, entry]));
      for (const failure of failures) {
        const entry = entries.get(failure.id);
        if (!entry) continue;
        await store.putOutbox({
          id: entry.id,
          attempts: entry.attempts + 1,
          lastError: failure.error,
          ...(failure.code ? { code: failure.code } : {}),
          fatal: failure.fatal,
          ...(failure.retryAt && !failure.fatal ? { retryAt: failure.retryAt.toISOString() } : {}),
          ...(failure.deferred || entry.deferrals
            ? { deferrals: (entry.deferrals ?? 0) + (failure.deferred ? 1 : 0) }
            : {}),
        });
      }
      notify();
    },
  };

  return {
    persistent: store.persistent,
    outbox,
    async record(input) {
      const { decodeProgressRecord } = await codec;
      const decoded = decodeProgressRecord({
        ...input,
        id: input.id ?? uuid(),
        at: input.at ?? now().toISOString(),
      });
      if ('problem' in decoded) throw new Error(`Cannot record progress: ${decoded.problem}`);
      await store.add(decoded.record);
      notify();
      return decoded.record;
    },
    all: () => store.all(),
    async exportProgress() {
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: now().toISOString(),
        records: await store.all(),
      };
    },
    async importProgress(text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error('This file is not JSON. Choose a file exported from Casecraft.');
      }
      const file = parsed as Partial<ProgressExport> | null;
      if (!file || file.format !== EXPORT_FORMAT || !Array.isArray(file.records)) {
        throw new Error('This file is not a Casecraft progress export.');
      }
      if (file.version !== EXPORT_VERSION) {
        throw new Error(
          `This export has version ${String(file.version)}; this Casecraft reads version ${EXPORT_VERSION}.`,
        );
      }
      const { decodeProgressRecord } = await codec;
      const result: ImportResult = { added: 0, duplicates: 0, rejected: [] };
      for (const [index, value] of file.records.entries()) {
        const decoded = decodeProgressRecord(value);
        if ('problem' in decoded) {
          result.rejected.push({ index, problem: decoded.problem });
          continue;
        }
        if (await store.add(decoded.record)) result.added++;
        else result.duplicates++;
      }
      notify();
      return result;
    },
    async reset() {
      await store.clear();
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
