import { createProgressRecorder, loadRecordCodec, type ProgressRecorder } from './recorder';
import { createMemoryStore, openIndexedDbStore } from './store';

export * from './records';
export * from './recorder';
export type { OutboxEntry, ProgressStore } from './store';

let shared: Promise<ProgressRecorder> | undefined;

/**
 * The page's one progress recorder, on IndexedDB when the browser allows it and in memory
 * otherwise (private windows in some browsers): `persistent` tells the UI which.
 */
export function getProgressRecorder(): Promise<ProgressRecorder> {
  shared ??= (async () => {
    // Reading records needs the codec as well as the store: both load at once, not in turn.
    void loadRecordCodec();
    const store = await openIndexedDbStore().catch(() => createMemoryStore());
    const channel =
      typeof BroadcastChannel === 'undefined'
        ? undefined
        : new BroadcastChannel('casecraft-progress');
    const recorder = createProgressRecorder({ store, channel });
    // Signed in? Then what is recorded here also syncs (loaded only when someone is).
    void import('../sync/background').then(({ startBackgroundSync }) =>
      startBackgroundSync(recorder),
    );
    return recorder;
  })();
  return shared;
}
