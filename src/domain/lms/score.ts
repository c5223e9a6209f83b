import { exploreStates, topologicalOrder, type EvidenceRange } from '../scenario/analysis';
import { replay, type Step } from '../scenario/runtime';
import type { Choice, ScenarioCore } from '../scenario/schema';

/**
 * What an LMS is told about one attempt: its evidence relative to what the scenario makes
 * reachable. The raw total is the sum of every code on the path; the scale runs from the
 * worst to the best total any complete play-through can earn (found by walking the
 * reachable state graph, so a best that no single path reaches is never demanded).
 */

/** A package's default mastery score: 70% of the way from the worst to the best reachable total. */
export const DEFAULT_MASTERY = 0.7;

export const choiceTotal = (choice: Pick<Choice, 'evidence'>): number =>
  Object.values(choice.evidence).reduce((sum, evidence) => sum + evidence.code, 0);

/** The lowest and highest total of codes over every complete play-through. */
export function reachableScoreRange(scenario: ScenarioCore): EvidenceRange {
  const explored = exploreStates(scenario);
  if (!('positions' in explored)) throw new Error(`scenario ${scenario.id} cannot be explored`);
  const { order, cycle } = topologicalOrder(explored);
  if (cycle) throw new Error(`scenario ${scenario.id} can loop (${cycle.join(' → ')})`);
  const best = new Map<string, EvidenceRange>();
  // Children come before parents, so each position's range is known when its parent needs it.
  for (const key of order) {
    const out = explored.edges.get(key) ?? [];
    if (out.length === 0) {
      best.set(key, { min: 0, max: 0 });
      continue;
    }
    const node = scenario.nodes[explored.positions.get(key)!.node]!;
    let min = Infinity;
    let max = -Infinity;
    for (const edge of out) {
      const choice = node.choices!.find((candidate) => candidate.id === edge.choice)!;
      const rest = best.get(edge.to)!;
      min = Math.min(min, choiceTotal(choice) + rest.min);
      max = Math.max(max, choiceTotal(choice) + rest.max);
    }
    best.set(key, { min, max });
  }
  return best.get(explored.startKey)!;
}

/** Where a value sits between min and max, in [0, 1] (1 when the range is empty: nothing to lose). */
export function scaled(value: number, range: EvidenceRange): number {
  if (range.max <= range.min) return 1;
  return Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min)));
}

export interface SkillResult {
  skill: string;
  /** Sum of this skill's codes on the path. */
  total: number;
  scaled: number;
  passed: boolean;
}

export interface AttemptScore {
  /** Sum of every code on the path. */
  total: number;
  /** The total between the worst and best reachable totals, in [0, 1]. */
  scaled: number;
  passed: boolean;
  /** One per skill the scenario measures, in the order of `evidenceRange`. */
  skills: SkillResult[];
}

/** What the package knows to score an attempt: ranges from the state-space analysis and its mastery. */
export interface ScoringFrame {
  scoreRange: EvidenceRange;
  /** Per skill, the lowest and highest code sum any play-through earns (analysis.evidence). */
  evidenceRange: Record<string, EvidenceRange>;
  mastery: number;
}

/** Scores the steps taken (complete or not) against the frame; throws on steps the scenario refuses. */
export function scoreAttempt(
  scenario: ScenarioCore,
  steps: readonly Step[],
  frame: ScoringFrame,
): AttemptScore {
  const replayed = replay(scenario, steps).steps;
  const sums: Record<string, number> = {};
  let total = 0;
  for (const step of replayed) {
    for (const [skill, evidence] of Object.entries(step.choice.evidence)) {
      sums[skill] = (sums[skill] ?? 0) + evidence.code;
      total += evidence.code;
    }
  }
  const overall = scaled(total, frame.scoreRange);
  return {
    total,
    scaled: overall,
    passed: overall >= frame.mastery,
    skills: Object.entries(frame.evidenceRange).map(([skill, range]) => {
      const skillScaled = scaled(sums[skill] ?? 0, range);
      return {
        skill,
        total: sums[skill] ?? 0,
        scaled: skillScaled,
        passed: skillScaled >= frame.mastery,
      };
    }),
  };
}
