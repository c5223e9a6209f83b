import { playToEnding } from './runtime';
import type { Choice, EndingKind, Scenario } from './schema';

/** Spearman rank correlation of two equal-length samples (average ranks for ties). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values
      .map((value, index) => ({ value, index }))
      .sort((a, b) => a.value - b.value);
    const ranks = new Array<number>(values.length);
    for (let start = 0; start < order.length;) {
      let end = start;
      while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
      for (let k = start; k <= end; k++) ranks[order[k]!.index] = (start + end) / 2;
      start = end + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index++) {
    sxy += (rx[index]! - mean) * (ry[index]! - mean);
    sxx += (rx[index]! - mean) ** 2;
    syy += (ry[index]! - mean) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Total code of an option over every skill it codes. */
export const totalCode = (choice: Choice) =>
  Object.values(choice.evidence).reduce((sum, evidence) => sum + evidence.code, 0);

/** Per option, its length rank and its code rank within its decision point, each scaled to 0–1. */
export interface RankPairs {
  lengths: number[];
  codes: number[];
}

/** The (length rank, code rank) pairs of every option of a scenario's decision points. */
export function lengthCodeRanks(scenario: Pick<Scenario, 'nodes'>): RankPairs {
  const lengths: number[] = [];
  const codes: number[] = [];
  for (const node of Object.values(scenario.nodes)) {
    const choices = node.choices ?? [];
    if (choices.length < 2) continue;
    const byLength = [...choices].sort((a, b) => a.text.length - b.text.length);
    const byCode = [...choices].sort((a, b) => totalCode(a) - totalCode(b));
    for (const choice of choices) {
      lengths.push(byLength.indexOf(choice) / (choices.length - 1));
      codes.push(
        byCode.findIndex((other) => totalCode(other) === totalCode(choice)) / (choices.length - 1),
      );
    }
  }
  return { lengths, codes };
}

/**
 * Pairs (length rank, code rank) within each decision point, pooled over scenarios: if
 * authors made the best option the longest, this correlation would be high.
 */
export function lengthCodeCorrelation(
  scenarios: readonly (Pick<Scenario, 'nodes'> | RankPairs)[],
): {
  correlation: number;
  options: number;
} {
  const pairs = scenarios.map((entry) => ('nodes' in entry ? lengthCodeRanks(entry) : entry));
  const lengths = pairs.flatMap((pair) => pair.lengths);
  const codes = pairs.flatMap((pair) => pair.codes);
  return { correlation: spearman(lengths, codes), options: lengths.length };
}

export type Habit = 'first' | 'last' | 'longest' | 'shortest';

/** Plays a scenario always picking by one habit; returns the ending reached. */
export function playHabit(
  scenario: Scenario,
  habit: Habit,
): { ending: EndingKind; decisions: number } {
  const { position, decisions } = playToEnding(scenario, (offered) =>
    habit === 'first'
      ? offered[0]!
      : habit === 'last'
        ? offered[offered.length - 1]!
        : [...offered].sort((a, b) =>
            habit === 'longest' ? b.text.length - a.text.length : a.text.length - b.text.length,
          )[0]!,
  );
  return { ending: scenario.nodes[position.node]!.ending!.kind, decisions: decisions.length };
}
