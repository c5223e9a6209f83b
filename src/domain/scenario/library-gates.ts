import type { ScenarioMeasures } from './analysis';
import {
  lengthCodeCorrelation,
  lengthCodeRanks,
  playHabit,
  type Habit,
  type RankPairs,
} from './library-metrics';
import { ENDING_KINDS, type Scenario } from './schema';

/**
 * The library's review bar as data: every gate a scenario must pass to join the library
 * (beyond the validator's errors). `tests/content/scenario-library.test.ts` holds the
 * library to them; the studio shows an author how a draft stands against them.
 *
 * Extension point: a new gate is one more entry in SCENARIO_GATES (per scenario) or
 * LIBRARY_GATES (over the library with the draft in it); both the library tests and the
 * studio pick it up.
 */

export interface GateRow {
  label: string;
  value: string;
  passed: boolean;
}

export interface GateResult {
  id: string;
  /** What the library asks for. */
  title: string;
  passed: boolean;
  /** What the scenario (or the library) has, in a sentence. */
  detail: string;
  /** Per-skill (or per-habit) measurements behind the verdict. */
  rows?: GateRow[];
}

/** A scenario that passed the validator with no errors, and its measures. */
export interface GateInput {
  scenario: Scenario;
  measures: ScenarioMeasures;
}

export interface ScenarioGate {
  id: string;
  title: string;
  check(input: GateInput): Omit<GateResult, 'id' | 'title'>;
}

export const MIN_DECISIONS = 8;
export const MAX_DECISIONS = 15;
/** A focus skill's best play-through earns at least this code sum... */
export const MIN_BEST_EVIDENCE = 6;
/** ...and at least this much more than its worst. */
export const MIN_EVIDENCE_SPREAD = 12;
export const MAX_LENGTH_CODE_CORRELATION = 0.3;
export const MIN_FOCUS_SCENARIOS = 3;
export const MIN_EVIDENCED_SCENARIOS = 6;
export const HABITS: readonly Habit[] = ['first', 'last', 'longest', 'shortest'];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const SCENARIO_GATES: readonly ScenarioGate[] = [
  {
    id: 'path-length',
    title: `${MIN_DECISIONS}–${MAX_DECISIONS} decisions on every play-through`,
    check: ({ measures }) => ({
      passed: measures.shortestPath >= MIN_DECISIONS && measures.longestPath <= MAX_DECISIONS,
      detail: `play-throughs take ${measures.shortestPath}–${measures.longestPath} decisions`,
    }),
  },
  {
    id: 'ending-kinds',
    title: 'a good, a mixed and a poor ending',
    check: ({ measures }) => ({
      passed: ENDING_KINDS.every((kind) => measures.endings[kind] >= 1),
      detail: ENDING_KINDS.map((kind) => `${measures.endings[kind]} ${kind}`).join(', '),
    }),
  },
  {
    id: 'state',
    title: 'a variable that changes what the counterpart says',
    check: ({ scenario }) => {
      const variables = Object.keys(scenario.variables).length;
      const conditional = Object.values(scenario.nodes).filter((node) =>
        node.lines.some((line) => line.when),
      ).length;
      return {
        passed: variables >= 1 && conditional >= 1,
        detail: `${plural(variables, 'variable')}; ${plural(conditional, 'node')} with lines shown only in some states`,
      };
    },
  },
  {
    id: 'flag',
    title: 'at least one flagged option (a safety or ethics concern)',
    check: ({ scenario }) => {
      const flagged = Object.values(scenario.nodes).flatMap((node) =>
        (node.choices ?? []).filter((choice) => choice.flag),
      ).length;
      return { passed: flagged >= 1, detail: `${plural(flagged, 'flagged option')}` };
    },
  },
  {
    id: 'evidence-spread',
    title: `each focus skill: best play-through ≥ ${MIN_BEST_EVIDENCE}, and ≥ ${MIN_EVIDENCE_SPREAD} above the worst`,
    check: ({ scenario, measures }) => {
      const rows = scenario.focusSkills.map((skill) => {
        const range = measures.evidence[skill] ?? { min: 0, max: 0 };
        return {
          label: skill,
          value: `worst ${range.min}, best ${range.max} (spread ${range.max - range.min})`,
          passed: range.max >= MIN_BEST_EVIDENCE && range.max - range.min >= MIN_EVIDENCE_SPREAD,
        };
      });
      const failing = rows.filter((row) => !row.passed).map((row) => row.label);
      return {
        passed: failing.length === 0,
        detail:
          failing.length === 0
            ? 'every focus skill separates strong from weak play'
            : `too little spread on ${failing.join(', ')}`,
        rows,
      };
    },
  },
  {
    id: 'habits',
    title: 'no good ending by always picking the first, last, longest or shortest option',
    check: ({ scenario }) => {
      const rows = HABITS.map((habit) => {
        const { ending, decisions } = playHabit(scenario, habit);
        return {
          label: `always the ${habit}`,
          value: `${ending} ending after ${decisions} decisions`,
          passed: ending !== 'good',
        };
      });
      const winning = rows.filter((row) => !row.passed).map((row) => row.label);
      return {
        passed: winning.length === 0,
        detail:
          winning.length === 0
            ? 'no habit wins'
            : `${winning.join(' and ')} reach${winning.length === 1 ? 'es' : ''} a good ending`,
        rows,
      };
    },
  },
];

/** Runs every scenario gate on a scenario the validator accepted without errors. */
export function scenarioGateResults(input: GateInput): GateResult[] {
  return SCENARIO_GATES.map((gate) => ({ id: gate.id, title: gate.title, ...gate.check(input) }));
}

/** What the library-wide gates need of each scenario. */
export interface LibraryEntry {
  id: string;
  focusSkills: string[];
  /** Skills some choice codes (non-neutral or neutral). */
  evidencedSkills: string[];
  ranks: RankPairs;
}

export function libraryEntry(scenario: Scenario): LibraryEntry {
  return {
    id: scenario.id,
    focusSkills: scenario.focusSkills,
    evidencedSkills: [
      ...new Set(
        Object.values(scenario.nodes).flatMap((node) =>
          (node.choices ?? []).flatMap((choice) => Object.keys(choice.evidence)),
        ),
      ),
    ],
    ranks: lengthCodeRanks(scenario),
  };
}

export interface LibraryGate {
  id: string;
  title: string;
  check(
    entries: readonly LibraryEntry[],
    measuredSkills: readonly string[],
  ): Omit<GateResult, 'id' | 'title'>;
}

export const LIBRARY_GATES: readonly LibraryGate[] = [
  {
    id: 'coverage',
    title: `each skill is the focus of ${MIN_FOCUS_SCENARIOS}+ scenarios and evidenced in ${MIN_EVIDENCED_SCENARIOS}+`,
    check: (entries, measuredSkills) => {
      const rows = measuredSkills.map((skill) => {
        const focus = entries.filter((entry) => entry.focusSkills.includes(skill)).length;
        const evidenced = entries.filter((entry) => entry.evidencedSkills.includes(skill)).length;
        return {
          label: skill,
          value: `focus of ${focus}, evidenced in ${evidenced}`,
          passed: focus >= MIN_FOCUS_SCENARIOS && evidenced >= MIN_EVIDENCED_SCENARIOS,
        };
      });
      const short = rows.filter((row) => !row.passed).map((row) => row.label);
      return {
        passed: short.length === 0,
        detail: short.length === 0 ? 'every skill is covered' : `short on ${short.join(', ')}`,
        rows,
      };
    },
  },
  {
    id: 'library-length-code',
    title: `across the library, the best-coded option is not predictably the longest (below ${MAX_LENGTH_CODE_CORRELATION})`,
    check: (entries) => {
      const { correlation, options } = lengthCodeCorrelation(entries.map((entry) => entry.ranks));
      return {
        passed: correlation < MAX_LENGTH_CODE_CORRELATION,
        detail: `rank correlation ${correlation.toFixed(3)} over ${plural(options, 'option')}`,
      };
    },
  },
];

/** Runs the library-wide gates over the library's entries. */
export function libraryGateResults(
  entries: readonly LibraryEntry[],
  measuredSkills: readonly string[],
): GateResult[] {
  return LIBRARY_GATES.map((gate) => ({
    id: gate.id,
    title: gate.title,
    ...gate.check(entries, measuredSkills),
  }));
}

/** The library with a draft in it: the draft takes the place of a scenario with its id. */
export function withDraft(entries: readonly LibraryEntry[], draft: LibraryEntry): LibraryEntry[] {
  return [...entries.filter((entry) => entry.id !== draft.id), draft];
}
