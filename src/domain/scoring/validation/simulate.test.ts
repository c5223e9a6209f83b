import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG } from '../config';
import { GENERATORS, generatorNamed } from './generators';
import {
  checkTargets,
  expectedCalibrationError,
  olsTrend,
  pearson,
  simulateLearners,
  validateGenerator,
} from './simulate';

// The full run (2,000 learners per condition, exact targets) is `npm run validate:scoring`.
// Here each generator runs with 800 learners per condition, and every bound is widened by
// two standard errors of its statistic at that size (a proportion's, a correlation's, or
// the paired engine − OLS difference's): the seeded run is deterministic, and a model that
// meets a target at full size meets the widened one at this size.
const LEARNERS = 800;

describe.each(GENERATORS.map((generator) => [generator.name, generator] as const))(
  'scoring validation on %s learners (reduced run)',
  (_name, generator) => {
    const figures = validateGenerator(generator, LEARNERS, 'estimate', 31);
    it.each(
      checkTargets(figures, 'two standard errors').map((check) => [check.name, check] as const),
    )('%s', (_check, check) => {
      expect(
        check.status,
        `${check.name}: ${check.value.toFixed(3)} (target ${check.target}; ${check.note ?? ''})`,
      ).not.toBe('miss');
    });
  },
);

describe('what the validation can catch', () => {
  it('the landed model (φ = 0.5 for every format) misses coverage on binary answers', () => {
    const figures = validateGenerator(generatorNamed('binary-2pl'), LEARNERS, 'fixed', 31);
    const coverage = checkTargets(figures, 'two standard errors').filter((check) =>
      check.name.startsWith('calibration: 80% interval coverage'),
    );
    expect(coverage.map((check) => check.status)).toEqual(['miss', 'miss', 'miss']);
  });

  it('estimates φ = 1 for right/wrong answers of weight 1, and less for graded choices', () => {
    expect(
      validateGenerator(generatorNamed('binary-2pl'), 300, 'estimate', 5).dispersion.observation
        .fromData,
    ).toBeCloseTo(1, 6);
    const graded = validateGenerator(generatorNamed('graded'), 300, 'estimate', 5).dispersion
      .choice;
    expect(graded.fromData).toBeGreaterThan(0.3);
    expect(graded.fromData).toBeLessThan(0.5);
  });

  it('is reproducible for a seed', () => {
    const run = () =>
      simulateLearners(generatorNamed('mixed'), { learners: 20, decisions: 10, seed: 5 }).map(
        (learner) => [learner.truth, ...learner.units.map((unit) => unit.y)],
      );
    expect(run()).toEqual(run());
  });
});

describe('validation statistics', () => {
  it('computes a Pearson correlation', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('computes the expected calibration error over equal-size bins', () => {
    expect(
      expectedCalibrationError(
        [
          [0.2, 0.2],
          [0.8, 0.8],
        ],
        2,
      ),
    ).toBe(0);
    expect(
      expectedCalibrationError(
        [
          [0.2, 0.4],
          [0.8, 0.6],
        ],
        2,
      ),
    ).toBeCloseTo(0.2, 12);
  });

  it('the OLS yardstick flags a clear rise, not noise around a flat line, and not one day', () => {
    const day = 86_400_000;
    const unit = (index: number, y: number) => ({
      run: `o${index}`,
      format: 'observation' as const,
      cap: Infinity,
      w: 1,
      y,
      time: Date.UTC(2026, 0, 1) + index * 3 * day,
    });
    const rising = Array.from({ length: 30 }, (_, index) =>
      unit(index, index / 30 + (index % 2) * 0.1),
    );
    const flat = Array.from({ length: 30 }, (_, index) => unit(index, index % 2 === 0 ? 0.4 : 0.6));
    expect(olsTrend(rising, SCORING_CONFIG.trendZ)).toBe('improving');
    expect(olsTrend(flat, SCORING_CONFIG.trendZ)).toBe('steady');
    expect(
      olsTrend(
        rising.map((item) => ({ ...item, time: Date.UTC(2026, 0, 1) })),
        SCORING_CONFIG.trendZ,
      ),
    ).toBe('unknown');
  });
});
