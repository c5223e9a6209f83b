import { activityFromEventRows } from '../../domain/activity/event-row';
import type { ActivityRecord } from '../../domain/activity/record';
import {
  learnerAgent,
  statementsForRecords,
  type StatementContext,
  type XapiAgent,
  type XapiStatement,
} from '../../domain/lms/xapi';
import { scoringContentFrom } from '../../domain/scoring/content';
import type { ScoringCatalogue } from '../scoring-catalogue';
import type { EventRow } from '../team/activity';
import type { TeamQueries } from '../team/queries';

/**
 * xAPI exports: a learner's records (their own browser's, or the server's for a supervisor)
 * as a JSON array of statements, built by the one statement builder (domain/lms/xapi.ts)
 * with the published content, so each decision carries its skill evidence.
 */

/** The builder's context for the published content: evidence, and names for reports. */
export function statementContext(catalogue: ScoringCatalogue, actor: XapiAgent): StatementContext {
  return {
    actor,
    content: scoringContentFrom(catalogue),
    titles: Object.fromEntries([
      ...catalogue.scenarios.map((scenario) => [scenario.id, scenario.title] as const),
      ...catalogue.lessons.map((lesson) => [lesson.id, lesson.title] as const),
      ...catalogue.skills.map((skill) => [skill.id, skill.name] as const),
    ]),
  };
}

/**
 * A learner who exports from their own browser: their account id when signed in; a guest
 * has none, so the statements name an anonymous Casecraft account (replace it on import).
 */
export const GUEST_ACCOUNT = 'casecraft-guest';

export function learnerStatements(
  records: readonly ActivityRecord[],
  catalogue: ScoringCatalogue,
  actor: XapiAgent = learnerAgent(GUEST_ACCOUNT),
): XapiStatement[] {
  return statementsForRecords(records, statementContext(catalogue, actor));
}

/** One learner's server records, for a supervisor's export. */
export function eventStatements(
  events: readonly EventRow[],
  catalogue: ScoringCatalogue,
  person: { user_id: string; display_name: string },
): XapiStatement[] {
  return learnerStatements(
    activityFromEventRows(events),
    catalogue,
    learnerAgent(person.user_id, person.display_name),
  );
}

/** Every learner of a cohort (those row-level security lets the supervisor read). */
export async function cohortStatements(
  queries: TeamQueries,
  catalogue: ScoringCatalogue,
  organisationId: string,
  cohortId: string,
): Promise<XapiStatement[]> {
  const [people, members] = await Promise.all([
    queries.members(organisationId),
    queries.cohortMembers([cohortId]),
  ]);
  const learners = members
    .filter((member) => member.role === 'learner')
    .map((member) => people.find((person) => person.user_id === member.user_id))
    .filter((person): person is NonNullable<typeof person> => person !== undefined);
  const perLearner = await Promise.all(
    learners.map(async (person) =>
      eventStatements(await queries.events(person.user_id), catalogue, person),
    ),
  );
  return perLearner.flat();
}

/** The file name of an xAPI export: `casecraft-<who>-xapi-<date>.json`. */
export function xapiFileName(who: string, at: Date = new Date()): string {
  const slug = who
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `casecraft-${slug || 'learner'}-xapi-${at.toISOString().slice(0, 10)}.json`;
}
