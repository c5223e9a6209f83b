import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG } from '../scoring/config';
import {
  completionRule,
  expectedShortfall,
  itemDone,
  observationScore,
  programmeProgress,
  targetFor,
  toCsv,
} from './team';

describe('team helpers', () => {
  it('takes the cohort target, then the organisation target, then the default', () => {
    const targets = [
      { cohort_id: null, skill_id: 'ethics', target: 0.7 },
      { cohort_id: 'c1', skill_id: 'ethics', target: 0.8 },
    ];
    expect(targetFor('ethics', 'c1', targets, 0.75)).toBe(0.8);
    expect(targetFor('ethics', 'c2', targets, 0.75)).toBe(0.7);
    expect(targetFor('empathy', 'c1', targets, 0.75)).toBe(0.75);
  });

  it('computes the expected shortfall exactly for a uniform belief', () => {
    // Beta(1, 1), τ = 0.5: E[(0.5 − p)⁺] = ∫₀^0.5 (0.5 − p) dp = 0.125
    expect(expectedShortfall({ alpha: 1, beta: 1, target: 0.5 })).toBeCloseTo(0.125, 12);
  });

  it('gives a larger shortfall the further below target, and never a negative one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (alpha, beta, target) => {
          const low = expectedShortfall({ alpha, beta: beta + 5, target });
          const high = expectedShortfall({ alpha: alpha + 5, beta, target });
          expect(low).toBeGreaterThanOrEqual(high - 1e-12);
          expect(high).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('tracks programme progress in order, with the next step and overdue state', () => {
    const items = [
      { position: 2, item_kind: 'scenario' as const, item_id: 's1' },
      { position: 1, item_kind: 'lesson' as const, item_id: 'l1' },
    ];
    const done = {
      lessons: new Set(['l1']),
      scenarios: new Set<string>(),
      assessedScenarios: new Set<string>(),
    };
    expect(programmeProgress(items, done, '2026-01-01', '2026-02-01')).toEqual({
      done: 1,
      total: 2,
      overdue: true,
      next: items[0],
      itemsDone: [true, false],
    });
    expect(
      programmeProgress(
        items,
        {
          lessons: new Set(['l1']),
          scenarios: new Set(['s1']),
          assessedScenarios: new Set(['s1']),
        },
        '2026-01-01',
        '2026-02-01',
      ).overdue,
    ).toBe(false);
  });

  it('counts a scenario item done only in the mode it requires', () => {
    const practised = {
      lessons: new Set<string>(),
      scenarios: new Set(['s1']),
      assessedScenarios: new Set<string>(),
    };
    const assessed = { ...practised, assessedScenarios: new Set(['s1']) };
    const item = (required_mode?: 'practice' | 'assessment' | null) => ({
      position: 1,
      item_kind: 'scenario' as const,
      item_id: 's1',
      required_mode,
    });
    expect(itemDone(item('practice'), practised)).toBe(true);
    expect(itemDone(item('assessment'), practised)).toBe(false);
    expect(itemDone(item(), practised)).toBe(false); // the default is assessment
    expect(itemDone(item('assessment'), assessed)).toBe(true);
    expect(itemDone(item('practice'), assessed)).toBe(true); // assessed is the stricter
    expect(completionRule(item('practice'))).toBe(
      'done when you reach an ending, in practice or assessment mode',
    );
    expect(completionRule(item())).toBe('done when you reach an ending in assessment mode');
    expect(completionRule({ item_kind: 'lesson' })).toBe(
      'done when all its check questions are answered',
    );
  });

  it('never counts an item done that its completions do not meet (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            item_kind: fc.constantFrom('lesson' as const, 'scenario' as const),
            item_id: fc.constantFrom('a', 'b', 'c'),
            required_mode: fc.constantFrom('practice' as const, 'assessment' as const, null),
          }),
          { maxLength: 8 },
        ),
        fc.subarray(['a', 'b', 'c']),
        fc.subarray(['a', 'b', 'c']),
        fc.subarray(['a', 'b', 'c']),
        (raw, lessons, scenarios, assessedOnly) => {
          const items = raw.map((item, position) => ({ ...item, position }));
          // An assessed ending is an ending: every assessed scenario is a completed one.
          const done = {
            lessons: new Set(lessons),
            scenarios: new Set([...scenarios, ...assessedOnly]),
            assessedScenarios: new Set(assessedOnly),
          };
          const progress = programmeProgress(items, done, null, '2026-01-01');
          items.forEach((item, index) => {
            const met =
              item.item_kind === 'lesson'
                ? lessons.includes(item.item_id)
                : item.required_mode === 'practice'
                  ? done.scenarios.has(item.item_id)
                  : assessedOnly.includes(item.item_id);
            expect(progress.itemsDone[index]).toBe(met);
          });
          expect(progress.done).toBe(progress.itemsDone.filter(Boolean).length);
        },
      ),
    );
  });

  it('scores an observation at the middle of its level band', () => {
    expect(observationScore('competent', SCORING_CONFIG)).toBe(0.7);
    expect(observationScore('novice', SCORING_CONFIG)).toBe(0.45);
    expect(observationScore('expert', SCORING_CONFIG)).toBe(0.925);
  });

  it('writes CSV with quoting', () => {
    expect(
      toCsv([
        ['name', 'note'],
        ['Ana, B', 'said "hi"'],
        [null, 3],
      ]),
    ).toBe('name,note\r\n"Ana, B","said ""hi"""\r\n,3\r\n');
  });
});
