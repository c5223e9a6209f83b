import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  loadFixtureScenario,
  loadLibraryScenarios,
} from '../../../tests/support/scenario-fixtures';
import { exploreStates, topologicalOrder } from '../scenario/analysis';
import { availableChoices, choose, isEnding, startPosition, type Step } from '../scenario/runtime';
import type { Scenario } from '../scenario/schema';
import {
  decodeSuspendData,
  encodeSuspendData,
  SUSPEND_DATA_LIMIT,
  type SuspendedAttempt,
} from './suspend-data';

const library = loadLibraryScenarios().map((scenario) => ({ ...scenario, version: 'v1' }));
const mini = { ...loadFixtureScenario('mini'), version: 'v1' };

/** A play-through chosen by `picks` (each taken modulo what is on offer), stopping after `length` decisions. */
function playThrough(scenario: Scenario, picks: readonly number[], length: number): Step[] {
  let position = startPosition(scenario).position;
  const steps: Step[] = [];
  for (const pick of picks) {
    if (steps.length >= length || isEnding(scenario, position)) break;
    const offered = availableChoices(scenario, position);
    const choice = offered[pick % offered.length]!;
    steps.push({ node: position.node, choice: choice.id });
    position = choose(scenario, position, choice.id).position;
  }
  return steps;
}

/** The longest play-through of a scenario (its state graph is acyclic). */
function longestPlayThrough(scenario: Scenario): Step[] {
  const explored = exploreStates(scenario);
  if (!('positions' in explored)) throw new Error('not explorable');
  const depth = new Map<string, { length: number; next?: { choice: string; to: string } }>();
  for (const key of topologicalOrder(explored).order) {
    let best: { length: number; next?: { choice: string; to: string } } = { length: 0 };
    for (const edge of explored.edges.get(key) ?? []) {
      const length = depth.get(edge.to)!.length + 1;
      if (length > best.length) best = { length, next: edge };
    }
    depth.set(key, best);
  }
  const steps: Step[] = [];
  for (let key = explored.startKey; depth.get(key)!.next;) {
    const next = depth.get(key)!.next!;
    steps.push({ node: explored.positions.get(key)!.node, choice: next.choice });
    key = next.to;
  }
  return steps;
}

const attemptArbitrary = fc.record({
  mode: fc.constantFrom('practice' as const, 'assessment' as const),
  rehearsal: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  attemptId: fc.uuid(),
  interactionsWritten: fc.integer({ min: 0, max: 100_000 }),
});

describe('suspend data', () => {
  it('round-trips any partial or complete play-through of every library scenario', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...library),
        attemptArbitrary,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.nat({ max: 40 }),
        (scenario, attempt, picks, length) => {
          const full: SuspendedAttempt = {
            ...attempt,
            steps: playThrough(scenario, picks, length),
          };
          const decoded = decodeSuspendData(scenario, encodeSuspendData(scenario, full));
          expect(decoded).toEqual({ ok: true, attempt: full });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays within SCORM 1.2’s 4,096 characters for the longest play-through in the library', () => {
    const lengths = library.map((scenario) => {
      const data = encodeSuspendData(scenario, {
        mode: 'assessment',
        rehearsal: true,
        seed: 2 ** 31 - 1,
        attemptId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
        interactionsWritten: 100_000,
        steps: longestPlayThrough(scenario),
      });
      expect(decodeSuspendData(scenario, data).ok).toBe(true);
      return data.length;
    });
    expect(Math.max(...lengths)).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    // Far inside the limit: one character a decision plus a fixed 70 or so.
    expect(Math.max(...lengths)).toBeLessThan(120);
  });

  it('detects suspend data an LMS truncated, at any length', () => {
    fc.assert(
      fc.property(attemptArbitrary, fc.array(fc.nat(), { maxLength: 20 }), (attempt, picks) => {
        const data = encodeSuspendData(mini, { ...attempt, steps: playThrough(mini, picks, 20) });
        for (let cut = 0; cut < data.length; cut++) {
          expect(decodeSuspendData(mini, data.slice(0, cut)).ok).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('detects any single changed character', () => {
    fc.assert(
      fc.property(
        attemptArbitrary,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: 33, max: 126 }),
        (attempt, picks, at, code) => {
          const data = encodeSuspendData(mini, { ...attempt, steps: playThrough(mini, picks, 20) });
          const index = at % data.length;
          fc.pre(data.charCodeAt(index) !== code);
          const damaged = `${data.slice(0, index)}${String.fromCharCode(code)}${data.slice(index + 1)}`;
          expect(decodeSuspendData(mini, damaged).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses suspend data from another version of the scenario, or not Casecraft’s', () => {
    const data = encodeSuspendData(mini, {
      mode: 'practice',
      rehearsal: false,
      seed: 1,
      attemptId: '00000000-0000-4000-8000-000000000001',
      interactionsWritten: 0,
      steps: playThrough(mini, [0, 0], 2),
    });
    expect(decodeSuspendData({ ...mini, version: 'v2' }, data)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('checksum') as unknown,
    });
    expect(decodeSuspendData(mini, '')).toMatchObject({ ok: false });
    expect(decodeSuspendData(mini, 'viewed=1,2,3|lastviewedslide=31')).toMatchObject({ ok: false });
  });

  it('refuses to encode what it could not read back', () => {
    const attempt = {
      mode: 'practice' as const,
      rehearsal: false,
      seed: 1,
      attemptId: 'not-a-uuid',
      interactionsWritten: 0,
      steps: [],
    };
    expect(() => encodeSuspendData(mini, attempt)).toThrow(/not a UUID/);
    expect(() =>
      encodeSuspendData(mini, {
        ...attempt,
        attemptId: '00000000-0000-4000-8000-000000000001',
        steps: [{ node: 'nowhere', choice: 'x' }],
      }),
    ).toThrow(/not a choice/);
  });
});
