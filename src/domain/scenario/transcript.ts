import { replay, speakerName, visibleLines, type Step } from './runtime';
import type { Choice, Scenario, ScenarioFlag } from './schema';

/** One entry of the conversation as the learner sees it. */
export type TranscriptEntry =
  | { kind: 'line'; key: string; speaker: string; name: string; text: string }
  | { kind: 'choice'; key: string; stepIndex: number; node: string; choice: Choice };

/**
 * The conversation so far: every line shown (with the variables at the time), and every
 * choice the learner made. Rebuilt from the steps, so it is always what a replay shows.
 */
export function buildTranscript(scenario: Scenario, steps: readonly Step[]): TranscriptEntry[] {
  const played = replay(scenario, steps);
  const entries: TranscriptEntry[] = [];
  const linesOf = (nodes: readonly string[], vars: Record<string, number>, turn: number) => {
    for (const node of nodes) {
      visibleLines(scenario, node, vars).forEach((line, index) =>
        entries.push({
          kind: 'line',
          key: `${turn}:${node}:${index}`,
          speaker: line.speaker,
          name: speakerName(scenario, line.speaker),
          text: line.text,
        }),
      );
    }
  };
  const firstNode = played.steps[0]?.node ?? played.position.node;
  linesOf(
    [...played.startPassed, firstNode],
    played.steps[0]?.varsBefore ?? played.position.vars,
    0,
  );
  played.steps.forEach((step, index) => {
    entries.push({
      kind: 'choice',
      key: `${index + 1}:choice`,
      stepIndex: index,
      node: step.node,
      choice: step.choice,
    });
    linesOf([...step.passed, step.after.node], step.after.vars, index + 1);
  });
  return entries;
}

/** What one decision showed, for feedback and the debrief. */
export interface DecisionReview {
  index: number;
  node: string;
  prompt?: string;
  choice: Choice;
  /** Per skill at stake: the chosen code and the best and worst on offer. */
  evidence: { skill: string; code: number; why: string; best: number; worst: number }[];
  flag?: ScenarioFlag;
}

export function reviewDecisions(scenario: Scenario, steps: readonly Step[]): DecisionReview[] {
  return replay(scenario, steps).steps.map((step, index) => {
    const skills = [...new Set(step.offered.flatMap((choice) => Object.keys(choice.evidence)))];
    return {
      index,
      node: step.node,
      prompt: scenario.nodes[step.node]?.prompt,
      choice: step.choice,
      evidence: skills.map((skill) => {
        const codes = step.offered.map((choice) => choice.evidence[skill]?.code ?? 0);
        const own = step.choice.evidence[skill];
        return {
          skill,
          code: own?.code ?? 0,
          why: own?.why ?? '',
          best: Math.max(...codes),
          worst: Math.min(...codes),
        };
      }),
      ...(step.choice.flag ? { flag: step.choice.flag } : {}),
    };
  });
}

/** Sum of codes per skill along the path taken (the validator reports the possible range). */
export function evidenceTotals(reviews: readonly DecisionReview[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const review of reviews) {
    for (const item of review.evidence) totals[item.skill] = (totals[item.skill] ?? 0) + item.code;
  }
  return totals;
}
