import type { SkillEstimate } from '../scoring/estimate';

/**
 * Acting on a skill gap: who is below target on a skill, and what to assign them. Pure, so
 * the dashboard's "everyone below target" means the same thing everywhere.
 */

/** Measured (enough evidence), not meeting the target, and estimated below it. */
export const isBelowTarget = (estimate: Pick<SkillEstimate, 'status' | 'mean' | 'target'>) =>
  (estimate.status === 'gap' || estimate.status === 'developing') &&
  estimate.mean < estimate.target;

export interface LearnerEstimates {
  userId: string;
  name: string;
  estimates: readonly Pick<SkillEstimate, 'skill' | 'status' | 'mean' | 'target'>[];
}

/** The learners below target on `skill`, furthest below first. */
export function learnersBelowTarget(
  learners: readonly LearnerEstimates[],
  skill: string,
): { userId: string; name: string }[] {
  return learners
    .flatMap((learner) => {
      const estimate = learner.estimates.find((candidate) => candidate.skill === skill);
      return estimate && isBelowTarget(estimate)
        ? [{ userId: learner.userId, name: learner.name, gap: estimate.target - estimate.mean }]
        : [];
    })
    .sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name))
    .map(({ userId, name }) => ({ userId, name }));
}

export interface AssignableItem {
  kind: 'lesson' | 'scenario';
  id: string;
  title: string;
}

/**
 * What can be assigned for a skill: its lessons in learning order, then the scenarios that
 * give evidence on it, most evidence first.
 */
export function itemsForSkill(
  skill: string,
  lessons: readonly { id: string; title: string; skill: string; order: number }[],
  scenarios: readonly { id: string; title: string; capacity: Readonly<Record<string, number>> }[],
): AssignableItem[] {
  return [
    ...lessons
      .filter((lesson) => lesson.skill === skill)
      .sort((a, b) => a.order - b.order)
      .map((lesson) => ({ kind: 'lesson' as const, id: lesson.id, title: lesson.title })),
    ...scenarios
      .filter((scenario) => (scenario.capacity[skill] ?? 0) > 0)
      .sort((a, b) => (b.capacity[skill] ?? 0) - (a.capacity[skill] ?? 0))
      .map((scenario) => ({ kind: 'scenario' as const, id: scenario.id, title: scenario.title })),
  ];
}
