import { describe, expect, it } from 'vitest';
import { makeItem } from '../../../tests/support/audit-items';
import { archetypeSpread, archetypesOf, decisionShape } from './structure';

const decision = (
  group: string,
  id: string,
  codes: Record<string, number>[],
  texts?: string[],
  rationale?: string[],
) => {
  const item = makeItem(group, id, texts ?? codes.map((_, index) => `Option ${index}.`), {
    kind: 'decision',
    codes,
    rationale,
  });
  const totals = codes.map((code) => Object.values(code).reduce((sum, value) => sum + value, 0));
  item.options.forEach((option, index) => (option.key = totals[index] === Math.max(...totals)));
  return item;
};

describe('decision shape', () => {
  it('finds a skill that no option shows (avoiding the strawman earns full credit)', () => {
    // williams-eviction `wednesday` ethics [−3, 0, 0, 0]
    const shape = decisionShape(
      decision('williams-eviction', 'wednesday', [
        { ethics: -3, rapport: 1 },
        { ethics: 0, rapport: 2 },
        { ethics: 0, rapport: 0 },
        { ethics: 0, rapport: -1 },
      ]),
    );
    expect(shape.skills).toEqual([
      { skill: 'ethics', codes: [-3, 0, 0, 0], positive: false },
      { skill: 'rapport', codes: [1, 2, 0, -1], positive: true },
    ]);
  });

  it('ignores skills coded the same on every option, which earn no evidence', () => {
    const shape = decisionShape(
      decision('s', 'n', [
        { ethics: 0, rapport: 1, empathy: -1 },
        { ethics: 0, rapport: -1, empathy: -1 },
      ]),
    );
    expect(shape.skills.map((coding) => coding.skill)).toEqual(['rapport']);
  });

  it('counts defensible options and partial credit', () => {
    const single = decisionShape(
      decision('s', 'a', [{ rapport: 2 }, { rapport: 0 }, { rapport: -1 }]),
    );
    expect(single).toMatchObject({ defensible: ['a'], dilemma: false, partialCredit: false });
    const dilemma = decisionShape(
      decision('s', 'b', [{ rapport: 2 }, { rapport: 1 }, { rapport: -1 }]),
    );
    expect(dilemma).toMatchObject({ defensible: ['a', 'b'], dilemma: true, partialCredit: true });
    expect(dilemma.weak.map((weak) => weak.id)).toEqual(['c']);
  });
});

describe('archetypes', () => {
  const option = (text: string, rationale = '') =>
    decision('s', 'n', [{ rapport: -1 }], [text], [rationale]).options[0]!;

  it('are tagged from the option text', () => {
    expect(archetypesOf(option("Don't worry, we'll make sure you keep the flat."))).toEqual(
      expect.arrayContaining(['over-promise', 'false-reassurance']),
    );
    expect(archetypesOf(option('Does that make sense?'))).toContain('understanding-check');
    expect(archetypesOf(option('Somali families usually prefer to keep this private.'))).toContain(
      'stereotyping',
    );
  });

  it('are tagged from the rationale, where authors name the mistake', () => {
    expect(archetypesOf(option('The TTD is pending UR.', 'Jargon he cannot act on.'))).toEqual([
      'jargon',
    ]);
    expect(
      archetypesOf(option('Okay.', 'The righting reflex: a fix before she has finished.')),
    ).toEqual(['advice-fixing']);
    expect(archetypesOf(option('Okay.', 'It avoids jargon and checks in.'))).toEqual(['jargon']);
    expect(archetypesOf(option('Okay, see you Thursday.'))).toEqual([]);
  });

  it('spread counts a scenario once per archetype and an option once across its variants', () => {
    const promise = (group: string, id: string) =>
      decisionShape(
        decision(
          group,
          id,
          [{ rapport: 2 }, { rapport: -1 }],
          ['Tell me more.', 'I promise it will work.'],
        ),
      );
    const variant = promise('one', 'n');
    const shapes = [
      variant,
      { ...variant, label: 'one/n [a+b]' },
      promise('two', 'm'),
      decisionShape(decision('three', 'k', [{ rapport: 2 }, { rapport: -1 }])),
    ];
    const spread = archetypeSpread(shapes, 1);
    const one = spread.scenarios.find((entry) => entry.scenario === 'one')!;
    expect(one.weakOptions).toBe(1);
    expect(one.archetypes['over-promise']).toBe(1);
    expect(spread.prevalence.find((entry) => entry.archetype === 'over-promise')).toMatchObject({
      scenarios: 2,
      share: 2 / 3,
    });
    // one and two share {over-promise}; three has none: Jaccard 1, 0, 0.
    expect(spread.meanSimilarity).toBeCloseTo(1 / 3, 9);
  });
});
