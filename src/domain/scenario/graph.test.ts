import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtureScenario, loadScenarioFile } from '../../../tests/support/scenario-fixtures';
import {
  buildScenarioGraph,
  codeTone,
  formatCode,
  tracePath,
  type MapEdge,
  type MapNode,
} from './graph';
import { isEnding, playThrough, startPosition, type Step } from './runtime';

const brokenFixture = (name: string) =>
  loadScenarioFile(`tests/fixtures/broken-scenarios/scenarios/healthcare/${name}.yaml`);
const libraryScenario = (path: string) => loadScenarioFile(`scenarios/${path}`);

const node = (nodes: MapNode[], id: string) => nodes.find((candidate) => candidate.id === id)!;
const edge = (edges: MapEdge[], id: string) => edges.find((candidate) => candidate.id === id)!;

describe('buildScenarioGraph', () => {
  const mini = loadFixtureScenario('mini');
  const graph = buildScenarioGraph(mini);

  it('has every node with its kind, the start marked, and an edge per choice and route', () => {
    expect(graph.start).toBe('a');
    expect(graph.explored).toBe(true);
    expect(graph.skills).toEqual(['communication', 'empathy']);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.isStart])).toEqual([
      ['a', 'decision', true],
      ['b', 'decision', false],
      ['r', 'route', false],
      ['end-good', 'ending', false],
      ['end-mixed', 'ending', false],
      ['end-poor', 'ending', false],
    ]);
    expect(node(graph.nodes, 'end-good')).toMatchObject({
      text: 'Good ending',
      endingKind: 'good',
      reachable: true,
    });
    expect(graph.edges.map((e) => `${e.id}:${e.from}->${e.to}`)).toEqual([
      'a/good:a->b',
      'a/bad:a->b',
      'b/x:b->r',
      'b/y:b->r',
      'r/route-1:r->end-good',
      'r/route-2:r->end-mixed',
      'r/route-3:r->end-poor',
    ]);
  });

  it('labels choice edges with the choice id, its codes and their sum, and conditions as written', () => {
    expect(edge(graph.edges, 'a/bad')).toMatchObject({
      kind: 'choice',
      label: 'bad',
      codeSum: -2,
      codes: { communication: -1, empathy: -1 },
      used: true,
    });
    expect(edge(graph.edges, 'b/y')).toMatchObject({ condition: 'trust >= 1', codeSum: -2 });
    expect(edge(graph.edges, 'r/route-1')).toMatchObject({
      kind: 'route',
      label: 'route 1',
      condition: 'trust >= 2',
      used: true,
    });
    expect(edge(graph.edges, 'r/route-3').condition).toBeUndefined();
  });

  it('gives each ending the best and worst code sums of the play-throughs that end there', () => {
    // good,x → end-good; good,y → end-mixed; bad,x → end-poor (y is not offered at trust 0).
    expect(node(graph.nodes, 'end-good').scores).toEqual({
      communication: { min: 4, max: 4 },
      empathy: { min: 0, max: 0 },
    });
    expect(node(graph.nodes, 'end-mixed').scores).toEqual({
      communication: { min: 0, max: 0 },
      empathy: { min: 0, max: 0 },
    });
    expect(node(graph.nodes, 'end-poor').scores).toEqual({
      communication: { min: 1, max: 1 },
      empathy: { min: -1, max: -1 },
    });
  });

  it('marks unreachable nodes and routes that are never taken', () => {
    const unreachable = buildScenarioGraph(brokenFixture('unreachable'));
    expect(node(unreachable.nodes, 'end-mixed')).toMatchObject({ reachable: false });
    expect(node(unreachable.nodes, 'end-mixed').scores).toBeUndefined();
    // good,y (trust 1) and bad,x (trust 0) both fall through to the poor ending.
    expect(node(unreachable.nodes, 'end-poor').scores).toEqual({
      communication: { min: 0, max: 1 },
      empathy: { min: -1, max: 0 },
    });
    expect(unreachable.edges.filter((e) => e.used === false)).toEqual([]);
  });

  it('marks choices that are never on offer', () => {
    // x needs trust 3, which play never reaches; y (trust 2 → 1) always ends mixed.
    const deadEnd = buildScenarioGraph(brokenFixture('dead-end'));
    expect(deadEnd.edges.filter((e) => e.used === false).map((e) => e.id)).toEqual([
      'b/x',
      'r/route-1',
      'r/route-3',
    ]);
    expect(node(deadEnd.nodes, 'end-good').reachable).toBe(false);
    expect(node(deadEnd.nodes, 'end-mixed').reachable).toBe(true);
  });

  it('shows a `next` that names no node as a missing node, and still explores the rest', () => {
    const missing = buildScenarioGraph(brokenFixture('missing-next'));
    expect(node(missing.nodes, 'bb')).toEqual({ id: 'bb', kind: 'missing', isStart: false });
    expect(edge(missing.edges, 'a/good').to).toBe('bb');
    expect(missing.explored).toBe(true);
  });

  it('is not explored when the start names no node, but still shows the structure', () => {
    const noStart = buildScenarioGraph({ ...mini, start: 'nowhere' });
    expect(noStart.explored).toBe(false);
    expect(node(noStart.nodes, 'nowhere')).toEqual({
      id: 'nowhere',
      kind: 'missing',
      isStart: true,
    });
    expect(noStart.nodes.every((n) => n.reachable === undefined)).toBe(true);
    expect(noStart.edges.every((e) => e.used === undefined)).toBe(true);
  });

  it('leaves ending scores out when play can loop for ever', () => {
    const endless = buildScenarioGraph(brokenFixture('endless'));
    expect(endless.nodes.filter((n) => n.scores)).toEqual([]);
  });
});

describe('tracePath', () => {
  const mini = loadFixtureScenario('mini');
  it('lists the nodes and edges a play-through follows, routes included', () => {
    const steps: Step[] = [
      { node: 'a', choice: 'good' },
      { node: 'b', choice: 'y' },
    ];
    expect(tracePath(mini, steps)).toEqual({
      nodes: ['a', 'b', 'r', 'end-mixed'],
      edges: ['a/good', 'b/y', 'r/route-2'],
    });
  });
});

describe('the map of a library scenario', () => {
  const scenario = libraryScenario('healthcare/okafor-discharge.yaml');
  const graph = buildScenarioGraph(scenario);

  it('has every node reachable and every choice used (the library passes its checks)', () => {
    expect(graph.nodes.every((n) => n.reachable)).toBe(true);
    expect(graph.edges.filter((e) => e.kind === 'choice').every((e) => e.used)).toBe(true);
  });

  it('puts the score of any random play-through inside its ending range, on its traced path', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (picks) => {
        let position = startPosition(scenario).position;
        const steps: Step[] = [];
        const totals: Record<string, number> = {};
        const played = playThrough(
          scenario,
          (offered) => offered[picks[steps.length]! % offered.length]!,
        );
        for (const { position: at, choice, after } of played) {
          for (const [skill, evidence] of Object.entries(choice.evidence))
            totals[skill] = (totals[skill] ?? 0) + evidence.code;
          steps.push({ node: at.node, choice: choice.id });
          position = after;
          if (steps.length === picks.length) break;
        }
        expect(isEnding(scenario, position)).toBe(true);
        const ending = node(graph.nodes, position.node);
        for (const skill of graph.skills) {
          const range = ending.scores![skill]!;
          expect(totals[skill] ?? 0).toBeGreaterThanOrEqual(range.min);
          expect(totals[skill] ?? 0).toBeLessThanOrEqual(range.max);
        }
        const traced = tracePath(scenario, steps);
        expect(traced.nodes.at(-1)).toBe(position.node);
        for (const id of traced.edges) expect(edge(graph.edges, id)?.used).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('code tones and signs', () => {
  it('reads a code sum as a tone and a signed number', () => {
    expect([-5, -3, -1, 0, 1, 2, 3, 6].map(codeTone)).toEqual([
      'strong-negative',
      'strong-negative',
      'negative',
      'neutral',
      'positive',
      'positive',
      'strong-positive',
      'strong-positive',
    ]);
    expect([-2, 0, 3].map(formatCode)).toEqual(['−2', '0', '+3']);
  });
});
