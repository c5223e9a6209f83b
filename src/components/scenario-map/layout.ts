/**
 * Lays out a scenario map with dagre (top to bottom: the start at the top, endings below).
 * Text is measured by character count at the map's fixed font size, so layout needs no DOM.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { MapEdge, MapNode, ScenarioGraph } from '../../domain/scenario/graph';
import {
  edgeLabelLines,
  nodeKindLine,
  nodeMarks,
  scoreText,
  shownScores,
  wrap,
  type SkillNames,
} from './map-text';

export const NODE_WIDTH = 220;
export const LINE_HEIGHT = 16;
export const PADDING = 10;
/** Characters per line in a node box and the width of one label character, at 12–13px. */
const NODE_CHARS = 30;
const LABEL_CHAR_WIDTH = 6.6;

export interface NodeBox {
  node: MapNode;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Text lines under the id: kind, text, marks, scores. */
  lines: string[];
}

export interface EdgeRoute {
  edge: MapEdge;
  points: { x: number; y: number }[];
  label: { x: number; y: number; width: number; height: number; lines: string[] };
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgeRoute[];
}

/** The text a node box shows below its id. */
export function nodeBoxLines(
  node: MapNode,
  skillNames: SkillNames,
  focusSkills: readonly string[],
): string[] {
  return [
    nodeKindLine(node),
    ...(node.text ? wrap(node.text, NODE_CHARS) : []),
    ...nodeMarks(node).flatMap((mark) => wrap(mark, NODE_CHARS)),
    ...shownScores(node, focusSkills).map(([skill, range]) => scoreText(skillNames, skill, range)),
  ];
}

export function layoutMap(
  graph: ScenarioGraph,
  skillNames: SkillNames,
  focusSkills: readonly string[],
): MapLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, edgesep: 16, marginx: 12, marginy: 12 });
  const boxes = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const lines = nodeBoxLines(node, skillNames, focusSkills);
    boxes.set(node.id, lines);
    g.setNode(node.id, {
      width: NODE_WIDTH,
      height: PADDING * 2 + LINE_HEIGHT * (lines.length + 1),
    });
  }
  const labels = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const lines = edgeLabelLines(edge);
    labels.set(edge.id, lines);
    g.setEdge(
      edge.from,
      edge.to,
      {
        width: Math.max(...lines.map((line) => line.length)) * LABEL_CHAR_WIDTH + 8,
        height: lines.length * 14 + 4,
        labelpos: 'c',
      },
      edge.id,
    );
  }
  layout(g);

  const nodes: NodeBox[] = graph.nodes.map((node) => {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return {
      node,
      x: placed.x - placed.width / 2,
      y: placed.y - placed.height / 2,
      width: placed.width,
      height: placed.height,
      lines: boxes.get(node.id)!,
    };
  });
  const edges: EdgeRoute[] = graph.edges.map((edge) => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: edge.id }) as {
      points: { x: number; y: number }[];
      x: number;
      y: number;
      width: number;
      height: number;
    };
    return {
      edge,
      points: placed.points,
      label: {
        x: placed.x - placed.width / 2,
        y: placed.y - placed.height / 2,
        width: placed.width,
        height: placed.height,
        lines: labels.get(edge.id)!,
      },
    };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}
