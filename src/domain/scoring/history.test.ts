import { describe, expect, it } from 'vitest';
import { DAY_MS } from './config';
import type { EvidenceItem } from './evidence';
import { estimateHistory } from './history';

const item = (day: number, y: number, skill = 'empathy'): EvidenceItem => ({
  recordId: `r${day}-${y}`,
  run: `run${day}`,
  format: 'choice',
  cap: 3,
  w: 1,
  y,
  time: Date.UTC(2026, 0, 1) + day * DAY_MS + 3_600_000,
  skill,
  source: 'assessment',
  rationale: '',
});

describe('estimateHistory', () => {
  it('gives one point per day with evidence, for that skill only, rising with good evidence', () => {
    const history = estimateHistory(
      [item(0, 0.2), item(0, 0.3), item(2, 1), item(5, 1), item(5, 1, 'ethics')],
      'empathy',
      0.75,
    );
    expect(history).toHaveLength(3);
    expect(history[0]!.mean).toBeLessThan(history[2]!.mean);
    for (const point of history) {
      expect(point.low).toBeLessThanOrEqual(point.mean);
      expect(point.high).toBeGreaterThanOrEqual(point.mean);
    }
  });

  it('keeps only the latest points', () => {
    const many = Array.from({ length: 100 }, (_, day) => item(day, 0.5));
    expect(estimateHistory(many, 'empathy', 0.75, undefined, 10)).toHaveLength(10);
  });
});
