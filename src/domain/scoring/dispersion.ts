import { EVIDENCE_FORMATS, type EvidenceFormat, type ScoringConfig } from './config';
import type { FormatTotals, SkillTotals } from './statistics';

/**
 * Dispersion φ per response format, estimated from the data: a method-of-moments estimate
 * pooled across learners × skills, shrunk towards a prior when the data are thin.
 *
 * Why φ. The estimate treats a format's evidence as quasi-binomial, α = α0 + S⁺/φ,
 * β = β0 + S⁻/φ, so the model says the weighted mean score μ̂ = ΣA_r / ΣN_r has variance
 * φ·p(1−p)/ΣN. Intervals are calibrated exactly when that is the true sampling variance of
 * μ̂, Σ Var(A_r − p·N_r) / (ΣN)². So φ = Σ Var(A_r − p·N_r) / (p(1−p)·ΣN): the observed
 * residual variance per unit of weight, relative to a Bernoulli trial's. Binary answers of
 * weight w have φ = w exactly; graded choices (a middle option scores 0.4) have less.
 *
 * Estimator, per learner × skill cell with R ≥ 2 runs of the format (sums from FormatTotals):
 *   p̂ = ΣA/ΣN;  RSS = Σ(A_r − p̂·N_r)² = ΣA² − 2p̂·ΣAN + p̂²·ΣN²;
 *   numerator   = RSS · R/(R − 1)            (the runs lose one degree of freedom to p̂);
 *   denominator = ΣN·p̂(1−p̂) + numerator/ΣN  (p̂(1−p̂) falls short of p(1−p) by Var(p̂),
 *                                             whose estimate is numerator/ΣN²: added back);
 *   φ̂ = Σ numerator / Σ denominator over cells — the ratio form of the Pearson χ²/df
 *   estimator of a quasi-binomial model (McCullagh & Nelder, Generalized Linear Models,
 *   §9.2), with one proficiency per cell. For binary answers of constant weight w, one per
 *   run (knowledge checks), it gives exactly w, whatever the cells' sizes.
 * Residuals are taken per run, not per answer (a cluster-robust sandwich): the run cap
 * assumes decisions within one scenario run are correlated, and run-level residuals see
 * that correlation when it is there; per-answer residuals would not. They are taken from
 * each format's own mean, so formats that sit at different levels do not inflate each other.
 *
 * Prior. RSS/φ is roughly χ² on df = Σ(R − 1) degrees of freedom, so with a scaled
 * inverse-χ² prior worth ν0 degrees of freedom at φ0 the estimate is
 * (ν0·φ0 + df·φ̂)/(ν0 + df): with thin data φ falls back to φ0, with a few hundred runs the
 * data decide. Cells whose mean is at an end (all answers equal; formula-scored checks at or
 * below chance, p̂ ≤ 0) say nothing about φ and do not count towards df.
 *
 * Every quantity is a plain sum over cells, so an agency's estimate is one aggregate over
 * its learners' per-format sums, and two partial sums merge by adding.
 */
export interface DispersionSums {
  numerator: number;
  denominator: number;
  /** Residual degrees of freedom behind the sums: the estimate's effective sample size. */
  df: number;
}

export type DispersionData = Record<EvidenceFormat, DispersionSums>;

/** φ per format, as the estimate uses it. */
export type Dispersion = Readonly<Record<EvidenceFormat, number>>;

export interface FormatDispersion {
  /** The φ to use: the data's estimate shrunk towards the prior. */
  phi: number;
  /** The data's own estimate φ̂, or null without usable data. */
  fromData: number | null;
  /** Residual degrees of freedom in the data (effective n). */
  df: number;
  prior: number;
  priorDf: number;
}

export type DispersionEstimate = Record<EvidenceFormat, FormatDispersion>;

export const emptyDispersionData = (): DispersionData =>
  Object.fromEntries(
    EVIDENCE_FORMATS.map((format) => [format, { numerator: 0, denominator: 0, df: 0 }]),
  ) as DispersionData;

/** One learner × skill × format cell's contribution. */
export function cellDispersion(totals: FormatTotals): DispersionSums {
  const { runs, W: n, Wy: a, nn, an, aa } = totals;
  if (runs < 2 || !(n > 0)) return { numerator: 0, denominator: 0, df: 0 };
  const p = a / n;
  // At or beyond the ends (all answers equal, or formula-scored checks at or below chance)
  // the binomial variance p(1−p) says nothing about φ.
  if (!(p > 0 && p < 1)) return { numerator: 0, denominator: 0, df: 0 };
  const rss = Math.max(0, aa - 2 * p * an + p * p * nn);
  const numerator = (rss * runs) / (runs - 1);
  const denominator = n * p * (1 - p) + numerator / n;
  // Rounding can leave a hair of residual when every answer is equal: that is no information.
  if (!(denominator > 1e-12 * n)) return { numerator: 0, denominator: 0, df: 0 };
  return { numerator, denominator, df: runs - 1 };
}

/** Adds one learner × skill's totals to the pooled sums (mutates `data`). */
export function addDispersionCell(data: DispersionData, totals: SkillTotals): void {
  if (!totals.formats) return;
  for (const format of EVIDENCE_FORMATS) {
    const cell = cellDispersion(totals.formats[format]);
    const into = data[format];
    into.numerator += cell.numerator;
    into.denominator += cell.denominator;
    into.df += cell.df;
  }
}

export function mergeDispersionData(a: DispersionData, b: DispersionData): DispersionData {
  return Object.fromEntries(
    EVIDENCE_FORMATS.map((format) => [
      format,
      {
        numerator: a[format].numerator + b[format].numerator,
        denominator: a[format].denominator + b[format].denominator,
        df: a[format].df + b[format].df,
      },
    ]),
  ) as DispersionData;
}

/** φ per format from pooled sums and the configured prior. */
export function estimateDispersion(
  data: DispersionData,
  config: ScoringConfig,
): DispersionEstimate {
  const { prior, priorDf } = config.dispersion;
  return Object.fromEntries(
    EVIDENCE_FORMATS.map((format) => {
      const { numerator, denominator, df } = data[format];
      const fromData = denominator > 0 && df > 0 ? numerator / denominator : null;
      const phi =
        fromData === null
          ? prior[format]
          : (priorDf * prior[format] + df * fromData) / (priorDf + df);
      return [format, { phi, fromData, df, prior: prior[format], priorDf }];
    }),
  ) as DispersionEstimate;
}

export const dispersionOf = (estimate: DispersionEstimate): Dispersion =>
  Object.fromEntries(
    EVIDENCE_FORMATS.map((format) => [format, estimate[format].phi]),
  ) as Dispersion;
