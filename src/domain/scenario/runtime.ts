import { evaluateCondition } from './condition';
import type { Choice, Scenario, ScenarioCore, ScenarioLine, ScenarioNode } from './schema';

/**
 * The meaning of a scenario, as pure functions: where play stands (a decision point or an
 * ending, with the variables), which choices are on offer, and what a choice leads to.
 * The validator, the XState machine, the scoring engine and the catalogue all use these.
 */

export type Variables = Readonly<Record<string, number>>;

/** Where play stands: always at a decision point or an ending (routes are passed through). */
export interface Position {
  node: string;
  vars: Variables;
}

export interface Step {
  node: string;
  choice: string;
}

export class ScenarioRuntimeError extends Error {
  constructor(
    message: string,
    /** The node the problem is at. */
    readonly node: string,
  ) {
    super(message);
    this.name = 'ScenarioRuntimeError';
  }
}

/** Canonical text of a state: `trust=2,distress=1`, variables in declaration order. */
export function stateKey(scenario: ScenarioCore, vars: Variables): string {
  return Object.keys(scenario.variables)
    .map((name) => `${name}=${vars[name] ?? scenario.variables[name]!.initial}`)
    .join(',');
}

export function initialVariables(scenario: ScenarioCore): Record<string, number> {
  return Object.fromEntries(
    Object.entries(scenario.variables).map(([name, variable]) => [name, variable.initial]),
  );
}

export function nodeAt(scenario: ScenarioCore, id: string): ScenarioNode {
  const node = scenario.nodes[id];
  if (!node) throw new ScenarioRuntimeError(`no node "${id}"`, id);
  return node;
}

/** Follows routes from `nodeId` until a decision point or an ending. `passed` lists the route nodes. */
export function settle(
  scenario: ScenarioCore,
  nodeId: string,
  vars: Variables,
): { position: Position; passed: string[] } {
  const passed: string[] = [];
  let current = nodeId;
  for (;;) {
    const node = nodeAt(scenario, current);
    if (!node.routes) return { position: { node: current, vars }, passed };
    if (passed.includes(current)) {
      throw new ScenarioRuntimeError(
        `routes loop back to "${current}" without a decision`,
        current,
      );
    }
    passed.push(current);
    const route = node.routes.find(
      (candidate) => !candidate.when || evaluateCondition(candidate.when, vars),
    );
    if (!route)
      throw new ScenarioRuntimeError(`no route matches when ${describeVariables(vars)}`, current);
    current = route.next;
  }
}

export function startPosition(scenario: ScenarioCore): { position: Position; passed: string[] } {
  return settle(scenario, scenario.start, initialVariables(scenario));
}

export function isEnding(scenario: ScenarioCore, position: Position): boolean {
  return nodeAt(scenario, position.node).ending !== undefined;
}

/** The choices on offer at a decision point, in authored order (the player shuffles them). */
export function availableChoices(scenario: ScenarioCore, position: Position): Choice[] {
  const choices = nodeAt(scenario, position.node).choices ?? [];
  return choices.filter((choice) => !choice.when || evaluateCondition(choice.when, position.vars));
}

/** Applies a choice's effects, each variable clamped to its bounds. */
export function applyEffects(
  scenario: ScenarioCore,
  vars: Variables,
  effects: Readonly<Record<string, number>>,
): Variables {
  const next: Record<string, number> = { ...vars };
  for (const [name, delta] of Object.entries(effects)) {
    const bounds = scenario.variables[name];
    if (!bounds) continue;
    next[name] = Math.min(bounds.max, Math.max(bounds.min, (next[name] ?? bounds.initial) + delta));
  }
  return next;
}

/** Takes one choice at a decision point; throws when it is not on offer there. */
export function choose(
  scenario: ScenarioCore,
  position: Position,
  choiceId: string,
): { position: Position; passed: string[]; choice: Choice } {
  const choice = availableChoices(scenario, position).find(
    (candidate) => candidate.id === choiceId,
  );
  if (!choice) {
    throw new ScenarioRuntimeError(
      `choice "${choiceId}" is not on offer at "${position.node}"`,
      position.node,
    );
  }
  const vars = applyEffects(scenario, position.vars, choice.effects);
  return { ...settle(scenario, choice.next, vars), choice };
}

/** One replayed decision: where it was taken, what was on offer, and where it led. */
export interface ReplayedStep {
  node: string;
  choice: Choice;
  offered: Choice[];
  varsBefore: Variables;
  after: Position;
  /** Route nodes passed through on the way to `after`. */
  passed: string[];
}

/** Replays a list of decisions from the start; throws at the first one that is not possible. */
export function replay(
  scenario: ScenarioCore,
  steps: readonly Step[],
): { position: Position; steps: ReplayedStep[]; startPassed: string[] } {
  const start = startPosition(scenario);
  let position = start.position;
  const replayed: ReplayedStep[] = [];
  for (const step of steps) {
    if (step.node !== position.node) {
      throw new ScenarioRuntimeError(
        `expected a decision at "${position.node}" but the step is at "${step.node}"`,
        step.node,
      );
    }
    const offered = availableChoices(scenario, position);
    const result = choose(scenario, position, step.choice);
    replayed.push({
      node: step.node,
      choice: result.choice,
      offered,
      varsBefore: position.vars,
      after: result.position,
      passed: result.passed,
    });
    position = result.position;
  }
  return { position, steps: replayed, startPassed: start.passed };
}

/** One decision taken in a play-through: where, what was on offer, what was taken, where it led. */
export interface PlayedDecision {
  position: Position;
  offered: Choice[];
  choice: Choice;
  after: Position;
}

/** Picks one of the choices on offer at a decision point (it must be one of `offered`). */
export type ChoicePicker = (offered: readonly Choice[], position: Position) => Choice;

/**
 * Plays from the start to an ending, taking at each decision point the choice `pick` returns.
 * Lazy: each decision is yielded before the next pick, so a caller can stop early or interleave
 * its own seeded draws in the order it always has. A choice not on offer throws.
 */
export function* playThrough(
  scenario: ScenarioCore,
  pick: ChoicePicker,
): Generator<PlayedDecision, void, undefined> {
  let position = startPosition(scenario).position;
  while (!isEnding(scenario, position)) {
    const offered = availableChoices(scenario, position);
    const choice = pick(offered, position);
    const after = choose(scenario, position, choice.id).position;
    yield { position, offered, choice, after };
    position = after;
  }
}

/** Where a whole play-through with `pick` ends, and how many decisions it took. */
export function playToEnding(
  scenario: ScenarioCore,
  pick: ChoicePicker,
): { position: Position; decisions: PlayedDecision[] } {
  const decisions = [...playThrough(scenario, pick)];
  return {
    position: decisions.at(-1)?.after ?? startPosition(scenario).position,
    decisions,
  };
}

/** The lines of a node that show with these variables. */
export function visibleLines(
  scenario: ScenarioCore,
  nodeId: string,
  vars: Variables,
): ScenarioLine[] {
  return nodeAt(scenario, nodeId).lines.filter(
    (line) => !line.when || evaluateCondition(line.when, vars),
  );
}

export function describeVariables(vars: Variables): string {
  const entries = Object.entries(vars);
  return entries.length === 0
    ? 'no variables'
    : entries.map(([name, value]) => `${name}=${value}`).join(', ');
}

/** The display name of a line's speaker. */
export function speakerName(scenario: Scenario, speaker: string): string {
  if (speaker === 'client') return scenario.persona.name;
  if (speaker === 'narration') return '';
  return scenario.counterparts[speaker]?.name ?? speaker;
}

/**
 * The same scenario, starting at `node` with these variable values (each clamped to its
 * bounds, missing ones at their initial value): how an author tests a branch without
 * replaying from the start.
 */
export function startingAt<S extends ScenarioCore>(scenario: S, node: string, vars: Variables): S {
  nodeAt(scenario, node);
  const variables = Object.fromEntries(
    Object.entries(scenario.variables).map(([name, variable]) => {
      const value = vars[name] ?? variable.initial;
      return [
        name,
        { ...variable, initial: Math.min(variable.max, Math.max(variable.min, Math.round(value))) },
      ];
    }),
  );
  return { ...scenario, start: node, variables };
}
