import {
  PROFICIENCY_LEVEL_NAMES,
  PROFICIENCY_LEVELS,
  type ProficiencyLevel,
} from '../skills/skill';
import { SCORING_CONFIG } from './config';

/**
 * A level that respects certainty: a level is named only when the whole credible interval
 * lies inside its band; otherwise the span of levels the interval reaches, or "not yet
 * certain" when that span says too little (or the evidence is too thin to say anything).
 */
export type CertainLevel =
  | { kind: 'level'; level: ProficiencyLevel }
  | { kind: 'span'; from: ProficiencyLevel; to: ProficiencyLevel }
  | { kind: 'uncertain'; reason: 'not-enough-evidence' | 'interval-too-wide' };

export interface LevelBandOptions {
  /**
   * Cut-points between the levels (ascending, one fewer than the levels). Band i is
   * [cut_{i−1}, cut_i): a proficiency exactly at a cut belongs to the level above, as in
   * levelFor.
   */
  cuts?: readonly number[];
  /** Widest span named, in levels (default 3: "competent to expert"); wider is "not yet certain". */
  maxSpan?: number;
  /** Effective evidence below which nothing is named (default: the status's minimum). */
  minEvidence?: number;
}

/** The index of the band holding proficiency x: how many cuts are at or below it. */
export function bandIndex(x: number, cuts: readonly number[]): number {
  let index = 0;
  while (index < cuts.length && x >= cuts[index]!) index++;
  return index;
}

/**
 * The level, span or "not yet certain" for an estimate's interval [low, high]. Pass the
 * estimate's effective evidence to say "not yet certain" below the minimum whatever the
 * interval.
 */
export function levelWithCertainty(
  estimate: { interval: readonly [number, number]; evidence?: number },
  options: LevelBandOptions = {},
): CertainLevel {
  const cuts = options.cuts ?? SCORING_CONFIG.levelCuts;
  const maxSpan = options.maxSpan ?? 3;
  const minEvidence = options.minEvidence ?? SCORING_CONFIG.minEvidence;
  if (cuts.length !== PROFICIENCY_LEVELS.length - 1)
    throw new Error(
      `level bands need ${PROFICIENCY_LEVELS.length - 1} cut-points, got ${cuts.length}`,
    );
  if (estimate.evidence !== undefined && !(estimate.evidence >= minEvidence))
    return { kind: 'uncertain', reason: 'not-enough-evidence' };
  const [low, high] = estimate.interval;
  if (!(low <= high)) throw new Error(`not an interval: [${low}, ${high}]`);
  const from = bandIndex(low, cuts);
  const to = bandIndex(high, cuts);
  if (from === to) return { kind: 'level', level: PROFICIENCY_LEVELS[from]! };
  if (to - from + 1 <= maxSpan)
    return { kind: 'span', from: PROFICIENCY_LEVELS[from]!, to: PROFICIENCY_LEVELS[to]! };
  return { kind: 'uncertain', reason: 'interval-too-wide' };
}

/** How the result reads: "Competent", "Competent to expert", "Not yet certain". */
export function certainLevelLabel(result: CertainLevel): string {
  switch (result.kind) {
    case 'level':
      return PROFICIENCY_LEVEL_NAMES[result.level];
    case 'span':
      return `${PROFICIENCY_LEVEL_NAMES[result.from]} to ${PROFICIENCY_LEVEL_NAMES[result.to].toLowerCase()}`;
    case 'uncertain':
      return 'Not yet certain';
  }
}
