import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { chanceOf, checkItems, decisionItems, informative, totalCode } from './items';

describe('decision items', () => {
  const items = decisionItems(loadFixtureScenario('mini'), 'scenarios/mini.yaml');

  it('are the option sets a player can meet, one per distinct set at each decision point', () => {
    expect(items.map((item) => item.label)).toEqual(['mini/a', 'mini/b [x+y]', 'mini/b [x]']);
    expect(items.map((item) => item.options.map((option) => option.id))).toEqual([
      ['good', 'bad'],
      ['x', 'y'],
      ['x'],
    ]);
  });

  it('key the option with the highest summed code and mark conditional options', () => {
    const [a, b] = items;
    expect(a!.options.map((option) => [option.key, totalCode(option)])).toEqual([
      [true, 2],
      [false, -2],
    ]);
    expect(a!.options[1]!.rationale).toContain('closed question');
    expect(b!.options.find((option) => option.id === 'y')!.conditional).toBe(true);
  });

  it('leave out of judgement a set where every option is a key', () => {
    expect(items.map(informative)).toEqual([true, true, false]);
    expect(items.map(chanceOf)).toEqual([0.5, 0.5, 1]);
  });
});

describe('check items', () => {
  it('key the correct option and keep the feedback as rationale', () => {
    const [item] = checkItems({
      id: 'ethics/x',
      file: 'content/lessons/ethics/x.mdx',
      check: [
        {
          id: 'q',
          skill: 'ethics',
          options: [
            { id: 'a', text: 'One', correct: false, feedback: 'Not this one.' },
            { id: 'b', text: 'Two', correct: true, feedback: 'This one.' },
          ],
        },
      ],
    });
    expect(item).toMatchObject({
      kind: 'check',
      group: 'ethics/x',
      label: 'ethics/x#q',
      path: ['check', 0],
    });
    expect(item!.options.map((option) => option.key)).toEqual([false, true]);
    expect(item!.options[1]!.path).toEqual(['check', 0, 'options', 1]);
  });
});
