import { DAY_MS, SCORING_CONFIG, type ScoringConfig } from './config';
import type { Dispersion } from './dispersion';
import { estimateSkill } from './estimate';
import type { EvidenceItem } from './evidence';
import { addEvidence, emptyState, totalsAt } from './statistics';

export interface HistoryPoint {
  /** End of the day (ms) the estimate is taken at. */
  time: number;
  mean: number;
  low: number;
  high: number;
  evidence: number;
}

/**
 * How one skill's estimate moved: the estimate at the end of each day that brought evidence
 * (at most `maxPoints`, the latest kept), for the trend chart.
 */
export function estimateHistory(
  evidence: readonly EvidenceItem[],
  skill: string,
  target: number,
  config: ScoringConfig = SCORING_CONFIG,
  maxPoints = 60,
  dispersion: Dispersion = config.dispersion.prior,
): HistoryPoint[] {
  const items = evidence.filter((item) => item.skill === skill).sort((a, b) => a.time - b.time);
  const state = emptyState();
  const points: HistoryPoint[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    addEvidence(state, item, config);
    const dayEnd = Math.floor(item.time / DAY_MS) * DAY_MS + DAY_MS - 1;
    const next = items[index + 1];
    if (next && next.time <= dayEnd) continue;
    const estimate = estimateSkill(
      skill,
      totalsAt(state, dayEnd, config),
      target,
      config,
      dispersion,
    );
    points.push({
      time: dayEnd,
      mean: estimate.mean,
      low: estimate.interval[0],
      high: estimate.interval[1],
      evidence: estimate.evidence,
    });
  }
  return points.slice(-maxPoints);
}
