import { conditionVariables, type Condition } from './condition';
import {
  availableChoices,
  choose,
  describeVariables,
  isEnding,
  ScenarioRuntimeError,
  startPosition,
  stateKey,
  type Position,
} from './runtime';
import {
  CLIENT,
  ENDING_KINDS,
  NARRATION,
  nodeKind,
  type EndingKind,
  type Scenario,
  type ScenarioCore,
} from './schema';

export type IssuePath = (string | number)[];

/**
 * What kind of problem an issue is, where code decides by it: `broken_reference` is a next,
 * start or variable that does not exist (exploring the state space would be meaningless).
 */
export type ScenarioIssueCode = 'broken_reference';

export interface ScenarioIssue {
  path: IssuePath;
  message: string;
  severity: 'error' | 'warning';
  code?: ScenarioIssueCode;
}

export interface EvidenceRange {
  min: number;
  max: number;
}

/** What the validator learns about a scenario: its shape, its paths and its problems. */
export interface ScenarioAnalysis {
  id: string;
  nodes: number;
  decisionPoints: number;
  endings: Record<EndingKind, number>;
  /** Distinct (node, variables) positions reachable from the start. */
  states: number;
  /** Distinct complete play-throughs (sequences of choices), counted up to PATH_CAP. */
  paths: { count: number; capped: boolean };
  /** Fewest and most decisions on a complete play-through. */
  shortestPath: number;
  longestPath: number;
  /** Per skill, the lowest and highest sum of codes any complete play-through earns. */
  evidence: Record<string, EvidenceRange>;
  issues: ScenarioIssue[];
}

export interface AnalysisContext {
  /** Every skill id in the taxonomy. */
  skillIds: readonly string[];
  /** Skills that can carry evidence (the taxonomy's measured skills). Defaults to skillIds. */
  measuredSkillIds?: readonly string[];
  /** Known lesson ids (`<skill>/<slug>`); omit to skip lesson checks. */
  lessonIds?: readonly string[];
}

export const PATH_CAP = 1_000_000;
export const STATE_CAP = 200_000;

const positionKey = (scenario: ScenarioCore, position: Position) =>
  `${position.node}|${stateKey(scenario, position.vars)}`;

/** Skills at stake at a decision point: every skill any of its choices codes. */
export function skillsAtStake(choices: readonly { evidence: Record<string, unknown> }[]): string[] {
  return [...new Set(choices.flatMap((choice) => Object.keys(choice.evidence)))];
}

/** Static checks: references, speakers, variables, coding completeness, endings, debrief. */
function checkReferences(scenario: Scenario, context: AnalysisContext): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const error = (path: IssuePath, message: string, code?: ScenarioIssueCode) =>
    issues.push({ path, message, severity: 'error', ...(code ? { code } : {}) });
  const broken = (path: IssuePath, message: string) => error(path, message, 'broken_reference');
  const warning = (path: IssuePath, message: string) =>
    issues.push({ path, message, severity: 'warning' });
  const nodeIds = new Set(Object.keys(scenario.nodes));
  const measured = context.measuredSkillIds ?? context.skillIds;
  const variables = new Set(Object.keys(scenario.variables));
  const speakers = new Set([NARRATION, CLIENT, ...Object.keys(scenario.counterparts)]);
  const checkCondition = (path: IssuePath, condition: Condition | undefined, where: string) => {
    for (const name of condition ? conditionVariables(condition) : []) {
      if (!variables.has(name))
        broken(path, `${where}: condition reads unknown variable "${name}"`);
    }
  };
  const checkNext = (path: IssuePath, next: string, where: string) => {
    if (!nodeIds.has(next)) broken(path, `${where}: next "${next}" is not a node`);
  };

  for (const reserved of [NARRATION, CLIENT]) {
    if (reserved in scenario.counterparts)
      error(['counterparts', reserved], `"${reserved}" is reserved and cannot be a counterpart id`);
  }
  if (!nodeIds.has(scenario.start)) broken(['start'], `start "${scenario.start}" is not a node`);

  scenario.focusSkills.forEach((skill, index) => {
    if (!context.skillIds.includes(skill))
      error(['focusSkills', index], `unknown skill "${skill}"`);
    else if (!measured.includes(skill))
      error(['focusSkills', index], `"${skill}" is not a measured skill`);
  });

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    const at = `node "${nodeId}"`;
    node.lines.forEach((line, index) => {
      if (!speakers.has(line.speaker)) {
        error(
          ['nodes', nodeId, 'lines', index],
          `${at}: unknown speaker "${line.speaker}" (use narration, client or a counterpart id)`,
        );
      }
      checkCondition(['nodes', nodeId, 'lines', index, 'when'], line.when, at);
    });
    node.routes?.forEach((route, index) => {
      checkNext(['nodes', nodeId, 'routes', index, 'next'], route.next, at);
      checkCondition(['nodes', nodeId, 'routes', index, 'when'], route.when, at);
    });
    if (!node.choices) continue;
    const seen = new Set<string>();
    const stake = skillsAtStake(node.choices);
    node.choices.forEach((choice, index) => {
      const path: IssuePath = ['nodes', nodeId, 'choices', index];
      const where = `${at}, choice "${choice.id}"`;
      if (seen.has(choice.id)) error([...path, 'id'], `${where}: repeated choice id`);
      seen.add(choice.id);
      checkNext([...path, 'next'], choice.next, where);
      checkCondition([...path, 'when'], choice.when, where);
      for (const name of Object.keys(choice.effects)) {
        if (!variables.has(name))
          broken([...path, 'effects', name], `${where}: effect on unknown variable "${name}"`);
      }
      for (const skill of Object.keys(choice.evidence)) {
        if (!context.skillIds.includes(skill))
          error([...path, 'evidence', skill], `${where}: unknown skill "${skill}"`);
        else if (!measured.includes(skill))
          error([...path, 'evidence', skill], `${where}: "${skill}" is not a measured skill`);
      }
      for (const skill of stake) {
        if (!(skill in choice.evidence)) {
          error(
            [...path, 'evidence'],
            `${where}: not coded for "${skill}", which is at stake at this decision point (code it, or mark it neutral with ${skill}: 0)`,
          );
        }
      }
    });
    if (stake.length === 0)
      error(
        ['nodes', nodeId, 'choices'],
        `${at}: no choice carries evidence, so the decision measures nothing`,
      );
  }

  const endingNodes = Object.values(scenario.nodes).filter((node) => node.ending);
  if (endingNodes.length < 3)
    error(['nodes'], `a scenario needs at least 3 endings (has ${endingNodes.length})`);
  for (const kind of ENDING_KINDS) {
    if (!endingNodes.some((node) => node.ending?.kind === kind))
      warning(['nodes'], `no "${kind}" ending`);
  }

  const evidenced = new Set(
    Object.values(scenario.nodes).flatMap((node) =>
      node.choices ? skillsAtStake(node.choices) : [],
    ),
  );
  scenario.focusSkills.forEach((skill, index) => {
    if (context.skillIds.includes(skill) && !evidenced.has(skill)) {
      error(['focusSkills', index], `focus skill "${skill}" is never evidenced by any choice`);
    }
  });
  scenario.debrief.skills.forEach((entry, index) => {
    if (!context.skillIds.includes(entry.skill))
      error(['debrief', 'skills', index, 'skill'], `unknown skill "${entry.skill}"`);
    entry.lessons.forEach((lesson, lessonIndex) => {
      if (context.lessonIds && !context.lessonIds.includes(lesson)) {
        error(['debrief', 'skills', index, 'lessons', lessonIndex], `unknown lesson "${lesson}"`);
      }
    });
  });
  for (const skill of scenario.focusSkills) {
    if (!scenario.debrief.skills.some((entry) => entry.skill === skill)) {
      warning(
        ['debrief', 'skills'],
        `the debrief does not link focus skill "${skill}" to a lesson`,
      );
    }
  }
  return issues;
}

/** The reachable state graph: positions by key, the choices on offer from each and where they lead. */
export interface Explored {
  positions: Map<string, Position>;
  edges: Map<string, { choice: string; to: string }[]>;
  startKey: string;
  issues: ScenarioIssue[];
}

/** Walks every reachable (node, variables) position; reports dead ends, unreached nodes and choices. */
export function exploreStates(scenario: ScenarioCore): Explored | { issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  let start: Position;
  const reachedNodes = new Set<string>();
  const offeredChoices = new Set<string>();
  try {
    const settled = startPosition(scenario);
    start = settled.position;
    settled.passed.forEach((node) => reachedNodes.add(node));
  } catch (error) {
    const node = error instanceof ScenarioRuntimeError ? error.node : scenario.start;
    return {
      issues: [{ path: ['nodes', node], message: (error as Error).message, severity: 'error' }],
    };
  }
  const startKey = positionKey(scenario, start);
  const positions = new Map([[startKey, start]]);
  const edges = new Map<string, { choice: string; to: string }[]>();
  const queue = [startKey];
  const reported = new Set<string>();
  const once = (key: string, issue: ScenarioIssue) => {
    if (!reported.has(key)) issues.push(issue);
    reported.add(key);
  };

  while (queue.length > 0) {
    const key = queue.shift()!;
    const position = positions.get(key)!;
    reachedNodes.add(position.node);
    const out: { choice: string; to: string }[] = [];
    edges.set(key, out);
    if (isEnding(scenario, position)) continue;
    const offered = availableChoices(scenario, position);
    if (offered.length === 0) {
      once(`dead:${position.node}`, {
        path: ['nodes', position.node],
        message: `node "${position.node}": no choice is available when ${describeVariables(position.vars)} (a dead end)`,
        severity: 'error',
      });
    }
    for (const choice of offered) {
      offeredChoices.add(`${position.node}/${choice.id}`);
      try {
        const result = choose(scenario, position, choice.id);
        result.passed.forEach((node) => reachedNodes.add(node));
        const nextKey = positionKey(scenario, result.position);
        out.push({ choice: choice.id, to: nextKey });
        if (!positions.has(nextKey)) {
          if (positions.size >= STATE_CAP) {
            return {
              issues: [
                {
                  path: ['variables'],
                  message: `more than ${STATE_CAP} reachable states: narrow the variable bounds`,
                  severity: 'error',
                },
              ],
            };
          }
          positions.set(nextKey, result.position);
          queue.push(nextKey);
        }
      } catch (error) {
        if (!(error instanceof ScenarioRuntimeError)) throw error;
        once(`route:${error.node}:${error.message}`, {
          path: ['nodes', error.node],
          message: `node "${error.node}": ${error.message}`,
          severity: 'error',
        });
      }
    }
  }

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (!reachedNodes.has(nodeId)) {
      issues.push({
        path: ['nodes', nodeId],
        message: `node "${nodeId}" (${nodeKind(node)}) is never reached`,
        severity: 'error',
      });
      continue;
    }
    node.choices?.forEach((choice, index) => {
      if (!offeredChoices.has(`${nodeId}/${choice.id}`)) {
        issues.push({
          path: ['nodes', nodeId, 'choices', index],
          message: `node "${nodeId}", choice "${choice.id}" is never on offer`,
          severity: 'warning',
        });
      }
    });
  }
  return { positions, edges, startKey, issues };
}

/** Depth-first post-order from the start (children before parents); a cycle (as node ids) if play can go on forever. */
export function topologicalOrder(explored: Explored): { order: string[]; cycle?: string[] } {
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const stack: { key: string; next: number }[] = [{ key: explored.startKey, next: 0 }];
  state.set(explored.startKey, 'open');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const out = explored.edges.get(frame.key) ?? [];
    if (frame.next < out.length) {
      const to = out[frame.next++]!.to;
      const seen = state.get(to);
      if (seen === 'open') {
        const from = stack.findIndex((entry) => entry.key === to);
        const cycle = [...stack.slice(from).map((entry) => entry.key), to].map(
          (key) => explored.positions.get(key)!.node,
        );
        return { order, cycle };
      }
      if (!seen) {
        state.set(to, 'open');
        stack.push({ key: to, next: 0 });
      }
    } else {
      state.set(frame.key, 'done');
      order.push(frame.key);
      stack.pop();
    }
  }
  return { order };
}

/** Validates a scenario and measures its paths. Errors block publication; warnings do not. */
export function analyseScenario(scenario: Scenario, context: AnalysisContext): ScenarioAnalysis {
  const nodes = Object.values(scenario.nodes);
  const endings = Object.fromEntries(
    ENDING_KINDS.map((kind) => [kind, nodes.filter((node) => node.ending?.kind === kind).length]),
  ) as Record<EndingKind, number>;
  const analysis: ScenarioAnalysis = {
    id: scenario.id,
    nodes: nodes.length,
    decisionPoints: nodes.filter((node) => node.choices).length,
    endings,
    states: 0,
    paths: { count: 0, capped: false },
    shortestPath: 0,
    longestPath: 0,
    evidence: {},
    issues: checkReferences(scenario, context),
  };
  // Broken references would make exploration meaningless; fix those first.
  if (analysis.issues.some((issue) => issue.code === 'broken_reference')) return analysis;
  const explored = exploreStates(scenario);
  analysis.issues.push(...explored.issues);
  if (!('positions' in explored)) return analysis;
  analysis.states = explored.positions.size;
  const { order, cycle } = topologicalOrder(explored);
  if (cycle) {
    analysis.issues.push({
      path: ['nodes', cycle[0]!],
      message: `endless path: ${cycle.join(' → ')} repeats with the same variable values`,
      severity: 'error',
    });
    return analysis;
  }
  if (explored.issues.some((issue) => issue.severity === 'error')) return analysis;

  // Dynamic programming over the acyclic position graph, children before parents.
  const skills = [
    ...new Set(nodes.flatMap((node) => (node.choices ? skillsAtStake(node.choices) : []))),
  ];
  const codeOf = (nodeId: string, choiceId: string, skill: string) =>
    scenario.nodes[nodeId]?.choices?.find((choice) => choice.id === choiceId)?.evidence[skill]
      ?.code ?? 0;
  const paths = new Map<string, number>();
  const shortest = new Map<string, number>();
  const longest = new Map<string, number>();
  const evidence = new Map<string, Record<string, EvidenceRange>>();
  for (const key of order) {
    const out = explored.edges.get(key) ?? [];
    const node = explored.positions.get(key)!.node;
    if (out.length === 0) {
      paths.set(key, 1);
      shortest.set(key, 0);
      longest.set(key, 0);
      evidence.set(key, Object.fromEntries(skills.map((skill) => [skill, { min: 0, max: 0 }])));
      continue;
    }
    paths.set(
      key,
      Math.min(
        PATH_CAP + 1,
        out.reduce((sum, edge) => sum + paths.get(edge.to)!, 0),
      ),
    );
    shortest.set(key, 1 + Math.min(...out.map((edge) => shortest.get(edge.to)!)));
    longest.set(key, 1 + Math.max(...out.map((edge) => longest.get(edge.to)!)));
    evidence.set(
      key,
      Object.fromEntries(
        skills.map((skill) => {
          const totals = out.map((edge) => ({
            code: codeOf(node, edge.choice, skill),
            rest: evidence.get(edge.to)![skill]!,
          }));
          return [
            skill,
            {
              min: Math.min(...totals.map((t) => t.code + t.rest.min)),
              max: Math.max(...totals.map((t) => t.code + t.rest.max)),
            },
          ];
        }),
      ),
    );
  }
  const count = paths.get(explored.startKey)!;
  analysis.paths = { count: Math.min(count, PATH_CAP), capped: count > PATH_CAP };
  analysis.shortestPath = shortest.get(explored.startKey)!;
  analysis.longestPath = longest.get(explored.startKey)!;
  analysis.evidence = evidence.get(explored.startKey)!;
  return analysis;
}

/** The measures of an analysis without its issues: what pages and reports show. */
export type ScenarioMeasures = Omit<ScenarioAnalysis, 'issues'>;
