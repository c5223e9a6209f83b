/**
 * The words of the scenario map, shared by the drawing and its list alternative: what each
 * node and edge says, so colour and line style are never the only carriers of meaning.
 */
import {
  codeTone,
  formatCode,
  type CodeTone,
  type MapEdge,
  type MapNode,
  type ScenarioGraph,
} from '../../domain/scenario/graph';

export const KIND_NAMES: Record<MapNode['kind'], string> = {
  decision: 'decision point',
  route: 'route',
  ending: 'ending',
  missing: 'missing node',
};

export const TONE_NAMES: Record<CodeTone, string> = {
  'strong-negative': 'strongly negative',
  negative: 'negative',
  neutral: 'neutral',
  positive: 'positive',
  'strong-positive': 'strongly positive',
};

export type SkillNames = Readonly<Record<string, string>>;

const skillName = (names: SkillNames, skill: string) => names[skill] ?? skill;

/** The node's first line: its kind, with the start and ending kind. */
export function nodeKindLine(node: MapNode): string {
  const kind =
    node.kind === 'ending' ? `${node.endingKind ?? ''} ending`.trim() : KIND_NAMES[node.kind];
  return `${node.isStart ? 'start · ' : ''}${kind}`;
}

/** What is wrong or notable about a node, in words. */
export function nodeMarks(node: MapNode): string[] {
  const marks: string[] = [];
  if (node.kind === 'missing') marks.push('not a node: fix the next that names it');
  if (node.reachable === false) marks.push('never reached');
  return marks;
}

/** A skill's range of code sums, e.g. `Empathy −2 to +6`. */
export function scoreText(names: SkillNames, skill: string, range: { min: number; max: number }) {
  return range.min === range.max
    ? `${skillName(names, skill)} ${formatCode(range.min)}`
    : `${skillName(names, skill)} ${formatCode(range.min)} to ${formatCode(range.max)}`;
}

/** The skills an ending's box shows: the focus skills, else every skill with a score. */
export function shownScores(
  node: MapNode,
  focusSkills: readonly string[],
): [string, { min: number; max: number }][] {
  if (!node.scores) return [];
  const entries = Object.entries(node.scores);
  const focus = entries.filter(([skill]) => focusSkills.includes(skill));
  return focus.length > 0 ? focus : entries;
}

/** The edge's label lines: `choice-id +2`, then its condition and marks. */
export function edgeLabelLines(edge: MapEdge): string[] {
  const lines = [
    edge.kind === 'choice' ? `${edge.label} ${formatCode(edge.codeSum ?? 0)}` : edge.label,
  ];
  if (edge.condition) lines.push(`if ${edge.condition}`);
  if (edge.flag) lines.push(`${edge.flag} flag`);
  if (edge.used === false) lines.push(edge.kind === 'choice' ? 'never offered' : 'never taken');
  return lines;
}

export function edgeTone(edge: MapEdge): CodeTone {
  return edge.kind === 'choice' ? codeTone(edge.codeSum ?? 0) : 'neutral';
}

/** One sentence describing an edge, for the list and for screen readers. */
export function describeEdge(edge: MapEdge, names: SkillNames): string {
  const parts: string[] = [];
  if (edge.kind === 'choice') {
    const codes = Object.entries(edge.codes ?? {})
      .map(([skill, code]) => `${skillName(names, skill)} ${formatCode(code)}`)
      .join(', ');
    parts.push(
      `code sum ${formatCode(edge.codeSum ?? 0)} (${TONE_NAMES[edgeTone(edge)]}${codes ? `: ${codes}` : ''})`,
    );
  }
  if (edge.condition) parts.push(`only when ${edge.condition}`);
  if (edge.flag) parts.push(`flagged: ${edge.flag}`);
  if (edge.used === false) parts.push(edge.kind === 'choice' ? 'never on offer' : 'never taken');
  return parts.join('; ');
}

/** A node's accessible name on the drawn map. */
export function describeNode(
  node: MapNode,
  names: SkillNames,
  focusSkills: readonly string[],
  line?: number,
): string {
  const parts = [`${node.id}, ${nodeKindLine(node)}`];
  if (node.text) parts.push(node.text);
  parts.push(...nodeMarks(node));
  const scores = shownScores(node, focusSkills).map(([skill, range]) =>
    scoreText(names, skill, range),
  );
  if (scores.length > 0) parts.push(`scores ${scores.join(', ')}`);
  if (line) parts.push(`line ${line}`);
  return parts.join('. ');
}

/** Nodes in reading order: breadth-first from the start along the edges, then the rest. */
export function readingOrder(graph: ScenarioGraph): MapNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const order: MapNode[] = [];
  const queue = [graph.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    order.push(byId.get(id)!);
    for (const edge of graph.edges) if (edge.from === id) queue.push(edge.to);
  }
  for (const node of graph.nodes) if (!seen.has(node.id)) order.push(node);
  return order;
}

/** Wraps text into lines of at most `width` characters (words longer than that are cut). */
export function wrap(text: string, width: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (next.length <= width) {
      current = next;
      continue;
    }
    if (current) lines.push(current);
    current = word.length > width ? `${word.slice(0, width - 1)}…` : word;
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}
