import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ScenarioGraph } from '../../domain/scenario/graph';
import { formatCode } from '../../domain/scenario/graph';
import { LINE_HEIGHT, PADDING, layoutMap, type EdgeRoute, type NodeBox } from './layout';
import {
  describeEdge,
  describeNode,
  edgeTone,
  KIND_NAMES,
  nodeKindLine,
  nodeMarks,
  readingOrder,
  TONE_NAMES,
  type SkillNames,
} from './map-text';
import './scenario-map.css';

export interface MapHighlight {
  /** Node ids on the path, in order. */
  nodes: readonly string[];
  /** Edge ids on the path (see `tracePath`). */
  edges: readonly string[];
  /** What the highlight is, e.g. "your path". */
  label: string;
}

export interface ScenarioMapProps {
  graph: ScenarioGraph;
  skillNames: SkillNames;
  /** The scenario's focus skills: the scores ending boxes show. */
  focusSkills: readonly string[];
  /** A play-through to highlight (a debrief's path). */
  highlight?: MapHighlight;
  /** Makes nodes actionable (click, Enter, Space): the studio jumps to the node's YAML. */
  onSelectNode?: (nodeId: string) => void;
  /** What selecting a node does, for its accessible name, e.g. "go to line 23". */
  selectHint?: (nodeId: string) => string | undefined;
  /** Heading level of the list alternative's node headings. */
  headingLevel?: 3 | 4;
}

const TONES = ['strong-negative', 'negative', 'neutral', 'positive', 'strong-positive'] as const;

/** An SVG path through dagre's edge points, smoothed with quadratic curves. */
function edgePath(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M${first!.x},${first!.y}`;
  for (let index = 0; index < rest.length - 1; index++) {
    const control = rest[index]!;
    const next = rest[index + 1]!;
    d += ` Q${control.x},${control.y} ${(control.x + next.x) / 2},${(control.y + next.y) / 2}`;
  }
  const last = rest[rest.length - 1];
  if (last) d += ` L${last.x},${last.y}`;
  return d;
}

/**
 * A scenario drawn as a map, with a structured list alternative. Presentational: the
 * graph comes from `buildScenarioGraph`, the optional highlight from `tracePath`.
 */
export default function ScenarioMap({
  graph,
  skillNames,
  focusSkills,
  highlight,
  onSelectNode,
  selectHint,
  headingLevel = 3,
}: ScenarioMapProps) {
  const id = useId();
  const mapLayout = useMemo(
    () => layoutMap(graph, skillNames, focusSkills),
    [graph, skillNames, focusSkills],
  );
  const order = useMemo(() => readingOrder(graph), [graph]);
  const onPath = useMemo(() => new Set(highlight?.nodes ?? []), [highlight]);
  const edgeOnPath = useMemo(() => new Set(highlight?.edges ?? []), [highlight]);
  const [current, setCurrent] = useState(graph.start);
  const nodeRefs = useRef(new Map<string, SVGGElement>());
  const boxes = useMemo(
    () => new Map(mapLayout.nodes.map((box) => [box.node.id, box])),
    [mapLayout],
  );
  // Roving focus: one node is in the tab order; arrow keys move in reading order.
  const focusable = boxes.has(current) ? current : graph.start;
  const moveFocus = (event: KeyboardEvent, nodeId: string) => {
    const index = order.findIndex((node) => node.id === nodeId);
    const target =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? order[Math.min(order.length - 1, index + 1)]
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? order[Math.max(0, index - 1)]
          : event.key === 'Home'
            ? order[0]
            : event.key === 'End'
              ? order[order.length - 1]
              : undefined;
    if (target) {
      event.preventDefault();
      setCurrent(target.id);
      nodeRefs.current.get(target.id)?.focus();
      return;
    }
    if (onSelectNode && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelectNode(nodeId);
    }
  };
  const Heading = headingLevel === 3 ? 'h3' : 'h4';

  const renderNode = (box: NodeBox) => {
    const { node } = box;
    const classes = [
      'map-node',
      `map-node-${node.kind}`,
      node.endingKind ? `map-ending-${node.endingKind}` : '',
      node.reachable === false ? 'map-unreachable' : '',
      onPath.has(node.id) ? 'map-on-path' : '',
    ].join(' ');
    const hint = selectHint?.(node.id);
    const label = `${describeNode(node, skillNames, focusSkills)}${onPath.has(node.id) && highlight ? `. On ${highlight.label}` : ''}${hint ? `. ${hint}` : ''}`;
    const interactive = onSelectNode
      ? {
          role: 'button',
          tabIndex: node.id === focusable ? 0 : -1,
          'aria-label': label,
          onClick: () => {
            setCurrent(node.id);
            onSelectNode(node.id);
          },
          onKeyDown: (event: KeyboardEvent) => moveFocus(event, node.id),
          onFocus: () => setCurrent(node.id),
        }
      : { role: 'img', 'aria-label': label };
    return (
      <g
        key={node.id}
        className={classes}
        transform={`translate(${box.x},${box.y})`}
        ref={(element) => {
          if (element) nodeRefs.current.set(node.id, element);
          else nodeRefs.current.delete(node.id);
        }}
        {...interactive}
      >
        <rect className="map-box" width={box.width} height={box.height} rx={8} />
        {(node.reachable === false || node.kind === 'missing') && (
          <rect className="map-hatch" width={12} height={box.height} fill={`url(#${id}-hatch)`} />
        )}
        <rect
          className="map-focus-ring"
          x={-4}
          y={-4}
          width={box.width + 8}
          height={box.height + 8}
          rx={11}
        />
        <text x={PADDING + 8} y={PADDING + 12} className="map-node-id">
          {node.id}
          {onPath.has(node.id) && highlight ? ` ✓` : ''}
        </text>
        {box.lines.map((line, index) => (
          <text
            key={index}
            x={PADDING + 8}
            y={PADDING + 12 + LINE_HEIGHT * (index + 1)}
            className={index === 0 ? 'map-node-kind' : 'map-node-text'}
          >
            {line}
          </text>
        ))}
      </g>
    );
  };

  const renderEdge = (route: EdgeRoute) => {
    const { edge } = route;
    const tone = edgeTone(edge);
    const classes = [
      'map-edge',
      `map-tone-${tone}`,
      edge.kind === 'route' ? 'map-edge-route' : '',
      edge.used === false ? 'map-unused' : '',
      edgeOnPath.has(edge.id) ? 'map-on-path' : '',
    ].join(' ');
    return (
      <g key={edge.id} className={classes}>
        {edgeOnPath.has(edge.id) && <path className="map-path-halo" d={edgePath(route.points)} />}
        <path
          className="map-edge-line"
          d={edgePath(route.points)}
          markerEnd={`url(#${id}-arrow-${tone})`}
        />
        <rect
          className="map-edge-label-box"
          x={route.label.x}
          y={route.label.y}
          width={route.label.width}
          height={route.label.height}
          rx={4}
        />
        {route.label.lines.map((line, index) => (
          <text
            key={index}
            className="map-edge-label"
            x={route.label.x + 4}
            y={route.label.y + 13 + index * 14}
          >
            {index === 0 && edgeOnPath.has(edge.id) ? `✓ ${line}` : line}
          </text>
        ))}
      </g>
    );
  };

  return (
    <div className="scenario-map">
      <MapLegend highlight={highlight} />
      <div
        className="map-canvas"
        role="group"
        aria-label={
          onSelectNode
            ? 'Scenario map: arrow keys move between nodes, Enter goes to the node in the YAML'
            : 'Scenario map: arrow keys scroll it'
        }
        // A map of pictures only (no node to act on) scrolls from the keyboard when focused.
        tabIndex={onSelectNode ? undefined : 0}
      >
        <svg
          width={mapLayout.width}
          height={mapLayout.height}
          viewBox={`0 0 ${mapLayout.width} ${mapLayout.height}`}
          className="map-svg"
        >
          <defs>
            <pattern
              id={`${id}-hatch`}
              width={6}
              height={6}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={6} height={6} className="map-hatch-bg" />
              <line x1={0} y1={0} x2={0} y2={6} className="map-hatch-line" />
            </pattern>
            {TONES.map((tone) => (
              <marker
                key={tone}
                id={`${id}-arrow-${tone}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerUnits="userSpaceOnUse"
                markerWidth={9}
                markerHeight={9}
                orient="auto-start-reverse"
                className={`map-arrow map-tone-${tone}`}
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
          </defs>
          {/* Edges first, so node boxes sit on top of the lines. */}
          <g>{mapLayout.edges.map(renderEdge)}</g>
          <g>{mapLayout.nodes.map(renderNode)}</g>
        </svg>
      </div>
      <details className="map-list-details">
        <summary>The map as a list</summary>
        <ul className="map-list">
          {order.map((node) => {
            const out = graph.edges.filter((edge) => edge.from === node.id);
            const hint = selectHint?.(node.id);
            return (
              <li key={node.id} className={onPath.has(node.id) ? 'map-on-path' : undefined}>
                <Heading>
                  <code>{node.id}</code> — {nodeKindLine(node)}
                  {onPath.has(node.id) && highlight ? ` (on ${highlight.label})` : ''}
                </Heading>
                {node.text && <p>{node.text}</p>}
                {nodeMarks(node).map((mark) => (
                  <p key={mark} className="map-mark">
                    {mark}
                  </p>
                ))}
                {onSelectNode && hint && (
                  <button type="button" className="secondary" onClick={() => onSelectNode(node.id)}>
                    {hint[0]!.toUpperCase() + hint.slice(1)}
                    <span className="visually-hidden"> ({node.id})</span>
                  </button>
                )}
                {out.length > 0 && (
                  <ul>
                    {out.map((edge) => (
                      <li key={edge.id}>
                        {edge.kind === 'choice' ? 'Choice ' : ''}
                        <code>{edge.label}</code> → <code>{edge.to}</code>
                        {edgeOnPath.has(edge.id) && highlight
                          ? ` (taken on ${highlight.label})`
                          : ''}
                        : {describeEdge(edge, skillNames) || 'no condition'}
                      </li>
                    ))}
                  </ul>
                )}
                {node.scores && (
                  <table>
                    <caption>Code sums of play-throughs ending here</caption>
                    <thead>
                      <tr>
                        <th scope="col">Skill</th>
                        <th scope="col">Worst</th>
                        <th scope="col">Best</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(node.scores).map(([skill, range]) => (
                        <tr key={skill}>
                          <th scope="row">{skillNames[skill] ?? skill}</th>
                          <td>{formatCode(range.min)}</td>
                          <td>{formatCode(range.max)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {node.kind === 'ending' && !node.scores && node.reachable !== false && (
                  <p className="muted">Scores appear once the scenario has no errors.</p>
                )}
              </li>
            );
          })}
        </ul>
      </details>
      {!graph.explored && (
        <p className="muted">
          Play could not be explored (the start or the state space is broken), so reachability and
          scores are not shown.
        </p>
      )}
      <p className="visually-hidden">{`${graph.nodes.length} nodes: ${Object.entries(KIND_NAMES)
        .map(([kind, name]) => `${graph.nodes.filter((node) => node.kind === kind).length} ${name}`)
        .join(', ')}.`}</p>
    </div>
  );
}

/** What colour, line style and marks mean on the map. */
function MapLegend({ highlight }: { highlight?: MapHighlight }) {
  return (
    <div className="map-legend">
      <p className="map-legend-title">Key</p>
      <ul>
        {TONES.map((tone) => (
          <li key={tone}>
            <svg width={36} height={10} aria-hidden="true" className={`map-edge map-tone-${tone}`}>
              <line x1={0} y1={5} x2={36} y2={5} className="map-edge-line" />
            </svg>{' '}
            {TONE_NAMES[tone]} code sum (
            {tone === 'strong-negative'
              ? '−3 or less'
              : tone === 'negative'
                ? '−1, −2'
                : tone === 'neutral'
                  ? '0'
                  : tone === 'positive'
                    ? '+1, +2'
                    : '+3 or more'}
            )
          </li>
        ))}
        <li>Labels: choice id and code sum; “if …” the condition; “never offered”</li>
        <li>
          <svg width={14} height={14} aria-hidden="true" className="map-legend-hatch">
            <rect width={14} height={14} />
            <path d="M0,7 L7,0 M0,14 L14,0 M7,14 L14,7" />
          </svg>{' '}
          Hatched band: never reached, or not a node
        </li>
        {highlight && <li>✓ and a wide outline: {highlight.label}</li>}
      </ul>
    </div>
  );
}
