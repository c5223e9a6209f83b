import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { SCORING_CONFIG } from './config';
import type { ActivityRecord } from '../activity/record';
import { checkEvidence, decisionEvidence, extractEvidence, type ScoringContent } from './evidence';
import { recommend, evidenceCapacity, reasonFor } from './recommend';
import { scoreLearner } from './profile';

const scenario = loadFixtureScenario('mini');
const content: ScoringContent = {
  scenario: (id) => (id === 'mini' ? scenario : undefined),
  checkItem: (lessonId, itemId) =>
    lessonId === 'communication/oars' && itemId === 'q1'
      ? {
          skill: 'communication',
          options: [
            { id: 'a', correct: false },
            { id: 'b', correct: true },
            { id: 'c', correct: false },
            { id: 'd', correct: false },
          ],
        }
      : undefined,
};
const attempt = '00000000-0000-4000-8000-0000000000aa';
const choice = (
  id: string,
  nodeId: string,
  choiceId: string,
  at: string,
  extra: Partial<ActivityRecord> = {},
): ActivityRecord =>
  ({
    kind: 'choice',
    id,
    at,
    attemptId: attempt,
    scenarioId: 'mini',
    nodeId,
    choiceId,
    mode: 'assessment',
    ...extra,
  }) as ActivityRecord;

describe('decision evidence', () => {
  it('scores the chosen option against the options on offer, with strength from the spread', () => {
    const offered = scenario.nodes.a!.choices!;
    const [good, bad] = offered;
    expect(decisionEvidence(offered, good!, 1)).toEqual([
      {
        skill: 'communication',
        y: 1,
        w: 3 / 6,
        code: 2,
        best: 2,
        worst: -1,
        why: 'An open question invites their story.',
      },
      { skill: 'empathy', y: 1, w: 1 / 6, code: 0, best: 0, worst: -1, why: '' },
    ]);
    expect(
      decisionEvidence(offered, bad!, 0.5).map((item) => [item.skill, item.y, item.w]),
    ).toEqual([
      ['communication', 0, 0.25],
      ['empathy', 0, 0.5 / 6],
    ]);
  });

  it('ignores a skill on which every offered option is equal', () => {
    const only = scenario.nodes.b!.choices!.filter((c) => c.id === 'x');
    expect(decisionEvidence(only, only[0]!, 1)).toEqual([]);
  });

  it('formula-scores a check answer: right 1, wrong −1/(m − 1), so a blind guess is worth 0 on average', () => {
    const options = [
      { id: 'a', correct: true },
      { id: 'b', correct: false },
      { id: 'c', correct: false },
      { id: 'd', correct: false },
    ];
    expect(checkEvidence(options, 'a', 0.5)).toEqual({ y: 1, w: 0.5, correct: true });
    expect(checkEvidence(options, 'b', 0.5)).toEqual({ y: -1 / 3, w: 0.5, correct: false });
    expect(checkEvidence(options, 'z', 0.5)).toBeUndefined();
    const guess =
      options.reduce((sum, option) => sum + checkEvidence(options, option.id, 0.5)!.y, 0) /
      options.length;
    expect(guess).toBeCloseTo(0, 12);
  });

  it('keeps the first guessing rule on request (what the database applies until its migration)', () => {
    const options = [
      { id: 'a', correct: true },
      { id: 'b', correct: false },
      { id: 'c', correct: false },
      { id: 'd', correct: false },
    ];
    expect(checkEvidence(options, 'a', 0.5, 'weight')).toEqual({ y: 1, w: 0.375, correct: true });
    expect(checkEvidence(options, 'b', 0.5, 'weight')).toEqual({ y: 0, w: 0.5, correct: false });
  });
});

describe('extractEvidence', () => {
  it('takes an agency-sized history without overflowing the stack (300,000 pieces of choice evidence)', () => {
    const records = Array.from({ length: 150_000 }, (_, index) =>
      choice(String(index), 'a', 'bad', '2026-01-01T10:00:00Z', {
        attemptId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      }),
    );
    const extraction = extractEvidence(records, content, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([]);
    expect(extraction.evidence).toHaveLength(300_000);
  });

  it('replays an attempt, relative to the options offered in its state, and flags nothing unflagged', () => {
    const records = [
      choice('1', 'a', 'bad', '2026-01-01T10:00:00Z'),
      choice('2', 'b', 'x', '2026-01-01T10:01:00Z'),
    ];
    const extraction = extractEvidence(records, content, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([]);
    // At b with trust 0 only "x" is offered, so b gives no evidence.
    expect(extraction.evidence.map((item) => [item.recordId, item.skill, item.y])).toEqual([
      ['1', 'communication', 0],
      ['1', 'empathy', 0],
    ]);
  });

  it('refuses a decision that does not follow the previous step, an unknown scenario and an unknown option', () => {
    const records = [
      choice('1', 'b', 'x', '2026-01-01T10:00:00Z'),
      choice('2', 'a', 'nope', '2026-01-01T10:01:00Z'),
      choice('3', 'a', 'good', '2026-01-01T10:02:00Z'),
      {
        kind: 'choice',
        id: '4',
        at: '2026-01-01T10:03:00Z',
        attemptId: attempt.replace('aa', 'bb'),
        scenarioId: 'ghost',
        nodeId: 'a',
        choiceId: 'x',
        mode: 'practice',
      } as ActivityRecord,
      {
        kind: 'check',
        id: '5',
        at: '2026-01-01T10:04:00Z',
        lessonId: 'communication/oars',
        itemId: 'q9',
        optionId: 'a',
      } as ActivityRecord,
      {
        kind: 'observation',
        id: '6',
        at: '2026-01-01T10:05:00Z',
        skill: 'empathy',
        y: 1.5,
        w: 1,
      } as ActivityRecord,
    ];
    const extraction = extractEvidence(records, content, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([
      {
        recordId: '1',
        reason: 'decision at "b" does not follow the attempt\'s previous step (expected "a")',
      },
      { recordId: '2', reason: 'choice "nope" is not on offer at "a"' },
      { recordId: '4', reason: 'unknown scenario "ghost"' },
      { recordId: '5', reason: 'unknown check item communication/oars#q9' },
      { recordId: '6', reason: 'an observation needs a score y in [0, 1] and a weight w > 0' },
    ]);
    expect(new Set(extraction.evidence.map((item) => item.recordId))).toEqual(new Set(['3']));
  });

  it('infers runs when records carry no attempt id', () => {
    const records = ['a/good', 'b/x', 'a/bad', 'b/x'].map((step, index): ActivityRecord => {
      const [nodeId, choiceId] = step.split('/') as [string, string];
      return {
        kind: 'choice',
        id: String(index),
        at: `2026-01-0${index + 1}T00:00:00Z`,
        scenarioId: 'mini',
        nodeId,
        choiceId,
        mode: 'assessment',
      };
    });
    const extraction = extractEvidence(records, content, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([]);
    expect(new Set(extraction.evidence.map((item) => item.run)).size).toBe(2);
  });

  it('shares one answer’s weight between repeated answers to the same check item', () => {
    const records = ['a', 'b'].map((optionId, index): ActivityRecord => ({
      kind: 'check',
      id: `c${index}`,
      at: '2026-01-02T00:00:00Z',
      lessonId: 'communication/oars',
      itemId: 'q1',
      optionId,
    }));
    const profile = scoreLearner(records, content, {
      skills: ['communication'],
      now: Date.parse('2026-01-02T00:00:00Z'),
    });
    expect(profile.skills[0]!.evidence).toBeCloseTo(0.5, 9);
  });
});

describe('recommendations', () => {
  it('puts uncertain, below-target skills first with a reason, a lesson not yet done and a scenario not played recently', () => {
    const profile = scoreLearner([], content, {
      skills: ['communication', 'empathy'],
      now: Date.parse('2026-01-02T00:00:00Z'),
    });
    const recommendations = recommend({
      estimates: profile.skills,
      skillNames: { communication: 'Communication', empathy: 'Empathy' },
      lessons: [
        { id: 'communication/one', title: 'One', skill: 'communication', order: 1 },
        { id: 'communication/two', title: 'Two', skill: 'communication', order: 2 },
      ],
      lessonsDone: new Set(['communication/one']),
      scenarios: [{ id: 'mini', title: 'Mini', capacity: evidenceCapacity(scenario, 2) }],
      recentScenarios: new Set(),
    });
    expect(recommendations[0]).toMatchObject({
      skill: 'communication',
      lesson: { id: 'communication/two' },
      scenario: { id: 'mini' },
    });
    expect(recommendations[0]!.reason).toBe(
      'There is not enough evidence about your communication yet to say where you stand against your target of 75%.',
    );
    expect(reasonFor({ ...profile.skills[0]!, status: 'gap' }, 'conflict resolution')).toBe(
      'Your conflict resolution estimate is below your target of 75%.',
    );
  });
});
