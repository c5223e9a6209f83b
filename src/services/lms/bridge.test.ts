import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import type { AttemptStanding, DecisionStep } from '../../domain/lms/cmi';
import type { PackagedScenario } from '../../domain/lms/package';
import { reachableScoreRange } from '../../domain/lms/score';
import { analyseScenario } from '../../domain/scenario/analysis';
import { availableChoices, choose, isEnding, startPosition } from '../../domain/scenario/runtime';
import { createScenarioMachine } from '../../domain/scenario/scenarioMachine';
import type { LmsAdapter } from './adapter';
import { createLmsBridge } from './bridge';

const scenario = { ...loadFixtureScenario('mini'), version: 'v1' };
const analysis = analyseScenario(scenario, { skillIds: ['communication', 'empathy', 'rapport'] });
const config: PackagedScenario = {
  format: 'scorm12',
  mode: 'assessment',
  scenario,
  skillNames: {},
  lessonTitles: {},
  evidenceRange: analysis.evidence,
  scoreRange: reachableScoreRange(scenario),
  longestPath: analysis.longestPath,
  mastery: 0.7,
};

/** An adapter that remembers every call, standing in for an LMS. */
function recordingAdapter(suspendData = '') {
  const calls = {
    decisions: [] as { index: number; step: DecisionStep }[],
    standings: [] as AttemptStanding[],
    suspended: [] as string[],
    completed: [] as AttemptStanding[],
    finished: [] as boolean[],
  };
  const adapter: LmsAdapter = {
    kind: 'scorm12',
    start: () => Promise.resolve({ suspendData }),
    decision: (index, step) => Promise.resolve(void calls.decisions.push({ index, step })),
    standing: (standing) => Promise.resolve(void calls.standings.push(standing)),
    suspend: (data) => Promise.resolve(void calls.suspended.push(data)),
    completed: (standing) => Promise.resolve(void calls.completed.push(standing)),
    finish: (ended) => void calls.finished.push(ended),
  };
  return { adapter, calls };
}

/** Plays as ScenarioPlay does: record the choice, move the machine, save the place. */
async function play(bridge: ReturnType<typeof createLmsBridge>, decisions: number) {
  const actor = createActor(createScenarioMachine(scenario), {
    input: { mode: 'assessment', attemptId: crypto.randomUUID(), seed: 3 },
  }).start();
  let position = startPosition(scenario).position;
  for (let n = 0; n < decisions && !isEnding(scenario, position); n++) {
    const choice = availableChoices(scenario, position)[0]!;
    const { context } = actor.getSnapshot();
    const recorded = bridge.persistence.record({
      kind: 'choice',
      attemptId: context.attemptId,
      scenarioId: scenario.id,
      version: scenario.version,
      nodeId: position.node,
      choiceId: choice.id,
      mode: 'assessment',
      seq: context.steps.length + 1,
    });
    actor.send({ type: 'choice.select', choice: choice.id });
    bridge.persistence.saveAttempt(scenario.id, scenario.version, actor.getPersistedSnapshot());
    await recorded;
    position = choose(scenario, position, choice.id).position;
    if (isEnding(scenario, position)) {
      await bridge.persistence.record({
        kind: 'completion',
        attemptId: context.attemptId,
        scenarioId: scenario.id,
        version: scenario.version,
        endingId: position.node,
        mode: 'assessment',
        seq: context.steps.length + 2,
      });
    }
  }
  // Let the adapter queue drain.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return actor;
}

describe('the LMS bridge', () => {
  it('maps each recorded decision to an interaction, a standing and the saved place', async () => {
    const { adapter, calls } = recordingAdapter();
    const bridge = createLmsBridge(config, adapter);
    expect(await bridge.start()).toEqual({});
    await play(bridge, 2);
    expect(calls.decisions.map((call) => call.index)).toEqual([0, 1]);
    expect(calls.standings.map((standing) => standing.decisions)).toEqual([1, 2]);
    expect(calls.suspended).toHaveLength(2);
    expect(calls.suspended[1]).toMatch(/^c1\|a0\|/);
    expect((await bridge.recorder.all()).filter((record) => record.kind === 'choice')).toHaveLength(
      2,
    );
    bridge.finish();
    // LMSFinish says "suspend" unless the attempt reached an ending.
    expect(calls.finished).toEqual([calls.completed.length > 0]);
  });

  it('resumes from what it saved, continuing the interactions’ numbering', async () => {
    const first = recordingAdapter();
    const before = createLmsBridge(config, first.adapter);
    await before.start();
    const actor = await play(before, 1);
    const saved = first.calls.suspended.at(-1)!;

    const again = recordingAdapter(saved);
    const after = createLmsBridge(config, again.adapter);
    expect(await after.start()).toEqual({});
    const loaded = after.persistence.loadAttempt(scenario.id, scenario.version);
    expect(loaded.status).toBe('resumable');
    const snapshot = (loaded as { snapshot: { value: unknown; context: { steps: unknown[] } } })
      .snapshot;
    expect(snapshot.value).toEqual(actor.getSnapshot().value);
    expect(snapshot.context.steps).toEqual(actor.getSnapshot().context.steps);
  });

  it('reports damaged suspend data and starts afresh', async () => {
    const { adapter } = recordingAdapter('c1|a0|1k|0123');
    const bridge = createLmsBridge(config, adapter);
    const started = await bridge.start();
    expect(started.resumeProblem).toMatch(/checksum/);
    expect(bridge.persistence.loadAttempt(scenario.id, scenario.version)).toEqual({
      status: 'none',
    });
  });

  it('completes at an ending, and a replay in the same session leaves that status alone', async () => {
    const { adapter, calls } = recordingAdapter();
    const bridge = createLmsBridge(config, adapter);
    await bridge.start();
    await play(bridge, 100);
    expect(calls.completed).toHaveLength(1);
    expect(calls.completed[0]!.ended).toBe(true);
    const standings = calls.standings.length;
    await play(bridge, 1); // "Play again": a new attempt id
    expect(calls.standings).toHaveLength(standings);
    expect(calls.decisions.at(-1)!.index).toBe(calls.decisions.length - 1);
  });
});
