import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { SCORING_CONFIG } from './config';
import type { ActivityRecord } from '../activity/record';
import type { ScoringContent } from './evidence';
import { analyseItems, flaggedItems, type ItemBank, type ItemFigures } from './item-analysis';
import { learnerStatistics } from './profile';
import { simulateActivity } from './validation/activity';

const scenario = loadFixtureScenario('item-bank');
const options = (correct: string) =>
  ['a', 'b', 'c', 'd'].map((id) => ({ id, correct: id === correct }));
const lesson = {
  id: 'communication/oars',
  check: ['q1', 'q2', 'q3', 'q4'].map((id, index) => ({
    id,
    skill: 'communication',
    options: options(['a', 'b', 'c', 'd'][index]!),
  })),
};
const skills = ['communication', 'empathy'];
const content: ScoringContent = {
  scenario: (id) => (id === scenario.id ? scenario : undefined),
  checkItem: (lessonId, itemId) =>
    lessonId === lesson.id ? lesson.check.find((item) => item.id === itemId) : undefined,
};
const bank: ItemBank = {
  scenarios: [scenario],
  checks: lesson.check.map((item) => ({
    lessonId: lesson.id,
    itemId: item.id,
    skill: item.skill,
    options: item.options,
  })),
};

/** Analyses the records, learner by learner, as `npm run analyze:items` does. */
function analyse(records: readonly { learner: string; record: ActivityRecord }[]): ItemFigures[] {
  const byLearner = new Map<string, ActivityRecord[]>();
  for (const { learner, record } of records)
    byLearner.set(learner, [...(byLearner.get(learner) ?? []), record]);
  return analyseItems(
    [...byLearner].map(([learner, list]) => ({
      learner,
      evidence: learnerStatistics(list, content, skills, SCORING_CONFIG).evidence,
    })),
    bank,
  );
}

const item = (items: readonly ItemFigures[], id: string) => items.find((found) => found.id === id)!;

describe('item analysis', () => {
  // 400 learners, each playing the scenario 3 times and answering the 4 checks; one decision
  // planted so that able learners prefer its worst options, one check mis-keyed so that
  // able learners choose distractor "c".
  const items = analyse(
    simulateActivity({ scenarios: [scenario], lessons: [lesson] }, skills, {
      learners: 400,
      seed: 3,
      plays: 3,
      lessons: 1,
      plant: {
        decisions: [{ scenarioId: 'item-bank', nodeId: 'd2' }],
        checks: [{ lessonId: lesson.id, itemId: 'q2', distractor: 'c' }],
      },
    }),
  );

  it('flags the planted, negatively discriminating decision — and only the planted items', () => {
    const bad = item(items, 'item-bank/d2');
    expect(bad.skills[0]!.discrimination).toBeLessThan(-0.2);
    expect(bad.flags).toContainEqual(
      expect.objectContaining({ kind: 'negative-discrimination', skill: 'communication' }),
    );
    expect(bad.flags).toContainEqual(
      expect.objectContaining({
        kind: 'key-less-popular-among-strong',
        key: 'summarise',
        distractor: 'lecture',
      }),
    );
    expect(
      flaggedItems(items)
        .map((flagged) => flagged.id)
        .sort(),
    ).toEqual(['communication/oars#q2', 'item-bank/d2']);
  });

  it('flags a mis-keyed check: strong learners choose a distractor over the key', () => {
    // Those who know choose "c"; only guessers hit the key, so it discriminates negatively too.
    const misKeyed = item(items, 'communication/oars#q2');
    expect(misKeyed.flags).toEqual([
      expect.objectContaining({ kind: 'negative-discrimination', skill: 'communication' }),
      expect.objectContaining({
        kind: 'key-less-popular-among-strong',
        skills: ['communication'],
        key: 'b',
        distractor: 'c',
      }),
    ]);
  });

  it('reports good items: positive discrimination, key chosen more by stronger thirds', () => {
    for (const id of ['item-bank/d1', 'item-bank/d4', 'communication/oars#q1']) {
      const good = item(items, id);
      expect(good.answers).toBe(400);
      const figures = good.skills[0]!;
      expect(figures.discrimination).toBeGreaterThan(0.2);
      const [lower, middle, upper] = figures.byBand.map((band) => band.meanCode!);
      expect(lower).toBeLessThan(middle!);
      expect(middle).toBeLessThan(upper!);
      expect(good.options.reduce((sum, option) => sum + (option.chosen ?? 0), 0)).toBe(400);
    }
    const check = item(items, 'communication/oars#q1');
    expect(check.skills[0]!.difficulty).toBeCloseTo(
      check.options.find((option) => option.id === 'a')!.share!,
      12,
    );
  });

  it('does not flag a designed trade-off between skills', () => {
    // At d3 "inform" is best on communication, "reflect" on empathy: able learners may
    // prefer either, and that is how the decision is built.
    const tradeOff = item(items, 'item-bank/d3');
    expect(tradeOff.skills.map((skill) => skill.skill).sort()).toEqual([
      'communication',
      'empathy',
    ]);
    expect(tradeOff.flags.filter((flag) => flag.kind === 'key-less-popular-among-strong')).toEqual(
      [],
    );
  });

  it('says "too few answers" instead of printing statistics', () => {
    const few = analyse(
      simulateActivity({ scenarios: [scenario], lessons: [lesson] }, skills, {
        learners: 3,
        seed: 1,
        plays: 1,
        lessons: 1,
      }),
    );
    const decision = item(few, 'item-bank/d1');
    expect(decision.answers).toBe(3);
    expect(decision.tooFew).toBe('too few answers (3; statistics need 5)');
    expect(decision.options.every((option) => option.share === null)).toBe(true);
    expect(decision.skills[0]).toMatchObject({ difficulty: null, discrimination: null });
    expect(decision.skills[0]!.byBand.every((band) => band.meanCode === null)).toBe(true);
    expect(decision.flags).toEqual([]);
  });

  it('counts each learner’s first answer only, and flags an option nobody chose', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 1, 1, 9, minute)).toISOString();
    const records = Array.from({ length: 24 }, (_, index) => [
      {
        learner: `l${index}`,
        record: {
          kind: 'check' as const,
          id: `l${index}-1`,
          at: at(0),
          lessonId: lesson.id,
          itemId: 'q1',
          optionId: index % 2 === 0 ? 'a' : 'b',
        },
      },
      {
        learner: `l${index}`,
        record: {
          kind: 'check' as const,
          id: `l${index}-2`,
          at: at(1),
          lessonId: lesson.id,
          itemId: 'q1',
          optionId: 'c',
        },
      },
    ]).flat();
    const q1 = item(analyse(records), 'communication/oars#q1');
    expect(q1.options.map((option) => [option.id, option.chosen])).toEqual([
      ['a', 12],
      ['b', 12],
      ['c', 0],
      ['d', 0],
    ]);
    expect(q1.flags).toEqual([
      { kind: 'never-chosen', option: 'c', offered: 24 },
      { kind: 'never-chosen', option: 'd', offered: 24 },
    ]);
    // Everyone's other evidence is only this item: no rest estimate spread, no correlation.
    expect(q1.skills[0]).toMatchObject({ discrimination: null });
    expect(q1.skills[0]!.note).toMatch(/no spread/);
  });
});
