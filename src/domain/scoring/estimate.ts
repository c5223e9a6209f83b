import { PROFICIENCY_LEVELS, type ProficiencyLevel } from '../skills/skill';
import { betaCdf, betaQuantile } from './beta';
import type { ScoringConfig } from './config';
import type { SkillTotals } from './statistics';

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
 * Weighted least-squares slope of score on time, from the six additive sums and the count
 * of evidence units (weights are precision weights: σ² = Σw·r² / (n − 2)).
 */
export function trendFrom(totals: SkillTotals, config: ScoringConfig): SkillTrend {
  const { W, Wt, Wy, Wtt, Wty, Wyy, events } = totals;
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

export function estimateSkill(
  skill: string,
  totals: SkillTotals,
  target: number,
  config: ScoringConfig,
): SkillEstimate {
  const alpha = config.priorAlpha + totals.sPlus / config.dispersion;
  const beta = config.priorBeta + totals.sMinus / config.dispersion;
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
    trend: trendFrom(totals, config),
    events: totals.events,
    ...(totals.last !== undefined && Number.isFinite(totals.last)
      ? { lastEvidenceAt: new Date(totals.last).toISOString() }
      : {}),
  };
}
