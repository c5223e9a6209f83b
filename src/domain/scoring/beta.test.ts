import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaCdf, betaQuantile, logGamma } from './beta';

describe('Beta special functions', () => {
  it('matches known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(betaCdf(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    // Beta(2, 5): CDF = 1 − (1 − x)^5 (1 + 5x); at 0.3 that is 0.579825
    expect(betaCdf(0.3, 2, 5)).toBeCloseTo(1 - 0.7 ** 5 * (1 + 1.5), 12);
    // Beta(1, 1) is uniform
    expect(betaQuantile(0.1, 1, 1)).toBeCloseTo(0.1, 12);
    expect(betaQuantile(0.9, 3, 1)).toBeCloseTo(0.9 ** (1 / 3), 10);
  });

  it('quantile inverts the CDF for any shape', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (a, b, p) => {
          const x = betaQuantile(p, a, b);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
          expect(betaCdf(x, a, b)).toBeCloseTo(p, 8);
        },
      ),
    );
  });

  it('the CDF is monotone in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, x1, x2) => {
          const [low, high] = x1 < x2 ? [x1, x2] : [x2, x1];
          expect(betaCdf(low, a, b)).toBeLessThanOrEqual(betaCdf(high, a, b) + 1e-12);
        },
      ),
    );
  });
});
