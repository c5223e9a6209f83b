import { programmeProgressRows, type ProgrammeProgressRow } from '../../domain/team/programme-csv';
import type { CatalogueSummaries } from '../scoring-parts';
import type { TeamQueries } from './queries';

/**
 * A cohort's programme progress per learner and item (cohort programmes and individual
 * assignments), done from the server's own completion records: the CSV and the print view.
 */
export async function loadProgrammeReport(
  queries: TeamQueries,
  catalogue: Pick<CatalogueSummaries, 'lessons' | 'scenarios'>,
  organisationId: string,
  cohortId: string,
  learners: readonly { userId: string; name: string }[],
): Promise<ProgrammeProgressRow[]> {
  const userIds = learners.map((learner) => learner.userId);
  const [assignments, programmes, individual, completions] = await Promise.all([
    queries.assignments([cohortId]),
    queries.programmes(organisationId),
    queries.learnerAssignments(userIds),
    queries.completionTimes(userIds),
  ]);
  return programmeProgressRows({
    learners,
    cohortProgrammes: assignments.flatMap((assignment) => {
      const programme = programmes.find((candidate) => candidate.id === assignment.programme_id);
      return programme
        ? [{ name: programme.name, dueDate: assignment.due_date, items: programme.programme_items }]
        : [];
    }),
    individual: individual.filter((assignment) => assignment.organisation_id === organisationId),
    completions,
    title: (kind, id) =>
      (kind === 'lesson'
        ? catalogue.lessons.find((lesson) => lesson.id === id)?.title
        : catalogue.scenarios.find((scenario) => scenario.id === id)?.title) ?? id,
    today: new Date().toISOString().slice(0, 10),
  });
}
