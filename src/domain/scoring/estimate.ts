import { PROFICIENCY_LEVELS, type ProficiencyLevel } from '../skills/skill';
import { betaCdf, betaQuantile } from './beta';
import { EVIDENCE_FORMATS, type ScoringConfig } from './config';
import type { Dispersion } from './dispersion';
import type { SkillTotals, TrendSums } from './statistics';

export type SkillStatus = 'meets' | 'developing' | 'gap' | 'insufficient';

export interface SkillTrend {
  /** Change in expected score per 30 days (weighted least squares). */
  slopePer30Days: number;
  standardErrorPer30Days: number;
  /** Only 'improving' or 'declining' when |slope| ≥ trendZ standard errors. */
  direction: 'improving' | 'declining' | 'steady' | 'unknown';
}

/** What the profile says about one skill: an estimate, how sure it is, and against a target. */
export interface SkillEstimate {
  skill: string;
  /** Posterior mean μ of proficiency p ~ Beta(α, β). */
  mean: number;
  sd: number;
  /** Exact equal-tailed credible interval (80% by default). */
  interval: [number, number];
  alpha: number;
  beta: number;
  /** Effective (decayed, capped) amount of evidence n = S⁺ + S⁻. */
  evidence: number;
  level: ProficiencyLevel;
  target: number;
  /** P(p ≥ target). */
  probabilityMeetsTarget: number;
  status: SkillStatus;
  trend: SkillTrend;
  events: number;
  lastEvidenceAt?: string;
}

export function levelFor(mean: number, config: ScoringConfig): ProficiencyLevel {
  const index = config.levelCuts.filter((cut) => mean >= cut).length;
  return PROFICIENCY_LEVELS[index]!;
}

export function statusFor(
  evidence: number,
  probabilityMeetsTarget: number,
  config: ScoringConfig,
): SkillStatus {
  if (evidence < config.minEvidence) return 'insufficient';
  if (probabilityMeetsTarget >= config.meetsProbability) return 'meets';
  if (probabilityMeetsTarget <= config.gapProbability) return 'gap';
  return 'developing';
}

/**
 * The trend sums with each format's evidence weighted by 1/φ_f: under the dispersion model
 * Var(y) = φ_f·p(1−p)/w, so w/φ_f are the precision weights of a weighted least-squares
 * fit. Pooled sums (no formats) are used as they are; with one φ for every format the
 * weighting changes nothing (a WLS slope and its standard error do not depend on the
 * weights' scale).
 */
export function precisionWeightedTrendSums(totals: SkillTotals, dispersion: Dispersion): TrendSums {
  if (!totals.formats) return totals;
  const sums: TrendSums = { W: 0, Wt: 0, Wy: 0, Wtt: 0, Wty: 0, Wyy: 0, events: 0 };
  for (const format of EVIDENCE_FORMATS) {
    const part = totals.formats[format];
    const precision = 1 / dispersion[format];
    sums.W += precision * part.W;
    sums.Wt += precision * part.Wt;
    sums.Wy += precision * part.Wy;
    sums.Wtt += precision * part.Wtt;
    sums.Wty += precision * part.Wty;
    sums.Wyy += precision * part.Wyy;
    sums.events += part.events;
  }
  return sums;
}

/**
 * Weighted least-squares slope of score on time and its standard error, from the six
 * additive sums and the count of evidence units (σ² = Σw·r² / (n − 2), as in any WLS fit
 * with weights known up to scale): a test of the slope at `trendZ` standard errors.
 */
export function trendFrom(sums: TrendSums, config: ScoringConfig): SkillTrend {
  const { W, Wt, Wy, Wtt, Wty, Wyy, events } = sums;
  const unknown: SkillTrend = {
    slopePer30Days: 0,
    standardErrorPer30Days: Number.POSITIVE_INFINITY,
    direction: 'unknown',
  };
  if (events <= 2 || W <= 0) return unknown;
  const Stt = Wtt - (Wt * Wt) / W;
  const Sty = Wty - (Wt * Wy) / W;
  const Syy = Wyy - (Wy * Wy) / W;
  // Evidence spread over less than about a day cannot show a trend.
  if (Stt / W < 1) return unknown;
  const slope = Sty / Stt;
  const residual = Math.max(0, Syy - slope * Sty);
  const se = Math.sqrt(residual / (events - 2) / Stt);
  const significant = se > 0 && Math.abs(slope) >= config.trendZ * se;
  return {
    slopePer30Days: slope * 30,
    standardErrorPer30Days: se * 30,
    direction: significant ? (slope > 0 ? 'improving' : 'declining') : 'steady',
  };
}

/**
 * The Beta posterior's parameters: α = α0 + Σ_f S⁺_f/φ_f, β = β0 + Σ_f S⁻_f/φ_f. Totals
 * without a split by format (the database's pooled sums) are divided by the largest φ, so
 * the interval is never narrower than the data warrant. Formula-scored check answers can
 * make S⁺ negative (a learner at or below chance); evidence never takes α below the
 * prior's α0.
 */
export function posteriorParameters(
  totals: SkillTotals,
  dispersion: Dispersion,
  config: ScoringConfig,
): { alpha: number; beta: number } {
  let plus = 0;
  let minus = 0;
  if (totals.formats) {
    for (const format of EVIDENCE_FORMATS) {
      const { sPlus, sMinus } = totals.formats[format];
      plus += sPlus / dispersion[format];
      minus += sMinus / dispersion[format];
    }
  } else {
    const phi = Math.max(...EVIDENCE_FORMATS.map((format) => dispersion[format]));
    plus = totals.sPlus / phi;
    minus = totals.sMinus / phi;
  }
  return {
    alpha: config.priorAlpha + Math.max(0, plus),
    beta: config.priorBeta + Math.max(0, minus),
  };
}

/**
 * The estimate of one skill. `dispersion` is φ per format: estimated from a body of data
 * (dispersion.ts) or, by default, the configured prior.
 */
export function estimateSkill(
  skill: string,
  totals: SkillTotals,
  target: number,
  config: ScoringConfig,
  dispersion: Dispersion = config.dispersion.prior,
): SkillEstimate {
  const { alpha, beta } = posteriorParameters(totals, dispersion, config);
  const mean = alpha / (alpha + beta);
  const sd = Math.sqrt((mean * (1 - mean)) / (alpha + beta + 1));
  const tail = (1 - config.intervalMass) / 2;
  const evidence = totals.sPlus + totals.sMinus;
  const probabilityMeetsTarget = 1 - betaCdf(target, alpha, beta);
  return {
    skill,
    mean,
    sd,
    interval: [betaQuantile(tail, alpha, beta), betaQuantile(1 - tail, alpha, beta)],
    alpha,
    beta,
    evidence,
    level: levelFor(mean, config),
    target,
    probabilityMeetsTarget,
    status: statusFor(evidence, probabilityMeetsTarget, config),
    trend: trendFrom(precisionWeightedTrendSums(totals, dispersion), config),
    events: totals.events,
    ...(totals.last !== undefined && Number.isFinite(totals.last)
      ? { lastEvidenceAt: new Date(totals.last).toISOString() }
      : {}),
  };
}
