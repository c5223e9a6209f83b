import { hasStoredSession } from '../backend/stored-session';
import type { ProgressRecorder } from '../progress/recorder';
import type { OutboxSync } from './outbox-sync';

let active: Promise<OutboxSync | null> | undefined;

/**
 * Starts syncing the outbox if someone is signed in on this browser. Guests and sites without
 * a backend load nothing more than this check.
 */
export function startBackgroundSync(recorder: ProgressRecorder): Promise<OutboxSync | null> {
  if (!hasStoredSession()) return Promise.resolve(null);
  active ??= begin(recorder)
    .catch(() => null)
    .then((sync) => {
      // Offline before the sync's code or the backend's address loaded: the next call tries again.
      if (!sync) active = undefined;
      return sync;
    });
  return active;
}

async function begin(recorder: ProgressRecorder): Promise<OutboxSync | null> {
  const [{ getSupabase }, { createOutboxSync }] = await Promise.all([
    import('../backend/client'),
    import('./outbox-sync'),
  ]);
  const supabase = await getSupabase();
  if (!supabase) return null;
  const { data } = await supabase.auth.getSession();
  if (!data.session) return null;
  const sync = createOutboxSync({ recorder, supabase, userId: data.session.user.id });
  void sync.start();
  supabase.auth.onAuthStateChange((_event, session) => {
    if (!session) sync.stop();
  });
  return sync;
}
