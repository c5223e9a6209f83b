import { assign, enqueueActions, setup, type SnapshotFrom } from 'xstate';
import { evaluateCondition } from './condition';
import { applyEffects, initialVariables, replay, type Step, type Variables } from './runtime';
import type { NewProgressRecord } from '../activity/browser-record';
import type { PlayMode } from '../activity/kinds';
import type { Scenario } from './schema';

export interface ScenarioMachineInput {
  mode: PlayMode;
  /** Client-made UUID of this attempt; every recorded choice carries it. */
  attemptId: string;
  /** Seeds the per-attempt option order (see shuffle.ts). */
  seed: number;
}

export interface ScenarioContext extends ScenarioMachineInput {
  vars: Variables;
  /** Decisions taken on the current path, in order. */
  steps: Step[];
  /**
   * True once the learner steps back or retries a decision: they have seen how it went,
   * so later choices in this attempt are rehearsal, not evidence.
   */
  rehearsal: boolean;
}

export type ScenarioEvent =
  | { type: 'choice.select'; choice: string }
  | { type: 'step.back' }
  | { type: 'scenario.restart'; attemptId: string; seed: number }
  | { type: 'decision.retry'; index: number };

/**
 * A decision to record as evidence: the record less what the player adds (which scenario and
 * version it plays; the recorder fills in id and time).
 */
export type ChoiceEvidence = Omit<
  Extract<NewProgressRecord, { kind: 'choice' }>,
  'scenarioId' | 'version'
>;
/** An ending reached on the recorded path, to record as the attempt's completion. */
export type CompletionEvidence = Omit<
  Extract<NewProgressRecord, { kind: 'completion' }>,
  'scenarioId' | 'version'
>;

/** The tag on every ending state; `snapshot.hasTag(ENDING_TAG)` tells the player it is over. */
export const ENDING_TAG = 'ending';

/**
 * Builds the XState machine of a validated scenario: one state per node, guarded
 * `choice.select` transitions (guards from `when` conditions, actions from effects),
 * `always` transitions for routes, tagged ending states. Pure: no DOM, no storage.
 *
 * What counts as evidence is decided here: a choice and the ending it reaches are recorded
 * only off rehearsal (after a step back or a retry the learner has seen how it went), so an
 * attempt's recorded choices are exactly its steps and the next one is seq n + 1. Recording
 * itself is the named actions `recordChoice` and `recordCompletion`, which the player gives
 * with `machine.provide({ actions })`; unprovided (a studio draft), play keeps nothing.
 */
export function createScenarioMachine(scenario: Scenario) {
  const varsAfter = (steps: readonly Step[]) => replay(scenario, steps).position.vars;
  const decisionNodes = Object.entries(scenario.nodes)
    .filter(([, node]) => node.choices)
    .map(([id]) => id);

  const machineSetup = setup({
    types: {
      context: {} as ScenarioContext,
      events: {} as ScenarioEvent,
      input: {} as ScenarioMachineInput,
      tags: ENDING_TAG,
    },
    guards: {
      choiceOffered: ({ context, event }, params: { node: string; choice: string }) => {
        if (event.type !== 'choice.select' || event.choice !== params.choice) return false;
        const when = scenario.nodes[params.node]?.choices?.find(
          (c) => c.id === params.choice,
        )?.when;
        return !when || evaluateCondition(when, context.vars);
      },
      routeMatches: ({ context }, params: { node: string; index: number }) => {
        const when = scenario.nodes[params.node]?.routes?.[params.index]?.when;
        return !when || evaluateCondition(when, context.vars);
      },
      canStepBackTo: ({ context }, params: { node: string }) =>
        context.mode === 'practice' &&
        context.steps[context.steps.length - 1]?.node === params.node,
      isDecisionAt: ({ context, event }, params: { node: string }) =>
        event.type === 'decision.retry' && context.steps[event.index]?.node === params.node,
    },
    actions: {
      takeChoice: assign(({ context }, params: { node: string; choice: string }) => {
        const choice = scenario.nodes[params.node]?.choices?.find((c) => c.id === params.choice);
        return {
          vars: applyEffects(scenario, context.vars, choice?.effects ?? {}),
          steps: [...context.steps, { node: params.node, choice: params.choice }],
        };
      }),
      undoLastStep: assign(({ context }) => {
        const steps = context.steps.slice(0, -1);
        return { steps, vars: varsAfter(steps), rehearsal: true };
      }),
      truncateSteps: assign(({ context, event }) => {
        const steps =
          event.type === 'decision.retry' ? context.steps.slice(0, event.index) : context.steps;
        return { steps, vars: varsAfter(steps), rehearsal: true };
      }),
      // Given by the player (see above); play without them records nothing. Only called off
      // rehearsal (the enqueueActions below).
      recordChoice: (_, _evidence: ChoiceEvidence) => undefined,
      recordCompletion: (_, _evidence: CompletionEvidence) => undefined,
      restart: assign(({ event, context }) => ({
        steps: [],
        vars: initialVariables(scenario),
        rehearsal: false,
        attemptId: event.type === 'scenario.restart' ? event.attemptId : context.attemptId,
        seed: event.type === 'scenario.restart' ? event.seed : context.seed,
      })),
    },
  });

  type StateConfig = Parameters<typeof machineSetup.createStateConfig>[0];

  const states: Record<string, StateConfig> = {};
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.choices) {
      states[id] = {
        on: {
          'choice.select': node.choices.map((choice) => ({
            guard: { type: 'choiceOffered' as const, params: { node: id, choice: choice.id } },
            target: choice.next,
            actions: [
              enqueueActions(({ context, enqueue }) => {
                if (context.rehearsal) return;
                enqueue({
                  type: 'recordChoice',
                  params: {
                    kind: 'choice',
                    attemptId: context.attemptId,
                    nodeId: id,
                    choiceId: choice.id,
                    mode: context.mode,
                    seq: context.steps.length + 1,
                  },
                });
              }),
              { type: 'takeChoice' as const, params: { node: id, choice: choice.id } },
            ],
          })),
        },
      };
    } else if (node.routes) {
      states[id] = {
        always: node.routes.map((route, index) => ({
          guard: { type: 'routeMatches' as const, params: { node: id, index } },
          target: route.next,
        })),
      };
    } else {
      states[id] = {
        tags: [ENDING_TAG],
        meta: { ending: node.ending },
        // The server derives completion from the recorded path reaching this ending, which a
        // rehearsal never does: its ending is shown in the debrief, not recorded.
        entry: enqueueActions(({ context, enqueue }) => {
          if (context.rehearsal) return;
          enqueue({
            type: 'recordCompletion',
            params: {
              kind: 'completion',
              attemptId: context.attemptId,
              endingId: id,
              mode: context.mode,
              seq: context.steps.length + 1,
            },
          });
        }),
      };
    }
  }

  return machineSetup.createMachine({
    id: `scenario:${scenario.id}`,
    initial: scenario.start,
    context: ({ input }) => ({
      ...input,
      vars: initialVariables(scenario),
      steps: [],
      rehearsal: false,
    }),
    on: {
      'scenario.restart': { target: `.${scenario.start}`, actions: 'restart', reenter: true },
      'step.back': decisionNodes.map((node) => ({
        guard: { type: 'canStepBackTo' as const, params: { node } },
        target: `.${node}`,
        actions: 'undoLastStep' as const,
      })),
      'decision.retry': decisionNodes.map((node) => ({
        guard: { type: 'isDecisionAt' as const, params: { node } },
        target: `.${node}`,
        actions: 'truncateSteps' as const,
      })),
    },
    states,
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

/** The node the machine is at (a decision point or an ending). */
export function currentNode(snapshot: ScenarioSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
}
