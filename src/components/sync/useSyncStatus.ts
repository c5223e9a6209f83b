import { useEffect, useState } from 'react';
import { getProgressRecorder } from '../../services/progress';
import { startBackgroundSync } from '../../services/sync/background';
import type { SyncStatus } from '../../services/sync/outbox-sync';

/** The outbox sync's status for the signed-in learner; null for guests (nothing syncs). */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    void getProgressRecorder()
      .then((recorder) => startBackgroundSync(recorder))
      .then((sync) => {
        if (sync && !cancelled) unsubscribe = sync.subscribe(setStatus);
      });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);
  return status;
}
