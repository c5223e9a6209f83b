import { SCORING_CONFIG } from '../../domain/scoring/config';
import type { ActivityRecord } from '../../domain/scoring/evidence';
import { targetFor } from '../../domain/team/team';
import { getSupabase } from '../backend/client';
import { hasStoredSession } from '../backend/stored-session';
import { teamQueries, type EventRow } from './queries';

export interface SignedInLearnerContext {
  organisationName: string;
  targets: Record<string, number>;
  /** The learner's activity on the server (other devices, supervisors' observations). */
  activity: ActivityRecord[];
}

export function activityFromEvents(events: readonly EventRow[]): ActivityRecord[] {
  return events.flatMap((event): ActivityRecord[] => {
    if (
      event.kind === 'choice' &&
      event.attempt_id &&
      event.scenario_id &&
      event.node_id &&
      event.choice_id &&
      event.mode
    ) {
      return [
        {
          kind: 'choice',
          id: event.id,
          at: event.occurred_at,
          attemptId: event.attempt_id,
          scenarioId: event.scenario_id,
          ...(event.scenario_version ? { version: event.scenario_version } : {}),
          nodeId: event.node_id,
          choiceId: event.choice_id,
          mode: event.mode,
        },
      ];
    }
    if (event.kind === 'check' && event.lesson_id && event.item_id && event.option_id) {
      return [
        {
          kind: 'check',
          id: event.id,
          at: event.occurred_at,
          lessonId: event.lesson_id,
          itemId: event.item_id,
          optionId: event.option_id,
        },
      ];
    }
    if (
      event.kind === 'observation' &&
      event.skill_id &&
      event.score !== null &&
      event.weight !== null
    ) {
      return [
        {
          kind: 'observation',
          id: event.id,
          at: event.occurred_at,
          skill: event.skill_id,
          y: event.score,
          w: event.weight,
          ...(event.note ? { note: event.note } : {}),
        },
      ];
    }
    return [];
  });
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
    activity: activityFromEvents(events),
  };
}
