import { exploreStates, skillsAtStake, topologicalOrder, type EvidenceRange } from './analysis';
import { evaluateCondition, formatCondition } from './condition';
import {
  applyEffects,
  availableChoices,
  initialVariables,
  replay,
  type Step,
  type Variables,
} from './runtime';
import { totalCode } from './library-metrics';
import { nodeKind, type EndingKind, type FlagKind, type ScenarioCore } from './schema';

/**
 * A scenario as a map: decision points, routes and endings joined by its choices and
 * routes, with what the state-space analysis knows about each (reachable or not, offered
 * or not, the best and worst score a play-through ending there can earn). Pure data, so the
 * studio's worker can build it and any view (the studio's map, a debrief) can draw it.
 */

/** `missing` stands for a `next` that names no node, so the map can show where it points. */
export type MapNodeKind = 'decision' | 'route' | 'ending' | 'missing';

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  isStart: boolean;
  /** A decision point's prompt, an ending's title, or nothing. */
  text?: string;
  endingKind?: EndingKind;
  /** Whether some play-through reaches the node; undefined when play could not be explored. */
  reachable?: boolean;
  /**
   * Endings only: per skill at stake in the scenario, the lowest and highest code sum of the
   * play-throughs that end here (undefined when the ending is unreachable or paths loop).
   */
  scores?: Record<string, EvidenceRange>;
}

export interface MapEdge {
  /** `<from>/<choice id>` for a choice, `<from>/route-<n>` (1-based) for a route. */
  id: string;
  from: string;
  to: string;
  kind: 'choice' | 'route';
  /** The choice id, or `route <n>`. */
  label: string;
  /** Choices: the sum of the option's codes over every skill it codes. */
  codeSum?: number;
  /** Choices: the code per skill. */
  codes?: Record<string, number>;
  /** The `when` condition, written in the condition language. */
  condition?: string;
  flag?: FlagKind;
  /**
   * Choices: whether the option is on offer in some reachable state; routes: whether the
   * route is ever taken. Undefined when play could not be explored.
   */
  used?: boolean;
}

export interface ScenarioGraph {
  start: string;
  nodes: MapNode[];
  edges: MapEdge[];
  /** Whether the state space was explored (it is not when the start is broken or too big). */
  explored: boolean;
  /** Skills coded anywhere in the scenario, in first-coded order. */
  skills: string[];
}

/** How an edge's code sum reads: what the map's colour, line style and text all say. */
export type CodeTone = 'strong-negative' | 'negative' | 'neutral' | 'positive' | 'strong-positive';

export function codeTone(sum: number): CodeTone {
  if (sum <= -3) return 'strong-negative';
  if (sum < 0) return 'negative';
  if (sum === 0) return 'neutral';
  if (sum < 3) return 'positive';
  return 'strong-positive';
}

/** A code sum as people write it: `+2`, `0`, `−3` (a true minus sign). */
export function formatCode(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0';
}

export const choiceEdgeId = (from: string, choice: string) => `${from}/${choice}`;
export const routeEdgeId = (from: string, index: number) => `${from}/route-${index + 1}`;

/** The route nodes passed from `nodeId` with these variables, and the route taken at each. */
function followRoutes(
  scenario: ScenarioCore,
  nodeId: string,
  vars: Variables,
): { node: string; edge: string }[] {
  const taken: { node: string; edge: string }[] = [];
  let current = nodeId;
  for (;;) {
    const node = scenario.nodes[current];
    if (!node?.routes || taken.some((step) => step.node === current)) return taken;
    const index = node.routes.findIndex(
      (route) => !route.when || evaluateCondition(route.when, vars),
    );
    if (index < 0) return taken;
    taken.push({ node: current, edge: routeEdgeId(current, index) });
    current = node.routes[index]!.next;
  }
}

/** Builds the map of a scenario that passed the schema (it may still have other errors). */
export function buildScenarioGraph(scenario: ScenarioCore): ScenarioGraph {
  const nodeIds = new Set(Object.keys(scenario.nodes));
  const skills = [
    ...new Set(
      Object.values(scenario.nodes).flatMap((node) =>
        node.choices ? skillsAtStake(node.choices) : [],
      ),
    ),
  ];
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const missing = new Set<string>();
  const target = (next: string) => {
    if (!nodeIds.has(next)) missing.add(next);
    return next;
  };

  for (const [id, node] of Object.entries(scenario.nodes)) {
    const kind = nodeKind(node);
    nodes.push({
      id,
      kind,
      isStart: id === scenario.start,
      ...(kind === 'decision' && node.prompt ? { text: node.prompt } : {}),
      ...(node.ending ? { text: node.ending.title, endingKind: node.ending.kind } : {}),
    });
    node.choices?.forEach((choice) => {
      edges.push({
        id: choiceEdgeId(id, choice.id),
        from: id,
        to: target(choice.next),
        kind: 'choice',
        label: choice.id,
        codeSum: totalCode(choice),
        codes: Object.fromEntries(
          Object.entries(choice.evidence).map(([skill, evidence]) => [skill, evidence.code]),
        ),
        ...(choice.when ? { condition: formatCondition(choice.when) } : {}),
        ...(choice.flag ? { flag: choice.flag.kind } : {}),
      });
    });
    node.routes?.forEach((route, index) => {
      edges.push({
        id: routeEdgeId(id, index),
        from: id,
        to: target(route.next),
        kind: 'route',
        label: `route ${index + 1}`,
        ...(route.when ? { condition: formatCondition(route.when) } : {}),
      });
    });
  }
  if (!nodeIds.has(scenario.start)) missing.add(scenario.start);
  for (const id of missing) nodes.push({ id, kind: 'missing', isStart: id === scenario.start });

  const graph: ScenarioGraph = { start: scenario.start, nodes, edges, explored: false, skills };
  const explored = exploreStates(scenario);
  if (!('positions' in explored)) return graph;

  // Which nodes, choices and routes play can use, walking every reachable position.
  const reached = new Set<string>();
  const used = new Set<string>();
  const passRoutes = (from: string, vars: Variables) => {
    for (const step of followRoutes(scenario, from, vars)) {
      reached.add(step.node);
      used.add(step.edge);
    }
  };
  passRoutes(scenario.start, initialVariables(scenario));
  for (const position of explored.positions.values()) {
    reached.add(position.node);
    for (const choice of availableChoices(scenario, position)) {
      used.add(choiceEdgeId(position.node, choice.id));
      passRoutes(choice.next, applyEffects(scenario, position.vars, choice.effects));
    }
  }

  const scores = endingScores(scenario, explored, skills);
  for (const node of nodes) {
    if (node.kind === 'missing') continue;
    node.reachable = reached.has(node.id);
    const range = scores?.get(node.id);
    if (node.kind === 'ending' && range) node.scores = range;
  }
  for (const edge of edges) edge.used = used.has(edge.id) && reached.has(edge.from);
  graph.explored = true;
  return graph;
}

/**
 * Per ending node, per skill, the lowest and highest code sum over play-throughs that end
 * there: a forward pass over the acyclic position graph. Undefined if play can loop.
 */
function endingScores(
  scenario: ScenarioCore,
  explored: Extract<ReturnType<typeof exploreStates>, { positions: unknown }>,
  skills: readonly string[],
): Map<string, Record<string, EvidenceRange>> | undefined {
  const { order, cycle } = topologicalOrder(explored);
  if (cycle) return undefined;
  const codeOf = (node: string, choice: string, skill: string) =>
    scenario.nodes[node]?.choices?.find((candidate) => candidate.id === choice)?.evidence[skill]
      ?.code ?? 0;
  const sums = new Map<string, Record<string, EvidenceRange>>([
    [explored.startKey, Object.fromEntries(skills.map((skill) => [skill, { min: 0, max: 0 }]))],
  ]);
  // Post-order reversed: every position comes after all the positions that lead to it.
  for (const key of [...order].reverse()) {
    const here = sums.get(key);
    if (!here) continue;
    const node = explored.positions.get(key)!.node;
    for (const edge of explored.edges.get(key) ?? []) {
      const there = sums.get(edge.to);
      const next = Object.fromEntries(
        skills.map((skill) => {
          const code = codeOf(node, edge.choice, skill);
          const range = here[skill]!;
          const known = there?.[skill];
          return [
            skill,
            {
              min: Math.min(range.min + code, known?.min ?? Infinity),
              max: Math.max(range.max + code, known?.max ?? -Infinity),
            },
          ];
        }),
      );
      sums.set(edge.to, next);
    }
  }
  const endings = new Map<string, Record<string, EvidenceRange>>();
  for (const [key, position] of explored.positions) {
    if (!scenario.nodes[position.node]?.ending) continue;
    const range = sums.get(key);
    if (!range) continue;
    const known = endings.get(position.node);
    endings.set(
      position.node,
      Object.fromEntries(
        skills.map((skill) => [
          skill,
          {
            min: Math.min(range[skill]!.min, known?.[skill]?.min ?? Infinity),
            max: Math.max(range[skill]!.max, known?.[skill]?.max ?? -Infinity),
          },
        ]),
      ),
    );
  }
  return endings;
}

/** The nodes and edges one play-through follows: what a debrief highlights on the map. */
export function tracePath(
  scenario: ScenarioCore,
  steps: readonly Step[],
): { nodes: string[]; edges: string[] } {
  const played = replay(scenario, steps);
  const nodes: string[] = [];
  const edges: string[] = [];
  const passRoutes = (from: string, vars: Variables) => {
    for (const step of followRoutes(scenario, from, vars)) {
      nodes.push(step.node);
      edges.push(step.edge);
    }
  };
  passRoutes(scenario.start, initialVariables(scenario));
  for (const step of played.steps) {
    nodes.push(step.node);
    edges.push(choiceEdgeId(step.node, step.choice.id));
    passRoutes(step.choice.next, step.after.vars);
  }
  nodes.push(played.position.node);
  return { nodes: [...new Set(nodes)], edges };
}
