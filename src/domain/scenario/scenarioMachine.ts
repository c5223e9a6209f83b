import { assign, setup, type SnapshotFrom } from 'xstate';
import { evaluateCondition } from './condition';
import { applyEffects, initialVariables, replay, type Step, type Variables } from './runtime';
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

/** The tag on every ending state; `snapshot.hasTag(ENDING_TAG)` tells the player it is over. */
export const ENDING_TAG = 'ending';

/**
 * Builds the XState machine of a validated scenario: one state per node, guarded
 * `choice.select` transitions (guards from `when` conditions, actions from effects),
 * `always` transitions for routes, tagged ending states. Pure: no DOM, no storage.
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
            actions: { type: 'takeChoice' as const, params: { node: id, choice: choice.id } },
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
      states[id] = { tags: [ENDING_TAG], meta: { ending: node.ending } };
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
