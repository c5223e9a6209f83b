import { CODE_SPAN, type ScenarioCore } from '../scenario/schema';
import { SCORING_CONFIG, type ScoringConfig } from './config';
import type { SkillEstimate } from './estimate';

export interface LessonRef {
  id: string;
  title: string;
  skill: string;
  order: number;
}

export interface ScenarioRef {
  id: string;
  title: string;
  /** Expected evidence weight one assessment play yields per skill (see evidenceCapacity). */
  capacity: Readonly<Record<string, number>>;
}

export interface Recommendation {
  skill: string;
  priority: number;
  /** Shown to the learner: why this skill comes first. */
  reason: string;
  lesson?: LessonRef;
  scenario?: ScenarioRef;
}

export interface RecommendationInput {
  estimates: readonly SkillEstimate[];
  skillNames: Readonly<Record<string, string>>;
  lessons: readonly LessonRef[];
  /** Lessons the learner has worked through (answered a check item of). */
  lessonsDone: ReadonlySet<string>;
  scenarios: readonly ScenarioRef[];
  /** Scenarios played within config.recentDays. */
  recentScenarios: ReadonlySet<string>;
  /** Relative importance per skill (an organisation may weight skills); default 1. */
  importance?: Readonly<Record<string, number>>;
  /** How many skills to recommend for. */
  count?: number;
  config?: ScoringConfig;
}

/** Priority = importance × P(p < τ) × (1 + sd): likely below target, and uncertain, first. */
export function priorityOf(estimate: SkillEstimate, importance = 1): number {
  return importance * (1 - estimate.probabilityMeetsTarget) * (1 + estimate.sd);
}

/** The sentence a learner sees, e.g. "Your conflict resolution estimate is uncertain and below your target." */
export function reasonFor(estimate: SkillEstimate, name: string): string {
  const target = Math.round(estimate.target * 100);
  switch (estimate.status) {
    case 'insufficient':
      return `There is not enough evidence about your ${name} yet to say where you stand against your target of ${target}%.`;
    case 'gap':
      return `Your ${name} estimate is below your target of ${target}%.`;
    case 'developing':
      return estimate.sd >= 0.1
        ? `Your ${name} estimate is uncertain and may be below your target of ${target}%.`
        : `Your ${name} estimate is close to, but not yet clearly at, your target of ${target}%.`;
    case 'meets':
      return `Your ${name} meets your target; practising keeps the evidence current.`;
  }
}

/**
 * Expected evidence weight per skill from one assessment play of a scenario: the average
 * decision's strength for the skill times the typical number of decisions, capped per run.
 */
export function evidenceCapacity(
  scenario: ScenarioCore,
  typicalDecisions: number,
  config: ScoringConfig = SCORING_CONFIG,
): Record<string, number> {
  const decisions = Object.values(scenario.nodes).filter((node) => node.choices);
  const totals: Record<string, number> = {};
  for (const node of decisions) {
    const choices = node.choices ?? [];
    const skills = new Set(choices.flatMap((choice) => Object.keys(choice.evidence)));
    for (const skill of skills) {
      const codes = choices.map((choice) => choice.evidence[skill]?.code ?? 0);
      totals[skill] = (totals[skill] ?? 0) + (Math.max(...codes) - Math.min(...codes)) / CODE_SPAN;
    }
  }
  const scale = decisions.length === 0 ? 0 : typicalDecisions / decisions.length;
  return Object.fromEntries(
    Object.entries(totals).map(([skill, total]) => [
      skill,
      Math.min(config.runCap, total * scale * config.weights.assessment),
    ]),
  );
}

/** What to study next: for the highest-priority skills, a lesson not yet done and a scenario not played recently. */
export function recommend(input: RecommendationInput): Recommendation[] {
  const ranked = input.estimates
    .map((estimate) => ({
      estimate,
      priority: priorityOf(estimate, input.importance?.[estimate.skill] ?? 1),
    }))
    .filter(({ estimate }) => estimate.status !== 'meets')
    .sort((a, b) => b.priority - a.priority || a.estimate.skill.localeCompare(b.estimate.skill))
    .slice(0, input.count ?? 3);
  const priorities = new Map(ranked.map(({ estimate, priority }) => [estimate.skill, priority]));
  return ranked.map(({ estimate, priority }) => {
    const name = input.skillNames[estimate.skill] ?? estimate.skill;
    const lesson = input.lessons
      .filter(
        (candidate) => candidate.skill === estimate.skill && !input.lessonsDone.has(candidate.id),
      )
      .sort((a, b) => a.order - b.order)[0];
    // Most expected evidence on this skill first, then on the other top skills.
    const scored = input.scenarios
      .filter(
        (candidate) =>
          !input.recentScenarios.has(candidate.id) && (candidate.capacity[estimate.skill] ?? 0) > 0,
      )
      .map((candidate) => ({
        candidate,
        value:
          10 * (candidate.capacity[estimate.skill] ?? 0) * priority +
          [...priorities].reduce(
            (sum, [skill, weight]) => sum + (candidate.capacity[skill] ?? 0) * weight,
            0,
          ),
      }))
      .sort((a, b) => b.value - a.value || a.candidate.id.localeCompare(b.candidate.id));
    return {
      skill: estimate.skill,
      priority,
      reason: reasonFor(estimate, name.toLowerCase()),
      ...(lesson ? { lesson } : {}),
      ...(scored[0] ? { scenario: scored[0].candidate } : {}),
    };
  });
}
