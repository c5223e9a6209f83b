import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkVersion,
  decodeLessonSuspendData,
  encodeLessonSuspendData,
  lessonStanding,
  scorm12CheckInteraction,
  scorm2004CheckInteraction,
  type PackagedCheckItem,
  type PackagedLesson,
} from './lesson';

const item = (id: string, right: number): PackagedCheckItem => ({
  id,
  skill: 'communication',
  skillName: 'Communication',
  prompt: `Prompt ${id}`,
  options: ['a', 'b', 'c', 'd'].map((option, index) => ({
    id: option,
    text: `Option ${option}`,
    correct: index === right,
    feedback: 'Because.',
  })),
});
const items = [item('open-question', 2), item('reflection', 0), item('summary', 3)];
const lesson: PackagedLesson = {
  kind: 'lesson',
  format: 'scorm2004',
  lessonId: 'communication/active-listening-oars',
  title: 'Active listening',
  summary: 'Listen.',
  html: '<p>Text</p><div id="casecraft-check"></div>',
  items,
  mastery: 0.7,
  version: checkVersion(items),
};

describe('a packaged lesson', () => {
  it('is incomplete until every item is answered; then its score is the share correct', () => {
    expect(lessonStanding(lesson, { 'open-question': 'c' }, 0.7)).toMatchObject({
      decisions: 1,
      ended: false,
    });
    const all = { 'open-question': 'c', reflection: 'a', summary: 'a' };
    expect(lessonStanding(lesson, all, 0.7)).toMatchObject({
      decisions: 3,
      ended: true,
      score: { total: 2, scaled: 2 / 3, passed: false },
    });
    expect(lessonStanding(lesson, all, 0.6).score.passed).toBe(true);
  });

  it('maps an answer to a choice interaction <lessonId>.<itemId> with its result', () => {
    const step = {
      node: 'reflection',
      choice: 'b',
      at: '2026-01-01T10:00:00.000Z',
      latencyMs: 1500,
    };
    expect(Object.fromEntries(scorm2004CheckInteraction(lesson, 4, step))).toMatchObject({
      'cmi.interactions.4.id': 'communication/active-listening-oars.reflection',
      'cmi.interactions.4.type': 'choice',
      'cmi.interactions.4.learner_response': 'b',
      'cmi.interactions.4.result': 'incorrect',
      'cmi.interactions.4.latency': 'PT1.5S',
      'cmi.interactions.4.description': 'Prompt reflection',
    });
    expect(
      Object.fromEntries(scorm12CheckInteraction(lesson, 0, { ...step, choice: 'a' })),
    ).toMatchObject({
      'cmi.interactions.0.student_response': 'a',
      'cmi.interactions.0.result': 'correct',
    });
  });

  it('keeps any answers in suspend data and reads them back', () => {
    const answersArb = fc.record(
      Object.fromEntries(items.map((it) => [it.id, fc.constantFrom('a', 'b', 'c', 'd')])),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answersArb, fc.nat(5000), (chosen, interactionsWritten) => {
        // Only the items answered are keys (requiredKeys: []).
        const answers = chosen as Record<string, string>;
        const data = encodeLessonSuspendData(lesson, { answers, interactionsWritten });
        expect(decodeLessonSuspendData(lesson, data)).toEqual({
          ok: true,
          state: { answers, interactionsWritten },
        });
      }),
    );
  });

  it('refuses suspend data that is cut short, altered or from another version of the check', () => {
    const data = encodeLessonSuspendData(lesson, {
      answers: { 'open-question': 'c' },
      interactionsWritten: 1,
    });
    expect(decodeLessonSuspendData(lesson, data.slice(0, -3)).ok).toBe(false);
    expect(decodeLessonSuspendData(lesson, data.replace('|2-', '|3-')).ok).toBe(false);
    expect(decodeLessonSuspendData(lesson, 'c1|a0|1|x').ok).toBe(false);
    const changed = [item('open-question', 1), ...items.slice(1)];
    const decoded = decodeLessonSuspendData(
      { ...lesson, items: changed, version: checkVersion(changed) },
      data,
    );
    expect(decoded.ok ? '' : decoded.problem).toContain('checksum');
  });
});
