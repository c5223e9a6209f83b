import { SCORING_CONFIG } from '../../domain/scoring/config';
import { activityFromEventRows } from '../../domain/activity/event-row';
import type { ActivityRecord } from '../../domain/activity/record';
import { targetFor } from '../../domain/team/team';
import { getSupabase } from '../backend/client';
import { hasStoredSession } from '../backend/stored-session';
import { teamQueries } from './queries';

export interface SignedInLearnerContext {
  organisationName: string;
  targets: Record<string, number>;
  /** The learner's activity on the server (other devices, supervisors' observations). */
  activity: ActivityRecord[];
}

/**
 * For a signed-in agency learner: their agency's targets (their cohort's where set) and their
 * server-side activity. Null for guests or sites without a backend (nothing is loaded then).
 */
export async function loadSignedInLearnerContext(
  skills: readonly string[],
): Promise<SignedInLearnerContext | null> {
  if (!hasStoredSession()) return null;
  const supabase = await getSupabase();
  if (!supabase) return null;
  const { data } = await supabase.auth.getSession();
  if (!data.session) return null;
  const queries = teamQueries(supabase, data.session.user.id);
  const [memberships, events] = await Promise.all([
    queries.myMemberships(),
    queries.events(data.session.user.id),
  ]);
  const membership = memberships[0];
  let targets: Record<string, number> = {};
  if (membership) {
    const [rows, cohorts] = await Promise.all([
      queries.targets(membership.organisation_id),
      queries.cohorts(membership.organisation_id),
    ]);
    const mine = (await queries.cohortMembers(cohorts.map((cohort) => cohort.id))).find(
      (row) => row.user_id === data.session.user.id && row.role === 'learner',
    );
    targets = Object.fromEntries(
      skills.map((skill) => [
        skill,
        targetFor(skill, mine?.cohort_id ?? null, rows, SCORING_CONFIG.defaultTarget),
      ]),
    );
  }
  return {
    organisationName: membership?.organisations?.name ?? '',
    targets,
    activity: activityFromEventRows(events),
  };
}
