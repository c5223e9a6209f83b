/**
 * How an answer was given, which decides how much one unit of its weight is worth:
 * graded scenario choices, binary knowledge-check answers, supervisors' observations.
 */
export type EvidenceFormat = 'choice' | 'check' | 'observation';
export const EVIDENCE_FORMATS: readonly EvidenceFormat[] = ['choice', 'check', 'observation'];

/**
 * Every constant of the scoring model in one place (see ../shared/SCORING.md). The level
 * cut-points are placeholders until experts set them.
 */
export interface ScoringConfig {
  /** Evidence loses half its weight every `halfLifeDays`. */
  halfLifeDays: number;
  /** Beta prior pseudo-counts: weak, centred on 0.5. */
  priorAlpha: number;
  priorBeta: number;
  /**
   * Dispersion φ per response format, relative to Bernoulli trials:
   * α = α0 + Σ_f S⁺_f/φ_f, β = β0 + Σ_f S⁻_f/φ_f. Binary answers, graded choices and
   * observations carry different information per unit of weight, so each format's φ is
   * estimated from the data's residual variance (see dispersion.ts). `prior` is the value
   * used when there is no data (today's single constant, 0.5); `priorDf` is how many
   * residual degrees of freedom that prior is worth when the data are thin.
   */
  dispersion: { prior: Readonly<Record<EvidenceFormat, number>>; priorDf: number };
  /**
   * How a knowledge-check answer to an m-option item is corrected for guessing.
   * 'formula': the classical formula score — right scores 1, wrong −1/(m − 1), each with
   * weight r — whose expectation is exactly P(knows) when a learner who does not know
   * guesses: lucky guesses are taken back on average. 'weight': the first rule (a right
   * answer counts (1 − 1/m)·r, a wrong one r), which only halves the guessing bias; the
   * database applies it until its migration to per-format statistics.
   */
  checkScoring: 'formula' | 'weight';
  /** Source weights r. */
  weights: { assessment: number; practice: number; check: number };
  /** Cap on a skill's total weight within one run (scenario attempt, or one check item). */
  runCap: number;
  /** Effective evidence n below which the status is "not enough evidence". */
  minEvidence: number;
  /** Target proficiency τ when an organisation sets none. */
  defaultTarget: number;
  /** P(p ≥ τ) at or above which a learner meets the target; at or below which it is a gap. */
  meetsProbability: number;
  gapProbability: number;
  /** μ cut-points between novice | advanced beginner | competent | proficient | expert. */
  levelCuts: readonly [number, number, number, number];
  /** Probability mass of the credible interval. */
  intervalMass: number;
  /** A trend is shown only when |slope| ≥ trendZ standard errors. */
  trendZ: number;
  /** Rebase decayed sums when (t − t0) / h exceeds this, to keep numbers small. */
  rebaseExponent: number;
  /** A scenario played within this many days is not recommended again. */
  recentDays: number;
}

export const SCORING_CONFIG: ScoringConfig = {
  halfLifeDays: 180,
  priorAlpha: 1,
  priorBeta: 1,
  dispersion: { prior: { choice: 0.5, check: 0.5, observation: 0.5 }, priorDf: 30 },
  checkScoring: 'formula',
  weights: { assessment: 1, practice: 0.5, check: 0.5 },
  runCap: 3,
  minEvidence: 6,
  defaultTarget: 0.75,
  meetsProbability: 0.9,
  gapProbability: 0.1,
  levelCuts: [0.55, 0.65, 0.75, 0.85],
  intervalMass: 0.8,
  trendZ: 2,
  rebaseExponent: 20,
  recentDays: 14,
};

export const DAY_MS = 86_400_000;
/** Trend times are measured in days from this fixed epoch (2020-01-01T00:00:00Z). */
export const TREND_EPOCH_MS = Date.UTC(2020, 0, 1);
