import { completion, promisify } from '../indexed-db';
import type { ProgressRecord } from './records';

/** Sync bookkeeping for one record waiting to reach the server. */
export interface OutboxEntry {
  id: string;
  attempts: number;
  /** Earliest time (ISO) of the next try, after a retryable failure. */
  retryAt?: string;
  lastError?: string;
  /** Machine-readable reason from the server (`not_on_offer`, `awaiting_predecessor`, …). */
  code?: string;
  /** Times the server answered "not yet: an earlier step of this attempt has not arrived". */
  deferrals?: number;
  /** The server refused the record for good (e.g. content it does not know); kept and shown, never retried. */
  fatal?: boolean;
}

/**
 * Where progress records live in the browser. Adding a record puts it in the outbox in the
 * same step, so nothing recorded can miss the sync.
 */
export interface ProgressStore {
  /** Adds the record and its outbox entry; false (and no change) when the id is already stored. */
  add(record: ProgressRecord): Promise<boolean>;
  /** Every record, oldest first. */
  all(): Promise<ProgressRecord[]>;
  /** Deletes every record and the outbox. */
  clear(): Promise<void>;
  outbox(): Promise<OutboxEntry[]>;
  /** Every record and every outbox entry, read together (one consistent view). */
  snapshot(): Promise<{ records: ProgressRecord[]; outbox: OutboxEntry[] }>;
  /**
   * Updates an entry still in the outbox; a no-op once it has been removed (sent), so a late
   * failure report from a parallel sync never brings a delivered record back.
   */
  putOutbox(entry: OutboxEntry): Promise<void>;
  deleteOutbox(ids: readonly string[]): Promise<void>;
  /** True when records survive a reload (IndexedDB); false for the in-memory fallback. */
  readonly persistent: boolean;
}

const byTime = (a: ProgressRecord, b: ProgressRecord) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** In-memory store: for tests, and for browsers where IndexedDB is unavailable. */
export function createMemoryStore(): ProgressStore {
  const records = new Map<string, ProgressRecord>();
  const outbox = new Map<string, OutboxEntry>();
  return {
    persistent: false,
    add(record) {
      if (records.has(record.id)) return Promise.resolve(false);
      records.set(record.id, record);
      outbox.set(record.id, { id: record.id, attempts: 0 });
      return Promise.resolve(true);
    },
    all: () => Promise.resolve([...records.values()].sort(byTime)),
    clear() {
      records.clear();
      outbox.clear();
      return Promise.resolve();
    },
    outbox: () => Promise.resolve([...outbox.values()]),
    snapshot: () =>
      Promise.resolve({
        records: [...records.values()].sort(byTime),
        outbox: [...outbox.values()],
      }),
    putOutbox(entry) {
      if (outbox.has(entry.id)) outbox.set(entry.id, entry);
      return Promise.resolve();
    },
    deleteOutbox(ids) {
      ids.forEach((id) => outbox.delete(id));
      return Promise.resolve();
    },
  };
}

const DB_NAME = 'casecraft';
const DB_VERSION = 1;
const RECORDS = 'records';
const OUTBOX = 'outbox';

/** Opens (creating on first use) the browser's progress database. */
export async function openIndexedDbStore(factory: IDBFactory = indexedDB): Promise<ProgressStore> {
  const open = factory.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(RECORDS)) {
      db.createObjectStore(RECORDS, { keyPath: 'id' }).createIndex('at', 'at');
    }
    if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'id' });
  };
  const db = await promisify(open);

  return {
    persistent: true,
    async add(record) {
      const transaction = db.transaction([RECORDS, OUTBOX], 'readwrite');
      const done = completion(transaction);
      const records = transaction.objectStore(RECORDS);
      const existing = await promisify(records.getKey(record.id));
      if (existing !== undefined) {
        transaction.abort();
        await done.catch(() => undefined);
        return false;
      }
      records.add(record);
      transaction.objectStore(OUTBOX).put({ id: record.id, attempts: 0 } satisfies OutboxEntry);
      await done;
      return true;
    },
    async all() {
      const records = (await promisify(
        db.transaction(RECORDS).objectStore(RECORDS).getAll(),
      )) as ProgressRecord[];
      return records.sort(byTime);
    },
    async clear() {
      const transaction = db.transaction([RECORDS, OUTBOX], 'readwrite');
      transaction.objectStore(RECORDS).clear();
      transaction.objectStore(OUTBOX).clear();
      await completion(transaction);
    },
    async outbox() {
      return (await promisify(
        db.transaction(OUTBOX).objectStore(OUTBOX).getAll(),
      )) as OutboxEntry[];
    },
    async snapshot() {
      const transaction = db.transaction([RECORDS, OUTBOX]);
      const [records, outbox] = await Promise.all([
        promisify(transaction.objectStore(RECORDS).getAll()) as Promise<ProgressRecord[]>,
        promisify(transaction.objectStore(OUTBOX).getAll()) as Promise<OutboxEntry[]>,
      ]);
      return { records: records.sort(byTime), outbox };
    },
    async putOutbox(entry) {
      const transaction = db.transaction(OUTBOX, 'readwrite');
      const done = completion(transaction);
      const store = transaction.objectStore(OUTBOX);
      if ((await promisify(store.getKey(entry.id))) !== undefined) store.put(entry);
      await done;
    },
    async deleteOutbox(ids) {
      const transaction = db.transaction(OUTBOX, 'readwrite');
      const store = transaction.objectStore(OUTBOX);
      ids.forEach((id) => store.delete(id));
      await completion(transaction);
    },
  };
}
