import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { analyseScenario } from './analysis';
import {
  libraryEntry,
  libraryGateResults,
  scenarioGateResults,
  withDraft,
  type LibraryEntry,
} from './library-gates';

const SKILLS = ['communication', 'empathy'];

describe('scenario gates on a small scenario', () => {
  const scenario = loadFixtureScenario('mini');
  const { issues: _issues, ...measures } = analyseScenario(scenario, { skillIds: SKILLS });
  const results = scenarioGateResults({ scenario, measures });
  const gate = (id: string) => results.find((result) => result.id === id)!;

  it('reports each gate with what the scenario has', () => {
    expect(gate('path-length')).toMatchObject({
      passed: false,
      detail: 'play-throughs take 2–2 decisions',
    });
    expect(gate('ending-kinds')).toMatchObject({ passed: true, detail: '1 good, 1 mixed, 1 poor' });
    expect(gate('state')).toMatchObject({
      passed: true,
      detail: '1 variable; 1 node with lines shown only in some states',
    });
    expect(gate('flag')).toMatchObject({ passed: false, detail: '0 flagged options' });
  });

  it('shows each focus skill’s worst and best play-through', () => {
    expect(gate('evidence-spread')).toMatchObject({
      passed: false,
      detail: 'too little spread on communication',
      rows: [{ label: 'communication', value: 'worst 0, best 4 (spread 4)', passed: false }],
    });
  });

  it('plays each habit and names the one that wins', () => {
    expect(gate('habits').passed).toBe(false);
    expect(gate('habits').rows).toEqual([
      { label: 'always the first', value: 'good ending after 2 decisions', passed: false },
      { label: 'always the last', value: 'poor ending after 2 decisions', passed: true },
      { label: 'always the longest', value: 'good ending after 2 decisions', passed: false },
      { label: 'always the shortest', value: 'poor ending after 2 decisions', passed: true },
    ]);
    expect(gate('habits').detail).toBe(
      'always the first and always the longest reach a good ending',
    );
  });
});

describe('library gates', () => {
  const entry = (id: string, focus: string[], evidenced: string[]): LibraryEntry => ({
    id,
    focusSkills: focus,
    evidencedSkills: evidenced,
    ranks: { lengths: [0, 0.5, 1], codes: [1, 0.5, 0] },
  });

  it('counts focus and evidence per skill and names the skills short of the bar', () => {
    const entries = Array.from({ length: 6 }, (_, index) =>
      entry(`s${index}`, index < 3 ? ['communication'] : [], ['communication', 'empathy']),
    );
    const [coverage] = libraryGateResults(entries, SKILLS);
    expect(coverage).toMatchObject({
      id: 'coverage',
      passed: false,
      detail: 'short on empathy',
      rows: [
        { label: 'communication', value: 'focus of 3, evidenced in 6', passed: true },
        { label: 'empathy', value: 'focus of 0, evidenced in 6', passed: false },
      ],
    });
  });

  it('pools the length–code ranks of every scenario; a draft replaces the scenario with its id', () => {
    const mini = libraryEntry(loadFixtureScenario('mini'));
    const longestIsBest = { ...mini, id: 'other', ranks: { lengths: [0, 1], codes: [0, 1] } };
    const library = [mini, longestIsBest];
    expect(libraryGateResults(library, SKILLS)[1]).toMatchObject({
      id: 'library-length-code',
      passed: false,
    });
    const fixed = { ...longestIsBest, ranks: { lengths: [0, 1], codes: [1, 0] } };
    const replaced = withDraft(library, fixed);
    expect(replaced.map((e) => e.id)).toEqual(['mini', 'other']);
    expect(replaced[1]).toBe(fixed);
  });
});
