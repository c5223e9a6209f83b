import { activityFromEventRows } from '../../domain/activity/event-row';
import { SCORING_CONFIG } from '../../domain/scoring/config';
import { targetFor } from '../../domain/team/team';
import { buildLearnerView, type LearnerView } from '../learner-view';
import type { ScoringCatalogue } from '../scoring-catalogue';
import type { EventRow } from './activity';
import type { Membership } from './memberships';
import type { TeamQueries } from './queries';

/** What a supervisor's drill-down shows of one learner: their view, and the records behind it. */
export interface LearnerRecord {
  person: Membership;
  /** The agency's people, to name who recorded an observation. */
  people: Membership[];
  /** The learner's records as the server keeps them (attempts, observations). */
  events: EventRow[];
  view: LearnerView;
}

/**
 * One learner of the agency, scored through the same learner view as their own profile page,
 * against their cohort's targets. Null when the person is not someone the signed-in
 * supervisor or admin may open (row-level security decides; oneself is not a drill-down).
 */
export async function loadLearnerRecord(
  queries: TeamQueries,
  catalogue: ScoringCatalogue,
  organisationId: string,
  learnerId: string,
): Promise<LearnerRecord | null> {
  const people = await queries.members(organisationId);
  const person = people.find((candidate) => candidate.user_id === learnerId);
  if (!person || learnerId === queries.me) return null;
  const [events, targets, cohortRows] = await Promise.all([
    queries.events(learnerId),
    queries.targets(organisationId),
    queries
      .cohorts(organisationId)
      .then((cohorts) => queries.cohortMembers(cohorts.map((cohort) => cohort.id))),
  ]);
  const cohortId =
    cohortRows.find((row) => row.user_id === learnerId && row.role === 'learner')?.cohort_id ??
    null;
  const view = buildLearnerView(activityFromEventRows(events), catalogue, {
    targets: Object.fromEntries(
      catalogue.skills.map((skill) => [
        skill.id,
        targetFor(skill.id, cohortId, targets, SCORING_CONFIG.defaultTarget),
      ]),
    ),
  });
  return { person, people, events, view };
}
