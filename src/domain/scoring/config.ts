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
   * Dispersion φ of scores relative to Bernoulli trials: α = α0 + S⁺/φ, β = β0 + S⁻/φ.
   * Graded choices (a middle option scores 0.4) vary less than pass/fail answers, so a
   * unit of weight carries more information than one Bernoulli trial; φ < 1 says so.
   * Set from the validation suite (see scripts/validate-scoring.ts); 1 is the plain model.
   */
  dispersion: number;
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
  dispersion: 0.5,
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
