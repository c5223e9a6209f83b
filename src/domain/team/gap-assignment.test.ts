import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBelowTarget, itemsForSkill, learnersBelowTarget } from './gap-assignment';

const estimate = (
  skill: string,
  status: 'meets' | 'developing' | 'gap' | 'insufficient',
  mean: number,
  target = 0.7,
) => ({ skill, status, mean, target });

describe('acting on a skill gap', () => {
  it('counts as below target only what is measured and estimated below it', () => {
    expect(isBelowTarget(estimate('empathy', 'gap', 0.4))).toBe(true);
    expect(isBelowTarget(estimate('empathy', 'developing', 0.65))).toBe(true);
    expect(isBelowTarget(estimate('empathy', 'developing', 0.72))).toBe(false);
    expect(isBelowTarget(estimate('empathy', 'insufficient', 0.1))).toBe(false);
    expect(isBelowTarget(estimate('empathy', 'meets', 0.9))).toBe(false);
  });

  it('lists the learners below target on a skill, furthest below first', () => {
    const learners = [
      { userId: 'a', name: 'Ana', estimates: [estimate('empathy', 'gap', 0.5)] },
      { userId: 'b', name: 'Ben', estimates: [estimate('empathy', 'meets', 0.9)] },
      { userId: 'c', name: 'Cleo', estimates: [estimate('empathy', 'gap', 0.3)] },
      { userId: 'd', name: 'Dev', estimates: [estimate('ethics', 'gap', 0.3)] },
    ];
    expect(learnersBelowTarget(learners, 'empathy')).toEqual([
      { userId: 'c', name: 'Cleo' },
      { userId: 'a', name: 'Ana' },
    ]);
  });

  it('lists exactly the learners below target, each once (property)', () => {
    const status = fc.constantFrom('meets', 'developing', 'gap', 'insufficient' as const);
    const skillEstimate = fc.record({
      skill: fc.constant('empathy'),
      status,
      mean: fc.double({ min: 0, max: 1, noNaN: true }),
      target: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(skillEstimate), (estimates) => {
        const learners = estimates.map((own, index) => ({
          userId: String(index),
          name: `L${index}`,
          estimates: [own],
        }));
        const listed = learnersBelowTarget(learners, 'empathy').map((learner) => learner.userId);
        expect(new Set(listed).size).toBe(listed.length);
        expect(listed.sort()).toEqual(
          learners
            .filter((learner) => isBelowTarget(learner.estimates[0]!))
            .map((learner) => learner.userId)
            .sort(),
        );
      }),
    );
  });

  it('offers the skill’s lessons in order, then the scenarios with evidence on it', () => {
    expect(
      itemsForSkill(
        'empathy',
        [
          { id: 'empathy/b', title: 'B', skill: 'empathy', order: 2 },
          { id: 'empathy/a', title: 'A', skill: 'empathy', order: 1 },
          { id: 'ethics/x', title: 'X', skill: 'ethics', order: 1 },
        ],
        [
          { id: 's1', title: 'S1', capacity: { empathy: 1 } },
          { id: 's2', title: 'S2', capacity: { empathy: 3 } },
          { id: 's3', title: 'S3', capacity: { ethics: 2 } },
        ],
      ).map((item) => item.id),
    ).toEqual(['empathy/a', 'empathy/b', 's2', 's1']);
  });
});
