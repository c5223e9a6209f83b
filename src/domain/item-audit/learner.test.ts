import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { checkItems, decisionItems } from './items';
import { compareLearners, pickerFrom, playLibrary } from './learner';

const scenario = loadFixtureScenario('mini');
const lesson = {
  id: 'communication/x',
  file: 'content/lessons/communication/x.mdx',
  check: Array.from({ length: 20 }, (_, index) => ({
    id: `q${index}`,
    skill: 'communication',
    options: ['a', 'b', 'c', 'd'].map((id) => ({
      id,
      text: `Option ${id}`,
      correct: id === 'b',
      feedback: 'Feedback for this option.',
    })),
  })),
};
const library = { scenarios: [scenario], lessons: [lesson], skills: ['communication', 'empathy'] };
const items = [...decisionItems(scenario, 'mini.yaml'), ...checkItems(lesson)];

describe('learners who do not read', () => {
  it('are scored by the real engine on what they pick', () => {
    const perfect = playLibrary(
      library,
      items,
      (item) => item.options.find((option) => option.key)!.id,
    );
    const worst = playLibrary(
      library,
      items,
      (item) => item.options.find((option) => !option.key)?.id ?? item.options[0]!.id,
    );
    const communication = (run: typeof perfect) =>
      run.skills.find((skill) => skill.skill === 'communication')!;
    expect(communication(perfect).mean).toBeGreaterThan(0.85);
    expect(communication(worst).mean).toBeLessThan(0.15);
    expect(communication(worst).status).toBe('gap');
    expect(communication(perfect).evidence).toBeGreaterThan(6);
  });

  it('place the baseline between a random guesser and a perfect learner', () => {
    const alwaysA = pickerFrom(new Map(items.map((item) => [item.label, item.options[0]!.id])), 1);
    const [communication] = compareLearners(library, items, alwaysA, { seed: 1, randomRuns: 10 });
    expect(communication!.perfect).toBeGreaterThan(communication!.random);
    // Always "a": right at the mini scenario's first decision, wrong on every check.
    expect(communication!.baseline.mean).toBeLessThan(communication!.random);
    expect(communication!.progress).toBeLessThan(0);
  });

  it('refuse a library whose items do not match what play offers', () => {
    expect(() => playLibrary(library, items.slice(1), (item) => item.options[0]!.id)).toThrow(
      /no audit item/,
    );
  });
});
