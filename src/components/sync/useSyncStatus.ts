import { useEffect, useState } from 'react';
import { hasStoredSession } from '../../services/backend/stored-session';
import { getProgressRecorder } from '../../services/progress';
import { startBackgroundSync } from '../../services/sync/background';
import { isOutboxKind } from '../../domain/activity/kinds';
import type { SyncStatus } from '../../services/sync/outbox-sync';

/**
 * The outbox sync's status for the signed-in learner; null for guests (nothing syncs). When
 * the sync could not start because the browser went offline before it loaded, the learner is
 * told they are offline (with what waits in this browser), and it starts on reconnecting.
 */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    const connect = async () => {
      const recorder = await getProgressRecorder();
      const sync = await startBackgroundSync(recorder);
      if (cancelled) return;
      unsubscribe();
      if (sync) {
        window.removeEventListener('online', onOnline);
        unsubscribe = sync.subscribe(setStatus);
      } else if (hasStoredSession() && !navigator.onLine) {
        const offline = async () => {
          const { records, entries } = await recorder.outbox.snapshot();
          const kinds = new Map(records.map((record) => [record.id, record.kind]));
          const queued = entries.filter(
            (entry) => !entry.fatal && isOutboxKind(kinds.get(entry.id)),
          ).length;
          if (!cancelled) setStatus({ state: 'offline', queued, refused: [] });
        };
        void offline();
        unsubscribe = recorder.subscribe(() => void offline());
      }
    };
    const onOnline = () => void connect();
    window.addEventListener('online', onOnline);
    void connect();
    return () => {
      cancelled = true;
      window.removeEventListener('online', onOnline);
      unsubscribe();
    };
  }, []);
  return status;
}
