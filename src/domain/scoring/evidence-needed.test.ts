import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG } from './config';
import { evidenceNeeded, formatEvidence, moreEvidenceInWords } from './evidence-needed';

describe('evidence needed', () => {
  it('says how far below the threshold a skill is, in decisions and check answers', () => {
    expect(formatEvidence(2.6)).toBe('2.6 of 6 needed');
    expect(formatEvidence(8.25)).toBe('8.3 (6 needed)');
    // 6 − 4.2 = 1.8: two assessed decisions (weight 1) or four check answers (weight 0.5).
    expect(moreEvidenceInWords(4.2)).toBe('at least 2 more assessed decisions or 4 check answers');
    expect(moreEvidenceInWords(5.5)).toBe('at least 1 more assessed decision or 1 check answer');
    expect(moreEvidenceInWords(6)).toBe('');
  });

  it('asks for enough: the counts, at full weight, reach the threshold (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20, noNaN: true }), (evidence) => {
        const needed = evidenceNeeded(evidence);
        const { weights, minEvidence } = SCORING_CONFIG;
        expect(evidence + needed.decisions * weights.assessment).toBeGreaterThanOrEqual(
          minEvidence - 1e-6,
        );
        expect(evidence + needed.checks * weights.check).toBeGreaterThanOrEqual(minEvidence - 1e-6);
        // …and not one more than that.
        if (needed.decisions > 0)
          expect(evidence + (needed.decisions - 1) * weights.assessment).toBeLessThan(minEvidence);
        expect(needed.more === 0).toBe(evidence >= minEvidence);
      }),
    );
  });
});
