import { useEffect, useMemo, useRef, useState } from 'react';
import { refusalAdvice, summariseSync, type SyncTone } from '../../services/sync/sync-summary';
import { useSyncStatus } from './useSyncStatus';
import './sync.css';

/**
 * A small line in the scenario player saying where the learner's decisions are: offline
 * (kept in this browser), waiting to sync, saved to their account, or a problem with what
 * to do. Screen readers hear changes of state, not every count: "waiting" and "saved" swap
 * after each decision, so only going offline, a problem, and saved-again are announced.
 */
export function SyncIndicator() {
  const status = useSyncStatus();
  const summary = useMemo(() => (status ? summariseSync(status) : null), [status]);
  const [announcement, setAnnouncement] = useState('');
  const lastTone = useRef<SyncTone | null>(null);

  useEffect(() => {
    if (!summary) return;
    const previous = lastTone.current;
    lastTone.current = summary.tone;
    if (previous === null || previous === summary.tone) return;
    const calm = (tone: SyncTone | null) => tone === 'queued' || tone === 'synced';
    if (calm(previous) && calm(summary.tone)) return;
    setAnnouncement(summary.tone === 'queued' ? summary.short : summary.text);
  }, [summary]);

  if (!status || !summary) return null;
  const firstRefusal = status.refused[0];
  return (
    <div className="sync-indicator" data-tone={summary.tone}>
      <p>
        <span className="sync-dot" aria-hidden="true" />
        {summary.short}
        {summary.tone === 'problem' && (
          <>
            {' '}
            <a href="/team/">Details</a>
          </>
        )}
      </p>
      {firstRefusal && <p className="sync-advice">{refusalAdvice(firstRefusal)}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
