import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { measuredSkills } from '../../src/domain/skills/skill';
import {
  libraryEntry,
  libraryGateResults,
  scenarioGateResults,
  SCENARIO_GATES,
} from '../../src/domain/scenario/library-gates';
import { SETTINGS, DIFFICULTIES } from '../../src/domain/scenario/schema';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = loadAllContent(root);
const scenarios = content.scenarios.map((entry) => entry.scenario);
const MEASURED = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);

describe('the scenario library', () => {
  it('passes the content check with no errors and no warnings', () => {
    expect(
      content.issues
        .filter((issue) => issue.file.startsWith('scenarios/'))
        .map((issue) => `${issue.file} ${issue.field}: ${issue.message}`),
    ).toEqual([]);
  });

  it('has at least 16 scenarios, 4 in each setting, with every difficulty in every setting', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
    for (const setting of SETTINGS) {
      const inSetting = scenarios.filter((scenario) => scenario.setting === setting);
      expect(inSetting.length, setting).toBeGreaterThanOrEqual(4);
      for (const difficulty of DIFFICULTIES) {
        expect(
          inSetting.some((scenario) => scenario.difficulty === difficulty),
          `${setting} ${difficulty}`,
        ).toBe(true);
      }
    }
  });

  // The review bar is shared with the studio's library report (src/domain/scenario/library-gates.ts).
  const library = libraryGateResults(scenarios.map(libraryEntry), MEASURED);
  it.each(library.map((gate) => [gate.title, gate] as const))('%s', (_title, gate) => {
    console.log(`${gate.id}: ${gate.detail}`);
    expect(
      gate.rows?.filter((row) => !row.passed).map((row) => `${row.label}: ${row.value}`) ?? [],
    ).toEqual([]);
    expect(gate.passed, gate.detail).toBe(true);
  });

  describe.each(content.scenarios.map((entry) => [entry.scenario.id, entry] as const))(
    '%s',
    (_id, { scenario, analysis }) => {
      const results = scenarioGateResults({ scenario, measures: analysis });
      it.each(SCENARIO_GATES.map((gate) => [gate.title, gate.id] as const))('%s', (_title, id) => {
        const gate = results.find((result) => result.id === id)!;
        expect(
          gate.rows?.filter((row) => !row.passed).map((row) => `${row.label}: ${row.value}`) ?? [],
        ).toEqual([]);
        expect(gate.passed, gate.detail).toBe(true);
      });
    },
  );
});
