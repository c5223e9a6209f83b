import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG, type EvidenceFormat, type ScoringConfig } from './config';
import {
  addDispersionCell,
  emptyDispersionData,
  estimateDispersion,
  mergeDispersionData,
  type DispersionData,
} from './dispersion';
import { addEvidence, emptyState, totalsAt, type EvidenceUnit } from './statistics';
import { createRandom } from './validation/generators';

const START = Date.UTC(2026, 0, 1);
const NO_PRIOR: ScoringConfig = {
  ...SCORING_CONFIG,
  dispersion: { ...SCORING_CONFIG.dispersion, priorDf: 0 },
};

/** One learner × skill cell from (run, y, w) answers in one format. */
function cell(answers: readonly { run: string; y: number; w: number }[], format: EvidenceFormat) {
  const state = emptyState();
  answers.forEach(({ run, y, w }, index) => {
    const unit: EvidenceUnit = {
      run,
      format,
      cap: Number.POSITIVE_INFINITY,
      w,
      y,
      time: START + index * 3_600_000,
    };
    addEvidence(state, unit, SCORING_CONFIG);
  });
  return totalsAt(state, START, SCORING_CONFIG);
}

const pooled = (cells: ReturnType<typeof cell>[]): DispersionData => {
  const data = emptyDispersionData();
  for (const totals of cells) addDispersionCell(data, totals);
  return data;
};

describe('dispersion φ per format', () => {
  it('is exactly w for right/wrong answers of weight w, one per run, whatever the cells', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.array(fc.array(fc.boolean(), { minLength: 2, maxLength: 30 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (w, learners) => {
          const cells = learners.map((answers) =>
            cell(
              answers.map((right, index) => ({ run: `c${index}`, y: right ? 1 : 0, w })),
              'check',
            ),
          );
          const estimate = estimateDispersion(pooled(cells), NO_PRIOR).check;
          // Cells whose answers are all equal carry nothing; with none left there is no estimate.
          const informative = learners.filter((answers) => new Set(answers).size === 2);
          if (informative.length === 0) expect(estimate.fromData).toBeNull();
          else {
            expect(estimate.fromData).toBeCloseTo(w, 9);
            expect(estimate.df).toBe(
              informative.reduce((sum, answers) => sum + answers.length - 1, 0),
            );
          }
        },
      ),
    );
  });

  it('recovers a known dispersion from graded scores (φ = 0.4 within four standard errors)', () => {
    // y is a Bernoulli(p) answer with probability q, else exactly p: Var(y) = q·p(1 − p), so φ = q.
    const random = createRandom(11);
    const cells = Array.from({ length: 2000 }, () => {
      const p = 0.15 + 0.7 * random.next();
      return cell(
        Array.from({ length: 10 }, (_, index) => ({
          run: `r${index}`,
          y: random.next() < 0.4 ? (random.next() < p ? 1 : 0) : p,
          w: 1,
        })),
        'choice',
      );
    });
    const estimate = estimateDispersion(pooled(cells), NO_PRIOR).choice;
    expect(estimate.df).toBe(18_000);
    // The ratio estimator's standard error here is about 0.006 (a χ²-like sum on 18,000 df
    // with the heavier tails of a Bernoulli mixture): 0.025 is four of them.
    expect(Math.abs(estimate.fromData! - 0.4)).toBeLessThan(0.025);
  });

  it('sees correlation within a run: four copies of one answer carry one answer’s information', () => {
    const random = createRandom(3);
    const cells = Array.from({ length: 1500 }, () => {
      const p = 0.2 + 0.6 * random.next();
      return cell(
        Array.from({ length: 5 }, () => random.next() < p).flatMap((right, index) =>
          Array.from({ length: 4 }, () => ({ run: `run-${index}`, y: right ? 1 : 0, w: 1 })),
        ),
        'choice',
      );
    });
    // A run of four identical answers: A_r − p·N_r = 4(y − p), variance 16·p(1−p), N_r = 4 → φ = 4.
    const estimate = estimateDispersion(pooled(cells), NO_PRIOR).choice;
    expect(Math.abs(estimate.fromData! - 4)).toBeLessThan(0.3);
  });

  it('adds up: pooled sums of two groups of learners merge into the sums of all', () => {
    const random = createRandom(5);
    const cells = Array.from({ length: 40 }, (_, learner) =>
      cell(
        Array.from({ length: 6 }, (_, index) => ({
          run: `r${index}`,
          y: random.next(),
          w: 0.2 + random.next(),
        })),
        learner % 2 === 0 ? 'choice' : 'observation',
      ),
    );
    const merged = mergeDispersionData(pooled(cells.slice(0, 17)), pooled(cells.slice(17)));
    const all = pooled(cells);
    for (const format of ['choice', 'check', 'observation'] as const) {
      expect(merged[format].numerator).toBeCloseTo(all[format].numerator, 9);
      expect(merged[format].denominator).toBeCloseTo(all[format].denominator, 9);
      expect(merged[format].df).toBe(all[format].df);
    }
  });

  it('falls back to the prior without data and shrinks towards it by its degrees of freedom', () => {
    const none = estimateDispersion(emptyDispersionData(), SCORING_CONFIG);
    expect(none.choice).toEqual({ phi: 0.5, fromData: null, df: 0, prior: 0.5, priorDf: 30 });
    const data = emptyDispersionData();
    data.observation = { numerator: 10, denominator: 10, df: 30 };
    // φ̂ = 1 on 30 df against the prior 0.5 worth 30 df: halfway.
    expect(estimateDispersion(data, SCORING_CONFIG).observation.phi).toBeCloseTo(0.75, 12);
    data.observation = { numerator: 3000, denominator: 3000, df: 3000 };
    expect(estimateDispersion(data, SCORING_CONFIG).observation.phi).toBeCloseTo(
      (30 * 0.5 + 3000) / 3030,
      12,
    );
  });

  it('learns nothing from a single run, nor from formula-scored checks at or below chance', () => {
    const single = cell([{ run: 'r', y: 0.5, w: 1 }], 'choice');
    const belowChance = cell(
      // One right of five on 4-option items: below chance, p̂ = (1 − 4/3)/5 < 0.
      [0, 1, 2, 3, 4].map((index) => ({ run: `c${index}`, y: index === 0 ? 1 : -1 / 3, w: 0.5 })),
      'check',
    );
    const data = pooled([single, belowChance]);
    expect(data.choice.df + data.check.df).toBe(0);
  });
});
