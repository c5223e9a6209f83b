import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFICIENCY_LEVELS } from '../skills/skill';
import { SCORING_CONFIG } from './config';
import { estimateSkill } from './estimate';
import { bandIndex, certainLevelLabel, levelWithCertainty, type CertainLevel } from './levels';
import { addEvidence, emptyState, totalsAt } from './statistics';

const CUTS = SCORING_CONFIG.levelCuts;
const band = (index: number): [number, number] => [
  index === 0 ? Number.NEGATIVE_INFINITY : CUTS[index - 1]!,
  index === CUTS.length ? Number.POSITIVE_INFINITY : CUTS[index]!,
];
const indexOf = (level: string) => PROFICIENCY_LEVELS.indexOf(level as never);

// Intervals with ends often exactly on a cut-point, where the half-open bands matter.
const point = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...CUTS));
const interval = fc
  .tuple(point, point)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);

describe('levels that respect certainty', () => {
  it('never names a level the interval leaves', () => {
    fc.assert(
      fc.property(interval, ([low, high]) => {
        const result = levelWithCertainty({ interval: [low, high] });
        if (result.kind !== 'level') return;
        const [lower, upper] = band(indexOf(result.level));
        expect(low).toBeGreaterThanOrEqual(lower);
        expect(high).toBeLessThan(upper);
      }),
    );
  });

  it('names a span exactly as wide as the interval: inside its bands, touching both ends', () => {
    fc.assert(
      fc.property(interval, fc.integer({ min: 2, max: 5 }), ([low, high], maxSpan) => {
        const result = levelWithCertainty({ interval: [low, high] }, { maxSpan });
        if (result.kind !== 'span') return;
        const from = indexOf(result.from);
        const to = indexOf(result.to);
        expect(from).toBeLessThan(to);
        expect(to - from + 1).toBeLessThanOrEqual(maxSpan);
        // Inside the union of the bands from..to, and reaching into the first and the last.
        expect(low).toBeGreaterThanOrEqual(band(from)[0]);
        expect(low).toBeLessThan(band(from)[1]);
        expect(high).toBeGreaterThanOrEqual(band(to)[0]);
        expect(high).toBeLessThan(band(to)[1]);
      }),
    );
  });

  it('says "not yet certain" only when the span would be wider than allowed', () => {
    fc.assert(
      fc.property(interval, fc.integer({ min: 2, max: 5 }), ([low, high], maxSpan) => {
        const result = levelWithCertainty({ interval: [low, high] }, { maxSpan });
        const width = bandIndex(high, CUTS) - bandIndex(low, CUTS) + 1;
        expect(result.kind === 'uncertain').toBe(width > maxSpan);
      }),
    );
  });

  it('never becomes less certain as the interval narrows', () => {
    const levels = (result: CertainLevel) =>
      result.kind === 'level'
        ? 1
        : result.kind === 'span'
          ? indexOf(result.to) - indexOf(result.from) + 1
          : Number.POSITIVE_INFINITY;
    fc.assert(
      fc.property(
        interval,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([low, high], a, b) => {
          const inner: [number, number] = [
            low + (high - low) * Math.min(a, b),
            low + (high - low) * Math.max(a, b),
          ];
          expect(levels(levelWithCertainty({ interval: inner }))).toBeLessThanOrEqual(
            levels(levelWithCertainty({ interval: [low, high] })),
          );
        },
      ),
    );
  });

  it('a point interval always has its level; a cut-point belongs to the level above', () => {
    expect(levelWithCertainty({ interval: [0.7, 0.7] })).toEqual({
      kind: 'level',
      level: 'competent',
    });
    expect(levelWithCertainty({ interval: [0.75, 0.75] })).toEqual({
      kind: 'level',
      level: 'proficient',
    });
    // Touching the cut from below stays in the lower band.
    expect(levelWithCertainty({ interval: [0.66, 0.7499] })).toEqual({
      kind: 'level',
      level: 'competent',
    });
  });

  it('reads as a level, a span or "not yet certain"', () => {
    expect(certainLevelLabel(levelWithCertainty({ interval: [0.7, 0.95] }))).toBe(
      'Competent to expert',
    );
    expect(certainLevelLabel(levelWithCertainty({ interval: [0.6, 0.7] }))).toBe(
      'Advanced beginner to competent',
    );
    expect(certainLevelLabel(levelWithCertainty({ interval: [0.3, 0.95] }))).toBe(
      'Not yet certain',
    );
    expect(levelWithCertainty({ interval: [0.8, 0.82], evidence: 3 })).toEqual({
      kind: 'uncertain',
      reason: 'not-enough-evidence',
    });
  });

  it('no longer calls a learner with nine units of evidence "Expert"', () => {
    // Twelve decisions of strength 0.75 in three scenario runs, two of them middling: n = 9.
    const state = emptyState();
    const start = Date.UTC(2026, 0, 1);
    for (let index = 0; index < 12; index++)
      addEvidence(
        state,
        {
          run: `run-${Math.floor(index / 4)}`,
          format: 'choice',
          cap: 3,
          w: 0.75,
          y: index % 6 === 5 ? 0.5 : 1,
          time: start + index * 60_000,
        },
        SCORING_CONFIG,
      );
    const estimate = estimateSkill(
      'empathy',
      totalsAt(state, start, SCORING_CONFIG),
      0.75,
      SCORING_CONFIG,
    );
    expect(estimate.evidence).toBeCloseTo(9, 3);
    expect(estimate.level).toBe('expert');
    expect(levelWithCertainty(estimate)).toEqual({
      kind: 'span',
      from: 'proficient',
      to: 'expert',
    });
  });

  it('refuses bands that do not fit the levels, and a reversed interval', () => {
    expect(() => levelWithCertainty({ interval: [0.5, 0.6] }, { cuts: [0.5] })).toThrow(
      /4 cut-points/,
    );
    expect(() => levelWithCertainty({ interval: [0.6, 0.5] })).toThrow(/not an interval/);
  });
});
