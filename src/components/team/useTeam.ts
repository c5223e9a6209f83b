import { startTransition, useEffect, useState } from 'react';
import type { User } from '@supabase/supabase-js';
import type { Backend } from '../../services/backend/client';
import { loadScoringCatalogue, type ScoringCatalogue } from '../../services/scoring-catalogue';
import { loadCatalogueSummaries, type CatalogueSummaries } from '../../services/scoring-parts';
import { subscribeSession, type SessionState } from '../../services/session';
import type { Membership, TeamQueries } from '../../services/team/queries';
import { friendlyError } from '../../services/backend/errors';

/** What every team view has: the person, their agency memberships, the content's summaries. */
export interface TeamBase {
  user: User;
  supabase: Backend;
  queries: TeamQueries;
  memberships: Membership[];
  /** Skills, lessons and scenarios without their scoring detail. */
  summaries: CatalogueSummaries;
  reloadMemberships: () => void;
}

/** A view that scores records or names their content (drill-down, programme, admin) has it all. */
export interface TeamContext extends TeamBase {
  catalogue: ScoringCatalogue;
}

/**
 * What a view loads before it shows: `full`, the whole scoring catalogue (every scenario's
 * nodes, ~180 KB compressed); `summaries`, the index alone (a few KB) — the dashboard's case,
 * which reads statistics the server has already scored.
 */
export type TeamContent = 'full' | 'summaries';

export type TeamState<Context extends TeamBase = TeamContext> =
  | { status: 'loading' }
  | { status: 'no-backend' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'ready'; context: Context };

export function useSession(): SessionState {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  useEffect(() => subscribeSession(setSession), []);
  return session;
}

/** Session, the person's agency memberships and the content catalogue, loaded together. */
export function useTeam(content: TeamContent): TeamState<TeamBase | TeamContext> {
  const session = useSession();
  const [state, setState] = useState<TeamState<TeamBase | TeamContext>>({ status: 'loading' });
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
        const [memberships, loaded] = await Promise.all([
          queries.myMemberships(),
          content === 'full'
            ? loadScoringCatalogue().then((catalogue) => ({ summaries: catalogue, catalogue }))
            : loadCatalogueSummaries().then((summaries) => ({ summaries })),
        ]);
        return { queries, memberships, loaded };
      })
      .then(({ queries, memberships, loaded }) => {
        if (cancelled) return;
        setState({
          status: 'ready',
          context: {
            user: session.user,
            supabase: session.supabase,
            queries,
            memberships,
            ...loaded,
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
  }, [session.status, userId, generation, content]);

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
      .then((data) => {
        // A transition: a large result (a cohort's heatmap) renders in slices, not one long task.
        if (!cancelled) startTransition(() => setResult({ data, loading: false }));
      })
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
