import { describe, expect, it } from 'vitest';
import {
  checkTargets,
  expectedCalibrationError,
  pearson,
  simulate,
  twoStandardErrors,
  validateScoring,
} from './simulate';

describe('scoring validation on simulated 2PL learners (small run)', () => {
  // The full run (2,000 learners, exact targets) is `npm run validate:scoring`; here each
  // proportion target is widened by two standard errors for the smaller sample.
  const figures = validateScoring(500, 31);

  it.each(checkTargets(figures, twoStandardErrors).map((check) => [check.name, check] as const))(
    '%s',
    (_name, check) => {
      expect(check.met, `${check.name}: ${check.value.toFixed(3)} (target ${check.target})`).toBe(
        true,
      );
    },
  );

  it('is reproducible for a seed', () => {
    const a = simulate({ learners: 20, decisionsPerSkill: 10, seed: 5 });
    const b = simulate({ learners: 20, decisionsPerSkill: 10, seed: 5 });
    expect(a.map((learner) => learner.estimate.mean)).toEqual(
      b.map((learner) => learner.estimate.mean),
    );
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
});
