import { createActor } from 'xstate';
import type { AttemptStanding, DecisionStep } from '../../domain/lms/cmi';
import type { PackagedScenario } from '../../domain/lms/package';
import { scoreAttempt } from '../../domain/lms/score';
import {
  decodeSuspendData,
  encodeSuspendData,
  type SuspendedAttempt,
} from '../../domain/lms/suspend-data';
import { isEnding, replay, type Step } from '../../domain/scenario/runtime';
import { createScenarioMachine, type ScenarioContext } from '../../domain/scenario/scenarioMachine';
import { createProgressRecorder, type ProgressRecorder } from '../progress';
import { createMemoryStore } from '../progress/store';
import type { LoadedAttempt } from '../scenario-attempts';
import type { LmsAdapter } from './adapter';

/**
 * Joins the packaged player to an LMS: every choice goes to a progress recorder (the same
 * records as on the site, kept in memory: the LMS is the package's record), and the adapter
 * beside it maps each record to its standard. The attempt in progress lives in the LMS's
 * suspend data, compactly encoded, so a relaunch resumes where the learner was.
 */
export interface LmsBridge {
  /** The player's persistence (record, load/save the attempt in progress). */
  readonly persistence: {
    record(input: Parameters<ProgressRecorder['record']>[0]): Promise<unknown>;
    loadAttempt(scenarioId: string, version: string): LoadedAttempt;
    saveAttempt(scenarioId: string, version: string, snapshot: unknown): boolean;
    clearAttempt(scenarioId: string): void;
  };
  /** Connects to the LMS; answers why saved progress could not be resumed, if it could not. */
  start(): Promise<{ resumeProblem?: string }>;
  /** Closes the LMS session (the page is going away). */
  finish(): void;
  readonly recorder: ProgressRecorder;
}

export function createLmsBridge(config: PackagedScenario, adapter: LmsAdapter): LmsBridge {
  const { scenario } = config;
  const recorder = createProgressRecorder({ store: createMemoryStore() });
  const machine = createScenarioMachine(scenario);
  let mastery = config.mastery;
  let resumed: SuspendedAttempt | undefined;
  let interactionsWritten = 0;
  let attemptId = '';
  let steps: Step[] = [];
  let ended = false;
  /** An attempt in this LMS session reached an ending: a replay does not undo its status. */
  let decided = false;
  let lastDecisionAt = Date.now();
  let queue: Promise<unknown> = Promise.resolve();
  // Adapter calls run one at a time, in the order play made them.
  const then = (work: () => Promise<void>) => (queue = queue.then(work, work));

  const standing = (): AttemptStanding => ({
    decisions: steps.length,
    ended,
    longestPath: config.longestPath,
    score: scoreAttempt(scenario, steps, { ...config, mastery }),
  });

  return {
    recorder,
    async start() {
      const kept = await adapter.start();
      if (kept.masteryScore !== undefined && kept.masteryScore >= 0 && kept.masteryScore <= 1) {
        mastery = kept.masteryScore;
      }
      if (!kept.suspendData) return {};
      const decoded = decodeSuspendData(scenario, kept.suspendData);
      if (!decoded.ok) return { resumeProblem: decoded.problem };
      resumed = decoded.attempt;
      interactionsWritten = resumed.interactionsWritten;
      attemptId = resumed.attemptId;
      steps = resumed.steps;
      ended = decided = isEnding(scenario, replay(scenario, steps).position);
      return {};
    },
    finish: () => adapter.finish(ended),
    persistence: {
      record(input) {
        // Bookkeeping first, synchronously: the player saves its place right after this call.
        if (input.kind === 'choice') {
          if (input.attemptId !== attemptId) {
            attemptId = input.attemptId ?? '';
            steps = [];
            ended = false;
          }
          const now = Date.now();
          const step: Omit<DecisionStep, 'at'> = {
            node: input.nodeId,
            choice: input.choiceId,
            latencyMs: now - lastDecisionAt,
          };
          lastDecisionAt = now;
          steps = [...steps, { node: step.node, choice: step.choice }];
          const index = interactionsWritten++;
          const current = standing();
          return recorder.record(input).then((record) => {
            void then(async () => {
              await adapter.decision(index, { ...step, at: record.at }, record);
              if (!decided) await adapter.standing(current);
            });
            return record;
          });
        }
        if (input.kind === 'completion') {
          ended = decided = true;
          const current = standing();
          return recorder.record(input).then((record) => {
            void then(async () => {
              await adapter.standing(current);
              await adapter.completed(current);
            });
            return record;
          });
        }
        return recorder.record(input);
      },
      loadAttempt() {
        if (!resumed) return { status: 'none' };
        const actor = createActor(machine, {
          input: { mode: resumed.mode, attemptId: resumed.attemptId, seed: resumed.seed },
        }).start();
        for (const step of resumed.steps)
          actor.send({ type: 'choice.select', choice: step.choice });
        const snapshot = actor.getPersistedSnapshot() as unknown as { context: ScenarioContext };
        actor.stop();
        return {
          status: 'resumable',
          snapshot: { ...snapshot, context: { ...snapshot.context, rehearsal: resumed.rehearsal } },
        };
      },
      saveAttempt(_scenarioId, _version, snapshot) {
        const { context } = snapshot as { context: ScenarioContext };
        try {
          const data = encodeSuspendData(scenario, {
            mode: context.mode,
            rehearsal: context.rehearsal,
            seed: context.seed,
            attemptId: context.attemptId,
            interactionsWritten,
            steps: context.steps,
          });
          void then(() => adapter.suspend(data));
          return true;
        } catch {
          return false;
        }
      },
      clearAttempt() {
        resumed = undefined;
      },
    },
  };
}
