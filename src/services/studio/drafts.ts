/**
 * The studio's drafts, kept in the browser (IndexedDB, a database of its own: the studio
 * never touches the learner's progress records or their outbox). In memory when the
 * browser refuses storage, and the page says so.
 */
import { completion, promisify } from '../indexed-db';

export interface Draft {
  id: string;
  name: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export const MAX_DRAFT_NAME = 120;

export interface DraftStore {
  /** Every draft, most recently changed first. */
  list(): Promise<Draft[]>;
  get(id: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  remove(id: string): Promise<void>;
  readonly persistent: boolean;
}

const byRecent = (a: Draft, b: Draft) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1;

/** A draft's name as stored: trimmed, one line, at most MAX_DRAFT_NAME characters. */
export function cleanDraftName(name: string, fallback = 'Untitled draft'): string {
  const cleaned = name.replace(/\s+/g, ' ').trim().slice(0, MAX_DRAFT_NAME);
  return cleaned || fallback;
}

/** A name not yet taken: `name`, else `name (2)`, `name (3)`, … */
export function uniqueDraftName(name: string, taken: readonly string[]): string {
  const base = cleanDraftName(name);
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_DRAFT_NAME - 6)} (${n})`;
    if (!taken.includes(candidate)) return candidate;
  }
}

export function createMemoryDraftStore(): DraftStore {
  const drafts = new Map<string, Draft>();
  return {
    persistent: false,
    list: () => Promise.resolve([...drafts.values()].sort(byRecent)),
    get: (id) => Promise.resolve(drafts.get(id)),
    put(draft) {
      drafts.set(draft.id, { ...draft });
      return Promise.resolve();
    },
    remove(id) {
      drafts.delete(id);
      return Promise.resolve();
    },
  };
}

const DB_NAME = 'casecraft-studio';
const DB_VERSION = 1;
const DRAFTS = 'drafts';

export async function openDraftStore(factory: IDBFactory = indexedDB): Promise<DraftStore> {
  const open = factory.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'id' });
  };
  const db = await promisify(open);
  return {
    persistent: true,
    async list() {
      const drafts = (await promisify(
        db.transaction(DRAFTS).objectStore(DRAFTS).getAll(),
      )) as Draft[];
      return drafts.sort(byRecent);
    },
    async get(id) {
      return (await promisify(db.transaction(DRAFTS).objectStore(DRAFTS).get(id))) as
        Draft | undefined;
    },
    async put(draft) {
      const transaction = db.transaction(DRAFTS, 'readwrite');
      transaction.objectStore(DRAFTS).put(draft);
      await completion(transaction);
    },
    async remove(id) {
      const transaction = db.transaction(DRAFTS, 'readwrite');
      transaction.objectStore(DRAFTS).delete(id);
      await completion(transaction);
    },
  };
}
