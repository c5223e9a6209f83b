import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/build/check-content';
import {
  lengthCodeCorrelation,
  playHabit,
  type Habit,
} from '../../src/domain/scenario/library-metrics';
import { SETTINGS, DIFFICULTIES } from '../../src/domain/scenario/schema';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = loadAllContent(root);
const scenarios = content.scenarios.map((entry) => entry.scenario);
const MEASURED = [
  'communication',
  'empathy',
  'conflict-resolution',
  'rapport',
  'negotiation',
  'emotional-intelligence',
  'cultural-competence',
  'ethics',
];

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

  it('makes each skill the focus of 3+ scenarios and evidences it in 6+', () => {
    for (const skill of MEASURED) {
      const focus = scenarios.filter((scenario) => scenario.focusSkills.includes(skill)).length;
      const evidenced = scenarios.filter((scenario) =>
        Object.values(scenario.nodes).some((node) =>
          node.choices?.some((choice) => skill in choice.evidence),
        ),
      ).length;
      expect(focus, `${skill} focus`).toBeGreaterThanOrEqual(3);
      expect(evidenced, `${skill} evidenced`).toBeGreaterThanOrEqual(6);
    }
  });

  describe.each(content.scenarios.map((entry) => [entry.scenario.id, entry] as const))(
    '%s',
    (_id, { scenario, analysis }) => {
      it('has 8–15 decisions on every play-through and good, mixed and poor endings', () => {
        expect(analysis.shortestPath).toBeGreaterThanOrEqual(8);
        expect(analysis.longestPath).toBeLessThanOrEqual(15);
        expect(analysis.endings.good).toBeGreaterThanOrEqual(1);
        expect(analysis.endings.mixed).toBeGreaterThanOrEqual(1);
        expect(analysis.endings.poor).toBeGreaterThanOrEqual(1);
      });

      it('has state that changes what the counterpart says, and at least one flagged option', () => {
        const nodes = Object.values(scenario.nodes);
        expect(Object.keys(scenario.variables).length).toBeGreaterThanOrEqual(1);
        expect(nodes.some((node) => node.lines.some((line) => line.when))).toBe(true);
        expect(nodes.some((node) => node.choices?.some((choice) => choice.flag))).toBe(true);
      });

      it('earns clearly more evidence on each focus skill on its best path than on its worst', () => {
        for (const skill of scenario.focusSkills) {
          const range = analysis.evidence[skill]!;
          expect(range.max, skill).toBeGreaterThanOrEqual(6);
          expect(range.max - range.min, skill).toBeGreaterThanOrEqual(12);
        }
      });

      it.each<Habit>(['first', 'last', 'longest', 'shortest'])(
        'cannot be won by always choosing the %s option',
        (habit) => {
          expect(playHabit(scenario, habit).ending).not.toBe('good');
        },
      );
    },
  );

  it('does not make the best-coded option predictably the longest (rank correlation below 0.3)', () => {
    const { correlation, options } = lengthCodeCorrelation(scenarios);
    console.log(`length–code rank correlation over ${options} options: ${correlation.toFixed(3)}`);
    expect(correlation).toBeLessThan(0.3);
  });
});
