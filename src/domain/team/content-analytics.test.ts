import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ItemFigures, ItemFlag } from '../scoring/item-analysis';
import {
  anySuppressed,
  countWords,
  flagWords,
  groupItems,
  hasFigures,
  shareWords,
  signed,
} from './content-analytics';

const names = {
  lessonTitle: (id: string) => `Lesson ${id}`,
  scenarioTitle: (id: string) => `Scenario ${id}`,
  skillName: (id: string) => ({ empathy: 'Empathy', safety: 'Safety planning' })[id] ?? id,
};

const check = (
  lessonId: string,
  itemId: string,
  overrides: Partial<ItemFigures> = {},
): ItemFigures => ({
  kind: 'check',
  id: `${lessonId}#${itemId}`,
  lessonId,
  itemId,
  answers: 12,
  options: [
    { id: 'a', text: 'Ask first', keyFor: ['empathy'], offered: 12, chosen: 9, share: 0.75 },
    { id: 'b', text: 'Tell them', keyFor: [], offered: 12, chosen: 3, share: 0.25 },
  ],
  skills: [{ skill: 'empathy', answers: 12, difficulty: 0.75, discrimination: 0.4, byBand: [] }],
  flags: [],
  ...overrides,
});

const decision = (
  scenarioId: string,
  nodeId: string,
  overrides: Partial<ItemFigures> = {},
): ItemFigures => ({
  ...check('', ''),
  kind: 'decision',
  id: `${scenarioId}/${nodeId}`,
  lessonId: undefined,
  itemId: undefined,
  scenarioId,
  nodeId,
  ...overrides,
});

const neverChosen: ItemFlag = { kind: 'never-chosen', option: 'b', offered: 24 };

describe('flags in plain words', () => {
  const item = check('intake', 'q1');
  it('name the option no one chose, by its text', () => {
    expect(flagWords(neverChosen, item, names)).toBe(
      'No one chose “Tell them” (offered to 24 learners): it may be too obviously wrong to test anything.',
    );
  });
  it('name the skill and the coefficient with a true minus sign', () => {
    expect(
      flagWords(
        { kind: 'negative-discrimination', skill: 'safety', discrimination: -0.4149 },
        item,
        names,
      ),
    ).toBe(
      'Negative discrimination on Safety planning (−0.41): learners who are stronger on the skill do worse here, so the item may be misleading or its key wrong.',
    );
  });
  it('compare the distractor and the key among strong learners, by share', () => {
    expect(
      flagWords(
        {
          kind: 'key-less-popular-among-strong',
          skills: ['empathy', 'safety'],
          key: 'a',
          distractor: 'b',
          strongLearners: 8,
          keyShare: 0.25,
          distractorShare: 0.75,
        },
        item,
        names,
      ),
    ).toBe(
      'Among the strongest learners (8), “Tell them” (75%) was chosen more than the best answer “Ask first” (25%) on Empathy and Safety planning: check the key or the distractor.',
    );
  });
  it('fall back to the option id when the option has no text', () => {
    const bare = check('intake', 'q1', {
      options: [{ id: 'b', keyFor: [], offered: 24, chosen: 0, share: 0 }],
    });
    expect(flagWords(neverChosen, bare, names)).toContain('No one chose option b ');
  });
});

describe('figures in words', () => {
  it('say "fewer than 5" for a suppressed count, the count otherwise', () => {
    expect(countWords(null)).toBe('fewer than 5');
    expect(countWords(7)).toBe('7');
  });
  it('give a share with its counts, or say why there is none', () => {
    expect(shareWords({ id: 'a', keyFor: [], offered: 8, chosen: 2, share: 0.25 })).toBe(
      '25% (2 of 8)',
    );
    expect(shareWords({ id: 'a', keyFor: [], offered: null, chosen: null, share: null })).toBe(
      'fewer than 5',
    );
    expect(shareWords({ id: 'a', keyFor: [], offered: 3, chosen: 1, share: null })).toBe(
      'offered to 3: too few',
    );
  });
  it('sign correlations with a minus sign, not a hyphen', () => {
    expect(signed(-0.126)).toBe('−0.13');
    expect(signed(0.5)).toBe('0.50');
  });
  it('tell items with figures, and suppressed cells, apart', () => {
    const suppressed = check('intake', 'q2', { answers: null, tooFew: 'suppressed' });
    expect(hasFigures(check('intake', 'q1'))).toBe(true);
    expect(hasFigures(suppressed)).toBe(false);
    expect(anySuppressed([check('intake', 'q1')])).toBe(false);
    expect(anySuppressed([check('intake', 'q1'), suppressed])).toBe(true);
  });
});

describe('grouping and order', () => {
  it('groups checks by lesson and decisions by scenario, with links, flagged first', () => {
    const items = [
      check('intake', 'q1'),
      check('intake', 'q2', { flags: [neverChosen] }),
      decision('housing', 'start'),
      check('consent', 'q1', { answers: 0 }),
      decision('housing', 'call', { flags: [neverChosen, neverChosen] }),
    ];
    const groups = groupItems(items, names);
    expect(groups.map(({ title, href, flags }) => ({ title, href, flags }))).toEqual([
      { title: 'Scenario housing', href: '/practice/housing/', flags: 2 },
      { title: 'Lesson intake', href: '/learn/intake/', flags: 1 },
    ]);
    expect(groups[0]!.items.map((item) => item.id)).toEqual(['housing/call', 'housing/start']);
    expect(groups[1]!.items.map((item) => item.id)).toEqual(['intake#q2', 'intake#q1']);
    expect(
      groupItems(items, names, { flaggedOnly: true }).map((group) => group.items.length),
    ).toEqual([1, 1]);
  });

  it('puts items and groups with figures before those too small to show', () => {
    const small = { answers: null, tooFew: 'suppressed' };
    const groups = groupItems(
      [
        check('intake', 'q1', small),
        decision('housing', 'start', small),
        decision('housing', 'call'),
        check('consent', 'q1', small),
        check('consent', 'q2'),
      ],
      names,
    );
    expect(groups.map((group) => group.id)).toEqual(['consent', 'housing', 'intake']);
    expect(groups[0]!.items.map((item) => item.id)).toEqual(['consent#q2', 'consent#q1']);
    expect(groups[1]!.items.map((item) => item.id)).toEqual(['housing/call', 'housing/start']);
  });

  it('keeps every answered item exactly once, flagged ones first in each group', () => {
    const itemArbitrary = fc
      .record({
        kind: fc.constantFrom('check' as const, 'decision' as const),
        group: fc.constantFrom('a', 'b', 'c'),
        answers: fc.option(fc.nat(30), { nil: null }),
        flags: fc.nat(3),
      })
      .map(({ kind, group, answers, flags }) => ({ kind, group, answers, flags }));
    fc.assert(
      fc.property(
        fc.array(itemArbitrary, { maxLength: 30 }),
        fc.boolean(),
        (specs, flaggedOnly) => {
          const items = specs
            .map((spec, index) =>
              spec.kind === 'check'
                ? check(spec.group, `q${index}`)
                : decision(spec.group, `n${index}`),
            )
            .map((item, index) => ({
              ...item,
              answers: specs[index]!.answers,
              flags: Array.from({ length: specs[index]!.flags }, () => neverChosen),
            }));
          const groups = groupItems(items, names, { flaggedOnly });
          const listed = groups.flatMap((group) => group.items.map((item) => item.id));
          const expected = items
            .filter((item) => item.answers !== 0 && (!flaggedOnly || item.flags.length > 0))
            .map((item) => item.id);
          expect([...listed].sort()).toEqual([...expected].sort());
          for (let index = 1; index < groups.length; index += 1)
            expect(groups[index - 1]!.flags).toBeGreaterThanOrEqual(groups[index]!.flags);
          for (const group of groups) {
            const counts = group.items.map((item) => item.flags.length);
            expect(counts).toEqual([...counts].sort((a, b) => b - a));
            expect(group.flags).toBe(counts.reduce((sum, count) => sum + count, 0));
          }
        },
      ),
    );
  });
});
