import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeItem } from '../../../tests/support/audit-items';
import { ITEM_AUDIT_GATES } from './gates';
import { cueLifts, cuesOf, lengthSpread, wilson } from './lift';

const rule = ITEM_AUDIT_GATES.cues;

describe('wilson', () => {
  it('contains the observed rate and narrows with more trials', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(share * n);
          const [low, high] = wilson(k, n, 2.576);
          expect(low).toBeLessThanOrEqual(k / n + 1e-12);
          expect(high).toBeGreaterThanOrEqual(k / n - 1e-12);
          const [low4, high4] = wilson(k * 4, n * 4, 2.576);
          expect(high4 - low4).toBeLessThanOrEqual(high - low + 1e-12);
        },
      ),
    );
  });
});

describe('cue lifts', () => {
  const items = Array.from({ length: 30 }, (_, index) =>
    makeItem(`lesson-${index % 6}`, `item-${index}`, [
      'What matters most to you this week?',
      'Honestly, it will work out fine for you.',
      'Tell him the rules and move on today.',
      'Write it up and send it to the office.',
    ]),
  );

  it('flag a cue that marks the key and one that marks a wrong option', () => {
    const lifts = cueLifts(items, 'check', rule);
    const question = lifts.find((lift) => lift.cue === 'question')!;
    expect(question).toMatchObject({
      support: 30,
      keys: 30,
      rate: 1,
      baseRate: 0.25,
      lift: 4,
      predictive: true,
    });
    expect(question.keyShare).toBe(1);
    expect(question.otherShare).toBe(0);
    expect(lifts.find((lift) => lift.cue === 'honestly')).toMatchObject({
      keys: 0,
      predictive: true,
    });
    expect(lifts.find((lift) => lift.cue === 'only:question')!.predictive).toBe(true);
  });

  it('leave small cells and length positions to other judges', () => {
    const few = cueLifts(items.slice(0, 4), 'check', rule);
    expect(few.some((lift) => lift.predictive)).toBe(false);
    expect(cueLifts(items, 'check', rule).find((lift) => lift.cue === 'shortest')!.predictive).toBe(
      false,
    );
  });

  it('report decision-only cues for decisions only', () => {
    expect(cueLifts(items, 'check', rule).some((lift) => lift.cue === 'conditional')).toBe(false);
    expect(cueLifts(items, 'decision', rule).some((lift) => lift.cue === 'conditional')).toBe(true);
  });

  it('list the cues one option carries', () => {
    expect(cuesOf(items[0]!, 0)).toEqual(
      expect.arrayContaining(['question', 'only:question', 'ends-question']),
    );
  });
});

describe('length spread', () => {
  it('shares the key positions, splitting ties and tied keys', () => {
    const longest = makeItem('l', 'a', ['x'.repeat(30), 'x'.repeat(20), 'x'.repeat(10)]);
    const tied = makeItem('l', 'b', ['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
    const spread = lengthSpread([longest, tied], 'check');
    expect(spread.items).toBe(2);
    expect(spread.shares.longest).toBeCloseTo(0.75, 9);
    expect(spread.shares['second-longest']).toBeCloseTo(0.25, 9);
    expect(spread.chance.shortest).toBeCloseTo(1 / 3, 9);
  });
});
