import type { Backend } from '../backend/client';
import { SCORING_CONFIG } from '../../domain/scoring/config';
import { estimateSkill, type SkillEstimate } from '../../domain/scoring/estimate';
import { emptyState, totalsAt, type SkillTotals } from '../../domain/scoring/statistics';
import {
  expectedShortfall,
  completedItems,
  programmeProgress,
  targetFor,
  type ProgrammeProgress,
} from '../../domain/team/team';
import type { CatalogueSummaries } from '../scoring-parts';
import { loadCohortStatistics, type LearnerTotals } from './cohort-statistics';
import type {
  Assignment,
  CohortMember,
  Completion,
  Membership,
  Programme,
  SkillTarget,
  TeamQueries,
} from './queries';

/** A cohort's people with their estimates, gaps and programme progress, for the dashboard. */
export interface CohortOverview {
  learners: {
    userId: string;
    name: string;
    estimates: SkillEstimate[];
    programmes: { programme: Programme; dueDate: string | null; progress: ProgrammeProgress }[];
    lessonsDone: ReadonlySet<string>;
  }[];
  gaps: {
    userId: string;
    name: string;
    estimate: SkillEstimate;
    shortfall: number;
    lesson?: { id: string; title: string };
    scenario?: { id: string; title: string };
  }[];
}

const today = () => new Date().toISOString().slice(0, 10);

/** A learner's estimates from their per-format totals (no row: no evidence yet). */
export function estimatesFromTotals(
  totals: ReadonlyMap<string, SkillTotals> | undefined,
  skills: readonly string[],
  target: (skill: string) => number,
): SkillEstimate[] {
  return skills.map((skill) =>
    estimateSkill(
      skill,
      totals?.get(skill) ?? totalsAt(emptyState(), Date.now(), SCORING_CONFIG),
      target(skill),
      SCORING_CONFIG,
    ),
  );
}

/** The dashboard's reads: the cohort's statistics in one call, beside its people and programmes. */
export async function loadCohortOverview(
  queries: TeamQueries,
  catalogue: CatalogueSummaries,
  organisationId: string,
  cohortId: string,
  supabase: Backend,
): Promise<CohortOverview> {
  const [members, people, targets, programmes, assignments, statistics] = await Promise.all([
    queries.cohortMembers([cohortId]),
    queries.members(organisationId),
    queries.targets(organisationId),
    queries.programmes(organisationId),
    queries.assignments([cohortId]),
    loadCohortStatistics(supabase, cohortId),
  ]);
  const learnerIds = members
    .filter((member) => member.role === 'learner')
    .map((member) => member.user_id);
  const completions = await queries.completions(learnerIds);
  return buildCohortOverview({
    catalogue,
    cohortId,
    members,
    people,
    targets,
    programmes,
    assignments,
    totals: statistics.totals,
    completions,
  });
}

export function buildCohortOverview(input: {
  catalogue: CatalogueSummaries;
  cohortId: string;
  members: readonly CohortMember[];
  people: readonly Membership[];
  targets: readonly SkillTarget[];
  programmes: readonly Programme[];
  assignments: readonly Assignment[];
  totals: LearnerTotals;
  completions: readonly Completion[];
}): CohortOverview {
  const skills = input.catalogue.skills.map((skill) => skill.id);
  const target = (skill: string) =>
    targetFor(skill, input.cohortId, input.targets, SCORING_CONFIG.defaultTarget);
  const learners = input.members
    .filter((member) => member.role === 'learner')
    .map((member) => {
      const person = input.people.find((candidate) => candidate.user_id === member.user_id);
      const own = input.completions.filter((row) => row.user_id === member.user_id);
      const done = completedItems(own);
      const lessonsDone = done.lessons;
      return {
        userId: member.user_id,
        name: person?.display_name ?? 'Unknown member',
        estimates: estimatesFromTotals(input.totals.get(member.user_id), skills, target),
        lessonsDone,
        programmes: input.assignments.flatMap((assignment) => {
          const programme = input.programmes.find(
            (candidate) => candidate.id === assignment.programme_id,
          );
          return programme
            ? [
                {
                  programme,
                  dueDate: assignment.due_date,
                  progress: programmeProgress(
                    programme.programme_items ?? [],
                    done,
                    assignment.due_date,
                    today(),
                  ),
                },
              ]
            : [];
        }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const gaps = learners
    .flatMap((learner) =>
      learner.estimates.map((estimate) => {
        const lesson = input.catalogue.lessons
          .filter(
            (candidate) =>
              candidate.skill === estimate.skill && !learner.lessonsDone.has(candidate.id),
          )
          .sort((a, b) => a.order - b.order)[0];
        const scenario = [...input.catalogue.scenarios].sort(
          (a, b) => (b.capacity[estimate.skill] ?? 0) - (a.capacity[estimate.skill] ?? 0),
        )[0];
        return {
          userId: learner.userId,
          name: learner.name,
          estimate,
          shortfall: expectedShortfall(estimate),
          ...(lesson ? { lesson: { id: lesson.id, title: lesson.title } } : {}),
          ...(scenario && (scenario.capacity[estimate.skill] ?? 0) > 0
            ? { scenario: { id: scenario.id, title: scenario.title } }
            : {}),
        };
      }),
    )
    .filter((gap) => gap.estimate.status !== 'meets')
    .sort((a, b) => b.shortfall - a.shortfall);
  return { learners, gaps };
}
