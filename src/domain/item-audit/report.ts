import type { GateId, ItemAuditGates } from './gates';
import type { ItemAuditReport, ItemReport } from './audit';
import { CUES, LENGTH_POSITIONS } from './cues';
import { ITEM_KINDS, type ItemKind } from './items';

/** The audit as text for people: gates first, then the tables behind them, then the items. */

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const pad = (text: string, width: number) => text.padEnd(width);
const padStart = (text: string, width: number) => text.padStart(width);
const KIND_NAMES: Record<ItemKind, string> = { check: 'checks', decision: 'decisions' };

function where(item: ItemReport): string {
  return `${item.file}${item.line ? `:${item.line}` : ''}`;
}

function itemLines(item: ItemReport, withNotes: boolean): string[] {
  const findings = item.findings.filter((finding) => withNotes || finding.severity === 'trip');
  return [
    `  ${where(item)} ${item.label}`,
    ...findings.map(
      (finding) => `      ${finding.severity === 'trip' ? '✗' : '·'} ${finding.message}`,
    ),
  ];
}

export function formatGates(report: ItemAuditReport): string[] {
  const lines = ['GATES'];
  for (const gate of report.gates) {
    lines.push(
      `  ${gate.pass ? 'PASS' : 'FAIL'}  ${pad(gate.id, 22)} ${gate.title}${gate.enforced ? '  [enforced in npm test]' : ''}`,
    );
    lines.push(`        ${gate.figure}`);
    const shown = gate.failures.slice(0, 12);
    for (const failure of shown) lines.push(`        - ${failure}`);
    if (gate.failures.length > shown.length)
      lines.push(`        … and ${gate.failures.length - shown.length} more (see --json)`);
  }
  const failing = report.gates.filter((gate) => !gate.pass).map((gate) => gate.id);
  lines.push(
    '',
    `  ${report.gates.length - failing.length} of ${report.gates.length} gates pass.` +
      (failing.length ? ` Failing: ${failing.join(', ')}.` : ''),
  );
  return lines;
}

function baselineLines(report: ItemAuditReport): string[] {
  const lines = ['ANSWER-ONLY BASELINE (option texts only; leave-one-lesson/scenario-out)'];
  for (const kind of ITEM_KINDS) {
    const result = report.baseline[kind];
    lines.push(
      `  ${pad(KIND_NAMES[kind], 10)} ${percent(result.accuracy)} of ${result.items} items vs chance ${percent(result.chance)} ` +
        `(+${((result.accuracy - result.chance) * 100).toFixed(1)} points); mean p(key) ${result.meanKeyProbability.toFixed(2)}; ${result.folds} folds`,
    );
    lines.push(
      `             strongest signals: ${result.leaks
        .slice(0, 8)
        .map((leak) => `${leak.feature} ${leak.weight > 0 ? '+' : ''}${leak.weight.toFixed(2)}`)
        .join('; ')}`,
    );
  }
  return lines;
}

function learnerLines(report: ItemAuditReport): string[] {
  const lines = [
    'LEARNER WHO FOLLOWS THE BASELINE (every scenario once in assessment mode, every check once)',
    `  ${pad('skill', 24)}${pad('status', 13)}${padStart('μ', 6)}${padStart('P(≥τ)', 8)}${padStart('n', 7)}${padStart('random', 8)}${padStart('perfect', 9)}${padStart('progress', 10)}`,
  ];
  for (const entry of report.learner) {
    lines.push(
      `  ${pad(entry.skill, 24)}${pad(entry.baseline.status, 13)}${padStart(entry.baseline.mean.toFixed(2), 6)}` +
        `${padStart(entry.baseline.probabilityMeetsTarget.toFixed(2), 8)}${padStart(entry.baseline.evidence.toFixed(1), 7)}` +
        `${padStart(entry.random.toFixed(2), 8)}${padStart(entry.perfect.toFixed(2), 9)}${padStart(percent(entry.progress), 10)}`,
    );
  }
  lines.push(
    '  (progress: how far the baseline gets from a random guesser towards a perfect learner)',
  );
  return lines;
}

function lengthLines(report: ItemAuditReport): string[] {
  const lines = [
    'KEY LENGTH POSITION (share of keys; ties split)',
    `  ${pad('', 22)}${LENGTH_POSITIONS.map((position) => padStart(position, 16)).join('')}`,
  ];
  for (const kind of ITEM_KINDS) {
    const spread = report.lengths[kind];
    lines.push(
      `  ${pad(`${KIND_NAMES[kind]} (${spread.items})`, 22)}${LENGTH_POSITIONS.map((position) => padStart(percent(spread.shares[position]), 16)).join('')}`,
      `  ${pad('  if keys were random', 22)}${LENGTH_POSITIONS.map((position) => padStart(percent(spread.chance[position]), 16)).join('')}`,
    );
  }
  return lines;
}

function cueLines(report: ItemAuditReport, gates: ItemAuditGates): string[] {
  const lines = [
    `CUE LIFTS (P(key | cue) ÷ P(key); cues on ≥ ${gates.cues.minSupport} options; * = predictive, fails the gate; length positions are judged by the length gate)`,
  ];
  for (const kind of ITEM_KINDS) {
    const cues = report.cues[kind];
    const base = cues[0]?.baseRate ?? 0;
    lines.push(
      `  ${KIND_NAMES[kind]} (P(key) = ${percent(base)})`,
      `    ${pad('cue', 58)}${padStart('options', 8)}${padStart('keys', 6)}${padStart('P(key)', 8)}${padStart('lift', 7)}`,
    );
    const shown = cues
      .filter((cue) => cue.support >= gates.cues.minSupport)
      .sort(
        (a, b) =>
          Number(b.predictive) - Number(a.predictive) ||
          Math.abs(Math.log(b.lift || 1e-3)) - Math.abs(Math.log(a.lift || 1e-3)),
      );
    for (const cue of shown) {
      lines.push(
        `  ${cue.predictive ? '* ' : '  '}${pad(cue.label.slice(0, 57), 58)}${padStart(String(cue.support), 8)}${padStart(String(cue.keys), 6)}` +
          `${padStart(percent(cue.rate), 8)}${padStart(cue.lift.toFixed(2), 7)}`,
      );
    }
    const rare = cues.length - shown.length;
    if (rare > 0) lines.push(`    (${rare} cues on fewer options are in --json)`);
  }
  return lines;
}

function structureLines(report: ItemAuditReport): string[] {
  const { structure } = report;
  const lines = [
    'SCENARIO STRUCTURE',
    `  two or more defensible options: ${percent(structure.dilemmaShare)} of ${structure.decisions.length} decisions; with partial credit: ${percent(structure.partialCreditShare)}`,
    `  (decision, skill) pairs with no positive option: ${structure.missingPositive.length}`,
    `  ${pad('scenario', 28)}${padStart('decisions', 10)}${padStart('dilemmas', 10)}${padStart('no +', 6)}  weak-option archetypes (options)`,
  ];
  for (const scenario of structure.archetypes.scenarios) {
    const shapes = structure.decisions.filter((shape) => shape.group === scenario.scenario);
    const missing = structure.missingPositive.filter((entry) =>
      entry.label.startsWith(`${scenario.scenario}/`),
    ).length;
    lines.push(
      `  ${pad(scenario.scenario, 28)}${padStart(String(shapes.length), 10)}${padStart(String(shapes.filter((shape) => shape.dilemma).length), 10)}${padStart(String(missing), 6)}  ` +
        Object.entries(scenario.archetypes)
          .filter(([, count]) => count > 0)
          .map(([archetype, count]) => `${archetype} ${count}`)
          .join(', '),
    );
  }
  lines.push(
    '  archetype prevalence (scenarios whose weak options include it):',
    ...structure.archetypes.prevalence.map(
      (entry) =>
        `    ${pad(entry.label, 48)}${padStart(`${entry.scenarios}/${structure.archetypes.scenarios.length}`, 6)}${padStart(percent(entry.share), 8)}`,
    ),
    `  mean pairwise similarity of scenarios' archetype sets (Jaccard): ${structure.archetypes.meanSimilarity.toFixed(2)}`,
  );
  return lines;
}

export interface FormatOptions {
  /** Only these items, with notes as well as trips (a writer's view of one file). */
  focus?: (item: ItemReport) => boolean;
}

export function formatReport(
  report: ItemAuditReport,
  gates: ItemAuditGates,
  options: FormatOptions = {},
): string {
  const { counts } = report;
  const lines = [
    `Item audit: ${counts.checks} knowledge-check items in ${counts.lessons} lessons; ${counts.decisions} decisions as offered (${counts.decisionPoints} decision points) in ${counts.scenarios} scenarios.`,
    '',
  ];
  if (options.focus) {
    const items = report.items.filter(options.focus);
    lines.push(...fileSummary(items), '');
    for (const item of items) lines.push(...itemLines(item, true));
    lines.push('', ...formatGates(report));
    return lines.join('\n');
  }
  lines.push(
    ...formatGates(report),
    '',
    ...baselineLines(report),
    '',
    ...learnerLines(report),
    '',
    ...lengthLines(report),
    '',
    ...cueLines(report, gates),
    '',
    ...structureLines(report),
    '',
  );
  const tripping = report.items.filter((item) =>
    item.findings.some((finding) => finding.severity === 'trip'),
  );
  lines.push(`ITEMS THAT TRIP A GATE (${tripping.length} of ${report.items.length})`);
  for (const item of tripping) lines.push(...itemLines(item, false));
  return lines.join('\n');
}

/** Counts for one file's items: what a writer needs to see at a glance. */
export function fileSummary(items: readonly ItemReport[]): string[] {
  if (items.length === 0) return ['No items match.'];
  const byFile = new Map<string, ItemReport[]>();
  for (const item of items) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  const lines: string[] = [];
  for (const [file, fileItems] of byFile) {
    const judged = fileItems.filter((item) => item.baselineCorrect !== undefined);
    const found = judged.filter((item) => item.baselineCorrect).length;
    const positions = LENGTH_POSITIONS.map(
      (position) =>
        `${position} ${fileItems
          .reduce((sum, item) => sum + (item.keyPosition[position] ?? 0), 0)
          .toFixed(1)
          .replace(/\.0$/, '')}`,
    ).join(', ');
    lines.push(
      `${file}: ${fileItems.length} ${fileItems[0]!.kind === 'check' ? 'checks' : 'decisions'}; the answer-only model finds ${found} of ${judged.length} keys; keys by length: ${positions}`,
    );
    const byGate = new Map<GateId, number>();
    for (const item of fileItems)
      for (const finding of item.findings)
        if (finding.severity === 'trip' && finding.gate)
          byGate.set(finding.gate, (byGate.get(finding.gate) ?? 0) + 1);
    if (byGate.size)
      lines.push(
        `  trips: ${[...byGate.entries()].map(([gate, count]) => `${gate} ${count}`).join(', ')}`,
      );
  }
  return lines;
}

/** A markdown worklist per file: what each writer must fix (`npm run audit:items -- --worklist`). */
export function formatWorklist(report: ItemAuditReport): string {
  const lines: string[] = [
    'Cue names: `only:X` = the only option in its item with X; `only-without:X` = the only one without it.',
    CUES.map((cue) => `\`${cue.id}\` ${cue.label}`).join('; '),
    '',
  ];
  const files = [...new Set(report.items.map((item) => item.file))].sort();
  for (const file of files) {
    const items = report.items.filter((item) => item.file === file);
    const judged = items.filter((item) => item.baselineCorrect !== undefined);
    const found = judged.filter((item) => item.baselineCorrect).length;
    lines.push(`### ${file}`, '');
    const positions = LENGTH_POSITIONS.map((position) => ({
      position,
      count: items.reduce((sum, item) => sum + (item.keyPosition[position] ?? 0), 0),
    }))
      .filter((entry) => entry.count > 0)
      .map((entry) => `${entry.position} ${entry.count.toFixed(1).replace(/\.0$/, '')}`)
      .join(', ');
    if (items[0]!.kind === 'check') {
      lines.push(
        `- Answer-only model finds ${found} of ${judged.length} keys. Keys by length: ${positions}.`,
      );
    } else {
      const shapes = report.structure.decisions.filter((shape) => shape.group === items[0]!.group);
      const dilemmas = shapes.filter((shape) => shape.dilemma).length;
      const missing = report.structure.missingPositive.filter((entry) =>
        entry.label.startsWith(`${items[0]!.group}/`),
      );
      const archetypes = report.structure.archetypes.scenarios.find(
        (entry) => entry.scenario === items[0]!.group,
      );
      lines.push(
        `- Answer-only model finds ${found} of ${judged.length} best options. Best by length: ${positions}.`,
        `- Decisions with two or more defensible options: ${dilemmas} of ${shapes.length}.`,
      );
      if (missing.length)
        lines.push(
          `- Skills coded with no positive option: ${missing.map((entry) => `${entry.label.slice(items[0]!.group.length + 1)} ${entry.skill} [${entry.codes.join(', ')}]`).join('; ')}.`,
        );
      if (archetypes)
        lines.push(
          `- Weak-option archetypes: ${
            Object.entries(archetypes.archetypes)
              .filter(([, count]) => count > 0)
              .map(([archetype, count]) => `${archetype} ${count}`)
              .join(', ') || 'none tagged'
          }.`,
        );
    }
    for (const item of items) {
      const trips = item.findings.filter((finding) => finding.severity === 'trip');
      if (trips.length === 0) continue;
      lines.push(
        `- \`${item.label.slice(item.group.length + 1)}\`${item.line ? ` (line ${item.line})` : ''}: ${trips.map((trip) => trip.brief ?? trip.message).join('; ')}.`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
