import fc from 'fast-check';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { analyseScenario } from './analysis';
import { availableChoices } from './runtime';
import {
  createScenarioMachine,
  currentNode,
  ENDING_TAG,
  type ChoiceEvidence,
  type CompletionEvidence,
  type ScenarioEvent,
  type ScenarioSnapshot,
} from './scenarioMachine';
import type { Scenario } from './schema';

const scenario = loadFixtureScenario('mini');
const input = {
  mode: 'practice' as const,
  attemptId: '00000000-0000-4000-8000-000000000001',
  seed: 7,
};

const start = (scenarioToPlay: Scenario = scenario, mode: 'practice' | 'assessment' = 'practice') =>
  createActor(createScenarioMachine(scenarioToPlay), { input: { ...input, mode } }).start();

/** The `choice.select` events on offer in a snapshot, from the pure runtime. */
export function offeredEvents(
  scenarioToPlay: Scenario,
  snapshot: ScenarioSnapshot,
): ScenarioEvent[] {
  if (snapshot.hasTag(ENDING_TAG)) return [];
  return availableChoices(scenarioToPlay, {
    node: currentNode(snapshot),
    vars: snapshot.context.vars,
  }).map((choice) => ({
    type: 'choice.select',
    choice: choice.id,
  }));
}

describe('scenario machine', () => {
  it('starts at the first decision with the initial variables', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('a');
    expect(actor.getSnapshot().context).toMatchObject({
      vars: { trust: 1 },
      steps: [],
      rehearsal: false,
    });
  });

  it('applies effects, passes through routes and stops at the ending', () => {
    const actor = start();
    actor.send({ type: 'choice.select', choice: 'good' });
    expect(actor.getSnapshot().context.vars).toEqual({ trust: 2 });
    actor.send({ type: 'choice.select', choice: 'x' });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('end-good');
    expect(snapshot.hasTag(ENDING_TAG)).toBe(true);
    expect(snapshot.context.steps).toEqual([
      { node: 'a', choice: 'good' },
      { node: 'b', choice: 'x' },
    ]);
  });

  it('ignores a choice that is not on offer (its guard is false)', () => {
    const actor = start();
    actor.send({ type: 'choice.select', choice: 'bad' });
    expect(actor.getSnapshot().context.vars).toEqual({ trust: 0 });
    actor.send({ type: 'choice.select', choice: 'y' }); // needs trust >= 1
    expect(actor.getSnapshot().value).toBe('b');
    actor.send({ type: 'choice.select', choice: 'nonsense' });
    expect(actor.getSnapshot().value).toBe('b');
  });

  it('steps back in practice mode, restoring variables and marking rehearsal', () => {
    const actor = start();
    actor.send({ type: 'choice.select', choice: 'bad' });
    actor.send({ type: 'step.back' });
    expect(actor.getSnapshot().value).toBe('a');
    expect(actor.getSnapshot().context).toMatchObject({
      vars: { trust: 1 },
      steps: [],
      rehearsal: true,
    });
  });

  it('does not step back in assessment mode', () => {
    const actor = start(scenario, 'assessment');
    actor.send({ type: 'choice.select', choice: 'bad' });
    actor.send({ type: 'step.back' });
    expect(actor.getSnapshot().value).toBe('b');
  });

  it('retries from decision N after an ending, and restarts as a new attempt', () => {
    const actor = start(scenario, 'assessment');
    actor.send({ type: 'choice.select', choice: 'good' });
    actor.send({ type: 'choice.select', choice: 'y' });
    expect(actor.getSnapshot().value).toBe('end-mixed');
    actor.send({ type: 'decision.retry', index: 1 });
    expect(actor.getSnapshot().value).toBe('b');
    expect(actor.getSnapshot().context).toMatchObject({
      vars: { trust: 2 },
      steps: [{ node: 'a', choice: 'good' }],
      rehearsal: true,
    });

    actor.send({
      type: 'scenario.restart',
      attemptId: '00000000-0000-4000-8000-000000000002',
      seed: 9,
    });
    expect(actor.getSnapshot().value).toBe('a');
    expect(actor.getSnapshot().context).toMatchObject({
      steps: [],
      rehearsal: false,
      seed: 9,
      attemptId: '00000000-0000-4000-8000-000000000002',
    });
  });

  it('restores a persisted snapshot exactly (as after a reload)', () => {
    const actor = start();
    actor.send({ type: 'choice.select', choice: 'good' });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as ReturnType<
      typeof actor.getPersistedSnapshot
    >;
    const restored = createActor(createScenarioMachine(scenario), {
      snapshot: persisted,
      input,
    }).start();
    expect(restored.getSnapshot().value).toBe(actor.getSnapshot().value);
    expect(restored.getSnapshot().context).toEqual(actor.getSnapshot().context);
    restored.send({ type: 'choice.select', choice: 'x' });
    expect(restored.getSnapshot().value).toBe('end-good');
  });

  it('reaches every ending (xstate/graph shortest paths)', () => {
    const machine = createScenarioMachine(scenario);
    const paths = getShortestPaths(machine, {
      input,
      events: (snapshot) => offeredEvents(scenario, snapshot),
      serializeState: (snapshot) => JSON.stringify([snapshot.value, snapshot.context.vars]),
    });
    const endings = new Set(
      paths.filter((path) => path.state.hasTag(ENDING_TAG)).map((path) => currentNode(path.state)),
    );
    const authored = Object.entries(scenario.nodes)
      .filter(([, node]) => node.ending)
      .map(([id]) => id);
    expect([...endings].sort()).toEqual(authored.sort());
  });

  it('random play-throughs end within the longest path and inside the min/max evidence', () => {
    const analysis = analyseScenario(scenario, { skillIds: ['communication', 'empathy'] });
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (picks) => {
        const actor = start();
        const totals: Record<string, number> = {};
        let decisions = 0;
        for (const pick of picks) {
          const offered = offeredEvents(scenario, actor.getSnapshot());
          if (offered.length === 0) break;
          const event = offered[pick % offered.length]! as {
            type: 'choice.select';
            choice: string;
          };
          const node = scenario.nodes[currentNode(actor.getSnapshot())]!;
          const choice = node.choices!.find((c) => c.id === event.choice)!;
          for (const [skill, evidence] of Object.entries(choice.evidence))
            totals[skill] = (totals[skill] ?? 0) + evidence.code;
          actor.send(event);
          decisions++;
        }
        expect(actor.getSnapshot().hasTag(ENDING_TAG)).toBe(true);
        expect(decisions).toBeLessThanOrEqual(analysis.longestPath);
        for (const [skill, range] of Object.entries(analysis.evidence)) {
          expect(totals[skill] ?? 0).toBeGreaterThanOrEqual(range.min);
          expect(totals[skill] ?? 0).toBeLessThanOrEqual(range.max);
        }
      }),
    );
  });
});

type PersistedPlay = ReturnType<ReturnType<typeof start>['getPersistedSnapshot']>;

describe('what the machine records (its named actions recordChoice and recordCompletion)', () => {
  const recording = (mode: 'practice' | 'assessment' = 'practice', snapshot?: unknown) => {
    const recorded: (ChoiceEvidence | CompletionEvidence)[] = [];
    const machine = createScenarioMachine(scenario).provide({
      actions: {
        recordChoice: (_, evidence) => recorded.push(evidence),
        recordCompletion: (_, evidence) => recorded.push(evidence),
      },
    });
    const actor = createActor(machine, {
      input: { ...input, mode },
      ...(snapshot ? { snapshot: snapshot as PersistedPlay } : {}),
    }).start();
    return { actor, recorded };
  };

  it('records each choice and the ending reached, in step order', () => {
    const { actor, recorded } = recording('assessment');
    actor.send({ type: 'choice.select', choice: 'good' });
    actor.send({ type: 'choice.select', choice: 'x' });
    const common = { attemptId: input.attemptId, mode: 'assessment' };
    expect(recorded).toEqual([
      { kind: 'choice', ...common, nodeId: 'a', choiceId: 'good', seq: 1 },
      { kind: 'choice', ...common, nodeId: 'b', choiceId: 'x', seq: 2 },
      { kind: 'completion', ...common, endingId: 'end-good', seq: 3 },
    ]);
  });

  it('records nothing for a choice not on offer', () => {
    const { actor, recorded } = recording();
    actor.send({ type: 'choice.select', choice: 'x' });
    expect(recorded).toEqual([]);
  });

  it('a rehearsal is not evidence: after a step back or a retry, nothing more is recorded', () => {
    const { actor, recorded } = recording();
    actor.send({ type: 'choice.select', choice: 'good' });
    actor.send({ type: 'step.back' });
    actor.send({ type: 'choice.select', choice: 'bad' });
    actor.send({ type: 'choice.select', choice: 'x' });
    expect(actor.getSnapshot().hasTag(ENDING_TAG)).toBe(true);
    expect(recorded.map((evidence) => evidence.kind)).toEqual(['choice']);

    const retried = recording();
    retried.actor.send({ type: 'choice.select', choice: 'good' });
    retried.actor.send({ type: 'choice.select', choice: 'x' });
    retried.actor.send({ type: 'decision.retry', index: 1 });
    retried.actor.send({ type: 'choice.select', choice: 'y' });
    expect(retried.recorded.map((evidence) => evidence.kind)).toEqual([
      'choice',
      'choice',
      'completion',
    ]);
  });

  it('a restart is a new attempt whose choices count again', () => {
    const { actor, recorded } = recording();
    actor.send({ type: 'choice.select', choice: 'good' });
    actor.send({ type: 'step.back' });
    const attemptId = '00000000-0000-4000-8000-000000000002';
    actor.send({ type: 'scenario.restart', attemptId, seed: 3 });
    actor.send({ type: 'choice.select', choice: 'good' });
    expect(recorded.at(-1)).toMatchObject({ attemptId, nodeId: 'a', seq: 1 });
  });

  it('restoring a finished attempt does not record its ending again', () => {
    const first = recording();
    first.actor.send({ type: 'choice.select', choice: 'good' });
    first.actor.send({ type: 'choice.select', choice: 'x' });
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as unknown;
    const restored = recording('practice', persisted);
    expect(restored.actor.getSnapshot().hasTag(ENDING_TAG)).toBe(true);
    expect(restored.recorded).toEqual([]);
  });
});
