import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, seededRandom } from '../scenario/shuffle';
import { fitConditionalLogit, rowScore, scores, softmax, sparse, type ChoiceSet } from './logit';

describe('softmax', () => {
  it('gives probabilities that sum to one and keep the order of the scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 5 }),
        (values) => {
          const probabilities = softmax(values);
          expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 9);
          const top = values.indexOf(Math.max(...values));
          expect(probabilities[top]).toBe(Math.max(...probabilities));
        },
      ),
    );
  });
});

describe('sparse rows', () => {
  it('score exactly as their dense form', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -3, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true })),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (pairs) => {
          const dense = pairs.map(([value]) => value);
          const weights = Float64Array.from(pairs.map(([, weight]) => weight));
          const expected = dense.reduce((sum, value, index) => sum + value * weights[index]!, 0);
          expect(rowScore(weights, sparse(dense))).toBeCloseTo(expected, 9);
          expect(sparse(dense).indices.length).toBe(dense.filter((value) => value !== 0).length);
        },
      ),
    );
  });
});

describe('fitConditionalLogit', () => {
  /** Items of four options with two features; the key is the option with the highest 2·x0 − x1 + noise. */
  function simulate(count: number, seed: number): ChoiceSet[] {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => {
      const dense = Array.from({ length: 4 }, () => [random() * 2 - 1, random() * 2 - 1]);
      const utility = dense.map((row) => 2 * row[0]! - row[1]! + (random() - 0.5) * 0.5);
      return {
        rows: dense.map((row) => sparse(row)),
        keys: [utility.indexOf(Math.max(...utility))],
      };
    });
  }

  it('recovers the direction of the true preferences', () => {
    const fit = fitConditionalLogit(simulate(400, 1), 2, { lambda: 0.1 });
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(fit.weights[1]).toBeLessThan(0);
    expect(fit.weights[0]! / -fit.weights[1]!).toBeGreaterThan(1.4);
    expect(fit.weights[0]! / -fit.weights[1]!).toBeLessThan(2.8);
  });

  it('picks the key in fresh items far above chance', () => {
    const fit = fitConditionalLogit(simulate(300, 2), 2, { lambda: 0.1 });
    const test = simulate(300, 3);
    const hits = test.filter((set) => {
      const values = scores(fit.weights, set.rows);
      return values.indexOf(Math.max(...values)) === set.keys[0];
    }).length;
    expect(hits / test.length).toBeGreaterThan(0.7);
  });

  it('learns nothing from features unrelated to the key', () => {
    const random = seededRandom(hashString('noise'));
    const sets = Array.from({ length: 300 }, (): ChoiceSet => ({
      rows: Array.from({ length: 4 }, () => sparse([random(), random()])),
      keys: [Math.floor(random() * 4)],
    }));
    const fit = fitConditionalLogit(sets, 2, { lambda: 1 });
    expect(Math.abs(fit.weights[0]!)).toBeLessThan(0.6);
    expect(Math.abs(fit.weights[1]!)).toBeLessThan(0.6);
  });

  it('is deterministic and shrinks weights as the penalty grows', () => {
    const sets = simulate(200, 4);
    const a = fitConditionalLogit(sets, 2, { lambda: 1 });
    const b = fitConditionalLogit(sets, 2, { lambda: 1 });
    expect([...a.weights]).toEqual([...b.weights]);
    const strong = fitConditionalLogit(sets, 2, { lambda: 100 });
    expect(Math.hypot(...strong.weights)).toBeLessThan(Math.hypot(...a.weights));
  });

  it('spreads the target over tied keys', () => {
    // Options 0 and 1 are both keys and share feature 0; option 2 and 3 never are.
    const sets = Array.from({ length: 50 }, (): ChoiceSet => ({
      rows: [[1], [1], [0], [0]].map((row) => sparse(row)),
      keys: [0, 1],
    }));
    const fit = fitConditionalLogit(sets, 1, { lambda: 0.01 });
    expect(fit.weights[0]).toBeGreaterThan(3);
  });
});
