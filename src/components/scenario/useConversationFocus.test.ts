import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrollDelta } from './useConversationFocus';

describe('scrollDelta', () => {
  it('does not scroll when the block is already in view', () => {
    expect(scrollDelta({ top: 100, bottom: 500 }, 800, 300)).toBe(0);
  });
  it('scrolls down just enough to show a block below the fold', () => {
    expect(scrollDelta({ top: 600, bottom: 1000 }, 800, 700)).toBe(1000 - (800 - 12));
  });
  it('scrolls up to a block above the viewport', () => {
    expect(scrollDelta({ top: -300, bottom: 100 }, 800, -100)).toBe(-312);
  });
  it('shows the part that must be seen of a block taller than the viewport, and what fits above', () => {
    // From 600 to 1400 fits in 800 − 24: its bottom goes to the bottom edge.
    expect(scrollDelta({ top: -500, bottom: 1300 }, 800, 600)).toBe(1300 - 788);
    // From 600 to 1500 does not: it starts at the top edge.
    expect(scrollDelta({ top: -500, bottom: 1500 }, 800, 600)).toBe(588);
  });
  it('always keeps the part that must be seen in view when it fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 400, max: 1200 }),
        (top, above, height, viewport) => {
          fc.pre(height <= viewport - 24);
          const mustSee = top + above;
          const delta = scrollDelta({ top, bottom: mustSee + height }, viewport, mustSee);
          expect(mustSee - delta).toBeGreaterThanOrEqual(12);
          expect(mustSee + height - delta).toBeLessThanOrEqual(viewport - 12);
        },
      ),
    );
  });
  it('leaves every block that fits wholly inside the viewport', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 400, max: 1200 }),
        (top, height, viewport) => {
          fc.pre(height <= viewport - 24);
          const delta = scrollDelta({ top, bottom: top + height }, viewport, top);
          expect(top - delta).toBeGreaterThanOrEqual(12);
          expect(top + height - delta).toBeLessThanOrEqual(viewport - 12);
        },
      ),
    );
  });
});
