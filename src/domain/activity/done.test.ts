import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completedInRecords, latestAnswers } from './done';
import type { ActivityRecord } from './record';

const at = '2026-12-01T10:00:00.000Z';
const check = (lessonId: string, itemId: string, optionId = 'a'): ActivityRecord => ({
  kind: 'check',
  id: `${lessonId}-${itemId}-${optionId}`,
  at,
  lessonId,
  itemId,
  optionId,
});
const completion = (scenarioId: string, mode: 'practice' | 'assessment'): ActivityRecord => ({
  kind: 'completion',
  id: `${scenarioId}-${mode}`,
  at,
  attemptId: 'x',
  scenarioId,
  version: 'v1',
  endingId: 'end',
  mode,
});

describe('completedInRecords', () => {
  const lessons = { 'a/one': ['q1', 'q2', 'q3'], 'a/two': ['q1'] };

  it('counts a lesson only when every check item is answered, right or wrong', () => {
    expect(
      completedInRecords([check('a/one', 'q1'), check('a/one', 'q2')], lessons).lessons,
    ).toEqual(new Set());
    expect(
      completedInRecords(
        [check('a/one', 'q1', 'b'), check('a/one', 'q2'), check('a/one', 'q3', 'c')],
        lessons,
      ).lessons,
    ).toEqual(new Set(['a/one']));
  });

  it('ignores answers to items or lessons that are not published', () => {
    expect(completedInRecords([check('a/gone', 'q1')], lessons).lessons).toEqual(new Set());
    expect(completedInRecords([check('a/two', 'q9')], lessons).lessons).toEqual(new Set());
  });

  it('counts a scenario once an ending was reached, assessed apart', () => {
    const done = completedInRecords(
      [completion('s1', 'practice'), completion('s2', 'assessment')],
      lessons,
    );
    expect(done.scenarios).toEqual(new Set(['s1', 's2']));
    expect(done.assessedScenarios).toEqual(new Set(['s2']));
  });

  it('never marks a lesson done with an item unanswered (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('q1', 'q2', 'q3'), { maxLength: 10 }), (items) => {
        const done = completedInRecords(
          items.map((item) => check('a/one', item)),
          lessons,
        ).lessons.has('a/one');
        expect(done).toBe(new Set(items).size === 3);
      }),
    );
  });
});

describe('latestAnswers', () => {
  it('keeps the newest answer per item of that lesson', () => {
    expect(
      latestAnswers(
        [check('a/one', 'q1', 'a'), check('a/two', 'q1', 'c'), check('a/one', 'q1', 'b')],
        'a/one',
      ),
    ).toEqual({ q1: 'b' });
  });
});
