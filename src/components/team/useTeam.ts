import { useEffect, useState } from 'react';
import type { User } from '@supabase/supabase-js';
import type { Backend } from '../../services/backend/client';
import { loadScoringCatalogue, type ScoringCatalogue } from '../../services/scoring-catalogue';
import { subscribeSession, type SessionState } from '../../services/session';
import type { Membership, TeamQueries } from '../../services/team/queries';
import { friendlyError } from '../../services/backend/errors';

export interface TeamContext {
  user: User;
  supabase: Backend;
  queries: TeamQueries;
  memberships: Membership[];
  catalogue: ScoringCatalogue;
  reloadMemberships: () => void;
}

export type TeamState =
  | { status: 'loading' }
  | { status: 'no-backend' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'ready'; context: TeamContext };

export function useSession(): SessionState {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  useEffect(() => subscribeSession(setSession), []);
  return session;
}

/** Session, the person's agency memberships and the content catalogue, loaded together. */
export function useTeam(): TeamState {
  const session = useSession();
  const [state, setState] = useState<TeamState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const userId = session.status === 'signed-in' ? session.user.id : null;

  useEffect(() => {
    if (session.status === 'loading') return undefined;
    if (session.status === 'no-backend') {
      setState({ status: 'no-backend' });
      return undefined;
    }
    if (session.status === 'signed-out') {
      setState({ status: 'signed-out', ...(session.notice ? { notice: session.notice } : {}) });
      return undefined;
    }
    let cancelled = false;
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    // The team's queries (and the activity codec they use) load once someone is signed in.
    import('../../services/team/queries')
      .then(async ({ teamQueries }) => {
        const queries = teamQueries(session.supabase, session.user.id);
        const [memberships, catalogue] = await Promise.all([
          queries.myMemberships(),
          loadScoringCatalogue(),
        ]);
        return { queries, memberships, catalogue };
      })
      .then(({ queries, memberships, catalogue }) => {
        if (cancelled) return;
        setState({
          status: 'ready',
          context: {
            user: session.user,
            supabase: session.supabase,
            queries,
            memberships,
            catalogue,
            reloadMemberships: () => setGeneration((count) => count + 1),
          },
        });
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setState({
            status: 'error',
            message: friendlyError(error),
            retry: () => setGeneration((count) => count + 1),
          });
      });
    return () => {
      cancelled = true;
    };
    // The user id, not the session object, decides what to load (token refreshes change the object).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.status, userId, generation]);

  return state;
}

/** Loads async data for a view, with loading and error states and a retry. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { data?: T; error?: string; loading: boolean; reload: () => void } {
  const [result, setResult] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setResult((current) => ({ ...current, loading: true }));
    load()
      .then((data) => !cancelled && setResult({ data, loading: false }))
      .catch(
        (error: unknown) =>
          !cancelled && setResult({ error: friendlyError(error), loading: false }),
      );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  return { ...result, reload: () => setGeneration((count) => count + 1) };
}

/** A query-string parameter of the current page (team pages address agencies, cohorts, people). */
export function queryParam(name: string): string | null {
  return typeof window === 'undefined'
    ? null
    : new URLSearchParams(window.location.search).get(name);
}
