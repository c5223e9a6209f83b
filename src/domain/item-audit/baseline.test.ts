import { describe, expect, it } from 'vitest';
import { makeItem } from '../../../tests/support/audit-items';
import { hashString, seededRandom } from '../scenario/shuffle';
import { runBaseline } from './baseline';
import type { AuditItem } from './items';

const FILLER = [
  'Offer to look into the forms with her next week.',
  'Explain the rule and move on to the plan today.',
  'Tell him the team will decide at the meeting.',
  'Write the note and send a copy to the office.',
  'Say you understand and ask for the paperwork.',
  'Call the provider and ask about the next step.',
];

/** A library of `groups` lessons × 5 items whose key is placed by `keyOf`. */
function library(
  groups: number,
  build: (group: number, item: number, random: () => number) => AuditItem,
): AuditItem[] {
  const random = seededRandom(hashString('library'));
  return Array.from({ length: groups }, (_, group) =>
    Array.from({ length: 5 }, (__, item) => build(group, item, random)),
  ).flat();
}

const shuffled = (random: () => number) => [...FILLER].sort(() => random() - 0.5).slice(0, 4);

describe('the answer-only baseline', () => {
  it('finds a key that is always the only option with a question', () => {
    const items = library(8, (group, item, random) => {
      const texts = shuffled(random);
      texts[0] = 'What would help most this week, in your words?';
      return makeItem(`lesson-${group}`, `item-${item}`, texts);
    });
    const result = runBaseline(items, 'check');
    expect(result.items).toBe(40);
    expect(result.folds).toBe(8);
    expect(result.chance).toBeCloseTo(0.25, 9);
    expect(result.accuracy).toBeGreaterThan(0.9);
    const found = result.predictions.find((prediction) => prediction.correct)!;
    expect(found.drivers.length).toBeGreaterThan(0);
  });

  it('stays near chance when the key carries no sign', () => {
    const items = library(12, (group, item, random) =>
      makeItem(`lesson-${group}`, `item-${item}`, shuffled(random), {
        key: Math.floor(random() * 4),
      }),
    );
    const result = runBaseline(items, 'check');
    expect(result.accuracy).toBeLessThan(result.chance + 0.15);
  });

  it('never lets an item, or its lesson, teach the model that judges it', () => {
    // Keys end in one marker word and the other options in another, all of equal length.
    const marked = (shared: boolean) =>
      Array.from({ length: 10 }, (_, group) =>
        Array.from({ length: 8 }, (__, index) => {
          const random = seededRandom(hashString(`${group}/${index}`));
          const key = Math.floor(random() * 4);
          const texts = shuffled(random).map(
            (text, option) =>
              `${text} ${option === key ? 'k' : 'o'}${shared ? 'x' : String.fromCharCode(97 + group)}`,
          );
          return makeItem(`lesson-${group}`, `item-${index}`, texts, { key });
        }),
      ).flat();
    // The same marker in every lesson is learnt from the other lessons…
    expect(runBaseline(marked(true), 'check').accuracy).toBeGreaterThan(0.9);
    // …but a lesson's own marker can only be learnt from that lesson, which is held out.
    const own = runBaseline(marked(false), 'check');
    expect(own.accuracy).toBeLessThan(own.chance + 0.15);
  });

  it('is deterministic', () => {
    const items = library(6, (group, item, random) =>
      makeItem(`lesson-${group}`, `item-${item}`, shuffled(random), {
        key: Math.floor(random() * 4),
      }),
    );
    expect(runBaseline(items, 'check')).toEqual(runBaseline(items, 'check'));
  });

  it('judges only informative items of the kind asked for', () => {
    const tie = makeItem('scenario-a', 'node', ['One.', 'Two.'], { kind: 'decision' });
    tie.options.forEach((option) => (option.key = true));
    const items = [tie, makeItem('lesson-a', 'item', ['Yes.', 'No.', 'Maybe.'])];
    expect(runBaseline(items, 'decision').items).toBe(0);
    expect(runBaseline(items, 'check').items).toBe(0); // one lesson: no other lesson to learn from
  });
});
