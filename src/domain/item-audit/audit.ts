import { runBaseline, type BaselineResult } from './baseline';
import { LENGTH_POSITIONS, lengthPositions, type LengthPosition } from './cues';
import { ITEM_AUDIT_GATES, type GateId, type ItemAuditGates } from './gates';
import { ITEM_KINDS, totalCode, type AuditItem, type ItemKind } from './items';
import {
  compareLearners,
  pickerFrom,
  type LearnerComparison,
  type LearnerLibrary,
} from './learner';
import { cueLifts, cuesOf, lengthSpread, type CueLift, type LengthSpread } from './lift';
import {
  archetypeSpread,
  decisionShape,
  type ArchetypeSpread,
  type DecisionShape,
} from './structure';

/** One thing a writer must fix in one item (`trip`), or a fact worth knowing (`note`). */
export interface Finding {
  severity: 'trip' | 'note';
  gate?: GateId;
  message: string;
  /** The same in a few words, for the per-file worklist. */
  brief?: string;
}

export interface ItemReport {
  label: string;
  kind: ItemKind;
  group: string;
  file: string;
  line?: number;
  id: string;
  keyPosition: Partial<Record<LengthPosition, number>>;
  baselinePick?: string;
  baselineCorrect?: boolean;
  keyProbability?: number;
  findings: Finding[];
}

export interface GateResult {
  id: GateId;
  title: string;
  pass: boolean;
  /** The figure the gate judges, in words. */
  figure: string;
  /** What fails, when it fails. */
  failures: string[];
  enforced: boolean;
}

export interface ItemAuditReport {
  counts: {
    lessons: number;
    checks: number;
    scenarios: number;
    decisions: number;
    decisionPoints: number;
  };
  baseline: Record<ItemKind, Omit<BaselineResult, 'predictions'>>;
  learner: LearnerComparison[];
  lengths: Record<ItemKind, LengthSpread>;
  cues: Record<ItemKind, CueLift[]>;
  structure: {
    decisions: DecisionShape[];
    dilemmaShare: number;
    partialCreditShare: number;
    missingPositive: { label: string; skill: string; codes: number[] }[];
    archetypes: ArchetypeSpread;
  };
  items: ItemReport[];
  gates: GateResult[];
}

export interface AuditInput extends LearnerLibrary {
  items: readonly AuditItem[];
  /** Line of an item in its file, for reports. */
  lineOf?: (item: AuditItem) => number | undefined;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const POSITION_NAMES: Record<LengthPosition, string> = {
  longest: 'longest',
  'second-longest': 'second-longest',
  'third-longest': 'third-longest',
  shortest: 'shortest',
};

function lengthFailures(spread: LengthSpread, gates: ItemAuditGates): string[] {
  const failures: string[] = [];
  for (const position of LENGTH_POSITIONS) {
    if (spread.shares[position] > gates.lengthRank.maxShare)
      failures.push(
        `${percent(spread.shares[position])} of keys are the ${POSITION_NAMES[position]} option (max ${percent(gates.lengthRank.maxShare)})`,
      );
  }
  if (spread.shares.longest < gates.lengthRank.minLongest)
    failures.push(
      `the key is the longest option in ${percent(spread.shares.longest)} of items (min ${percent(gates.lengthRank.minLongest)})`,
    );
  if (spread.shares.shortest < gates.lengthRank.minShortest)
    failures.push(
      `the key is the shortest option in ${percent(spread.shares.shortest)} of items (min ${percent(gates.lengthRank.minShortest)})`,
    );
  return failures;
}

const KIND_NAMES: Record<ItemKind, string> = { check: 'checks', decision: 'decisions' };

/** Runs the whole audit: pure, deterministic, and independent of where the content came from. */
export function auditItems(
  input: AuditInput,
  gates: ItemAuditGates = ITEM_AUDIT_GATES,
): ItemAuditReport {
  const { items } = input;
  const baselines = Object.fromEntries(
    ITEM_KINDS.map((kind) => [kind, runBaseline(items, kind, gates.baseline)]),
  ) as Record<ItemKind, BaselineResult>;
  const predictions = new Map(
    ITEM_KINDS.flatMap((kind) => baselines[kind].predictions).map((entry) => [entry.label, entry]),
  );
  const learner = compareLearners(
    input,
    items,
    pickerFrom(
      new Map([...predictions.values()].map((entry) => [entry.label, entry.pick])),
      gates.baseline.seed,
    ),
    { seed: gates.baseline.seed, randomRuns: gates.randomLearners },
  );
  const lengths = Object.fromEntries(
    ITEM_KINDS.map((kind) => [kind, lengthSpread(items, kind)]),
  ) as Record<ItemKind, LengthSpread>;
  const cues = Object.fromEntries(
    ITEM_KINDS.map((kind) => [kind, cueLifts(items, kind, gates.cues)]),
  ) as Record<ItemKind, CueLift[]>;

  const decisions = items.filter((item) => item.kind === 'decision');
  const shapes = decisions.map(decisionShape);
  const shapeOf = new Map(shapes.map((shape) => [shape.label, shape]));
  const missingPositive = shapes.flatMap((shape) =>
    shape.skills
      .filter((coding) => !coding.positive)
      .map((coding) => ({ label: shape.label, skill: coding.skill, codes: coding.codes })),
  );
  const dilemmaShare = shapes.length
    ? shapes.filter((shape) => shape.dilemma).length / shapes.length
    : 0;
  const partialCreditShare = shapes.length
    ? shapes.filter((shape) => shape.partialCredit).length / shapes.length
    : 0;
  const archetypes = archetypeSpread(shapes, 1);

  const gateResults: GateResult[] = [];
  const gate = (id: GateId, title: string, figure: string, failures: string[]) =>
    gateResults.push({
      id,
      title,
      pass: failures.length === 0,
      figure,
      failures,
      enforced: gates.ENFORCED.has(id),
    });
  for (const kind of ITEM_KINDS) {
    const result = baselines[kind];
    const limit = result.chance + gates.baselineMargin;
    gate(
      `baseline-${KIND_NAMES[kind]}` as GateId,
      `Answer-only baseline, ${KIND_NAMES[kind]}: at most chance + ${Math.round(gates.baselineMargin * 100)} points`,
      `${percent(result.accuracy)} of ${result.items} (chance ${percent(result.chance)}, limit ${percent(limit)})`,
      result.accuracy > limit + 1e-12
        ? [`the baseline picks the key in ${percent(result.accuracy)} (limit ${percent(limit)})`]
        : [],
    );
  }
  gate(
    'baseline-learner',
    `A learner who follows the baseline is "${gates.learnerStatus}" on every skill`,
    learner
      .map(
        (entry) => `${entry.skill} ${entry.baseline.status} (μ ${entry.baseline.mean.toFixed(2)})`,
      )
      .join(', '),
    learner
      .filter((entry) => entry.baseline.status !== gates.learnerStatus)
      .map(
        (entry) =>
          `${entry.skill}: ${entry.baseline.status}, μ ${entry.baseline.mean.toFixed(2)}, ${percent(entry.progress)} of the way from random to perfect`,
      ),
  );
  for (const kind of ITEM_KINDS) {
    const spread = lengths[kind];
    gate(
      `length-rank-${KIND_NAMES[kind]}` as GateId,
      `Key length position, ${KIND_NAMES[kind]}: none > ${percent(gates.lengthRank.maxShare)}, longest ≥ ${percent(gates.lengthRank.minLongest)}, shortest ≥ ${percent(gates.lengthRank.minShortest)}`,
      LENGTH_POSITIONS.map((position) => `${position} ${percent(spread.shares[position])}`).join(
        ', ',
      ),
      lengthFailures(spread, gates),
    );
  }
  for (const kind of ITEM_KINDS) {
    const predictive = cues[kind].filter((cue) => cue.predictive);
    gate(
      `cues-${KIND_NAMES[kind]}` as GateId,
      `No surface cue predicts the key, ${KIND_NAMES[kind]} (support ≥ ${gates.cues.minSupport}, lift outside ${gates.cues.minLift.toFixed(2)}–${gates.cues.maxLift.toFixed(2)}, 99% interval excludes the base rate)`,
      `${predictive.length} predictive of ${cues[kind].filter((cue) => cue.support >= gates.cues.minSupport).length} cues with enough support`,
      predictive.map(
        (cue) =>
          `${cue.label}: P(key) ${percent(cue.rate)} vs ${percent(cue.baseRate)} (lift ${cue.lift.toFixed(2)}, ${cue.support} options)`,
      ),
    );
  }
  gate(
    'positive-option',
    'Every skill coded at a decision has an option that codes it positive',
    `${missingPositive.length} (decision, skill) pairs without one`,
    missingPositive.map((entry) => `${entry.label} ${entry.skill} [${entry.codes.join(', ')}]`),
  );
  gate(
    'dilemmas',
    `At least ${percent(gates.minDilemmaShare)} of decisions offer two or more defensible options`,
    `${percent(dilemmaShare)} of ${shapes.length} decisions (partial credit in ${percent(partialCreditShare)})`,
    dilemmaShare < gates.minDilemmaShare
      ? [`${shapes.filter((shape) => shape.dilemma).length} of ${shapes.length} decisions`]
      : [],
  );
  const stock = archetypes.prevalence.filter((entry) =>
    gates.archetypes.stock.includes(entry.archetype),
  );
  gate(
    'archetype-spread',
    `No stock weak-option archetype in more than ${percent(gates.archetypes.maxScenarioShare)} of scenarios`,
    stock
      .filter((entry) => entry.scenarios > 0)
      .map((entry) => `${entry.archetype} ${entry.scenarios}/${archetypes.scenarios.length}`)
      .join(', '),
    stock
      .filter((entry) => entry.share > gates.archetypes.maxScenarioShare)
      .map(
        (entry) =>
          `${entry.label}: in ${entry.scenarios} of ${archetypes.scenarios.length} scenarios (${percent(entry.share)})`,
      ),
  );

  const cueById = Object.fromEntries(
    ITEM_KINDS.map((kind) => [kind, new Map(cues[kind].map((cue) => [cue.cue, cue]))]),
  ) as Record<ItemKind, Map<string, CueLift>>;

  const itemReports = items.map((item): ItemReport => {
    const findings: Finding[] = [];
    const kindName = KIND_NAMES[item.kind];
    const keys = item.options.filter((option) => option.key);
    const keyPosition: Partial<Record<LengthPosition, number>> = {};
    for (const key of keys) {
      const positions = lengthPositions(item, key);
      for (const position of LENGTH_POSITIONS)
        if (positions[position] > 0)
          keyPosition[position] = (keyPosition[position] ?? 0) + positions[position] / keys.length;
    }
    const prediction = predictions.get(item.label);
    if (prediction?.correct) {
      const drivers = prediction.drivers.map((driver) => driver.feature).join('; ');
      findings.push({
        severity: 'trip',
        gate: `baseline-${kindName}` as GateId,
        message: `the answer-only model picks the key "${prediction.pick}" (p ${prediction.keyProbability.toFixed(2)})${drivers ? `, led by: ${drivers}` : ''}`,
        brief: `model finds the key${drivers ? ` (${drivers})` : ''}`,
      });
    }
    const lengthGate = `length-rank-${kindName}` as GateId;
    const spread = lengths[item.kind];
    for (const [position, share] of Object.entries(keyPosition) as [LengthPosition, number][]) {
      const overQuota = spread.shares[position] > gates.lengthRank.maxShare;
      if (share > 0 && overQuota && item.options.some((option) => !option.key))
        findings.push({
          severity: 'trip',
          gate: lengthGate,
          message: `the key is the ${POSITION_NAMES[position]} option, the position ${percent(spread.shares[position])} of keys hold (max ${percent(gates.lengthRank.maxShare)})`,
          brief: `key ${POSITION_NAMES[position]}`,
        });
    }
    if (!findings.some((finding) => finding.gate === lengthGate) && keys.length > 0)
      findings.push({
        severity: 'note',
        message: `key length position: ${Object.keys(keyPosition).join('/')}`,
      });
    const cueGate = `cues-${kindName}` as GateId;
    const cueText = (cue: CueLift) => `${cue.label} (${percent(cue.rate)})`;
    const predictiveCues = (index: number, direction: 1 | -1) => {
      const found = cuesOf(item, index)
        .map((id) => cueById[item.kind].get(id))
        .filter(
          (cue): cue is CueLift =>
            !!cue?.predictive && (direction > 0 ? cue.lift > 1 : cue.lift < 1),
        );
      // "only option that X" says more than "X": drop the plain cue when both fire.
      return found.filter((cue) => !found.some((other) => other.cue === `only:${cue.cue}`));
    };
    keys.forEach((key) => {
      const found = predictiveCues(item.options.indexOf(key), 1);
      if (found.length)
        findings.push({
          severity: 'trip',
          gate: cueGate,
          message: `the key "${key.id}" carries cues that point to the key (P(key | cue) vs ${percent(cues[item.kind][0]?.baseRate ?? 0)}): ${found.map(cueText).join(', ')}`,
          brief: `key cues: ${found.map((cue) => cue.cue).join(', ')}`,
        });
    });
    const eliminable = item.options
      .map((option, index) => ({ option, found: option.key ? [] : predictiveCues(index, -1) }))
      .filter((entry) => entry.found.length > 0);
    if (eliminable.length)
      findings.push({
        severity: 'trip',
        gate: cueGate,
        message: `options a skimmer can eliminate unread: ${eliminable.map((entry) => `"${entry.option.id}" ${entry.found.map(cueText).join(', ')}`).join('; ')}`,
        brief: `eliminable: ${eliminable.map((entry) => `${entry.option.id} (${entry.found.map((cue) => cue.cue).join(', ')})`).join(', ')}`,
      });
    const shape = shapeOf.get(item.label);
    if (shape) {
      for (const coding of shape.skills.filter((entry) => !entry.positive))
        findings.push({
          severity: 'trip',
          gate: 'positive-option',
          message: `${coding.skill} is coded [${coding.codes.join(', ')}]: no option shows it, so avoiding the weak one earns full credit`,
          brief: `${coding.skill} [${coding.codes.join(', ')}] has no positive option`,
        });
      findings.push({
        severity: 'note',
        message: `${shape.defensible.length} defensible option(s)${shape.defensible.length ? ` (${shape.defensible.join(', ')})` : ''}${shape.partialCredit ? ', with partial credit' : ''}; sums ${item.options.map((option) => `${option.id} ${totalCode(option)}`).join(', ')}`,
      });
      const tagged = shape.weak.filter((weak) => weak.archetypes.length > 0);
      if (tagged.length > 0)
        findings.push({
          severity: 'note',
          message: `weak options: ${tagged.map((weak) => `${weak.id} (${weak.archetypes.join(', ')})`).join('; ')}`,
        });
    }
    return {
      label: item.label,
      kind: item.kind,
      group: item.group,
      file: item.file,
      line: input.lineOf?.(item),
      id: item.id,
      keyPosition,
      ...(prediction
        ? {
            baselinePick: prediction.pick,
            baselineCorrect: prediction.correct,
            keyProbability: prediction.keyProbability,
          }
        : {}),
      findings,
    };
  });

  return {
    counts: {
      lessons: new Set(items.filter((item) => item.kind === 'check').map((item) => item.group))
        .size,
      checks: items.filter((item) => item.kind === 'check').length,
      scenarios: new Set(decisions.map((item) => item.group)).size,
      decisions: decisions.length,
      decisionPoints: new Set(decisions.map((item) => `${item.group}/${item.id}`)).size,
    },
    baseline: Object.fromEntries(
      ITEM_KINDS.map((kind) => {
        const { predictions: _omitted, ...rest } = baselines[kind];
        return [kind, rest];
      }),
    ) as Record<ItemKind, Omit<BaselineResult, 'predictions'>>,
    learner,
    lengths,
    cues,
    structure: {
      decisions: shapes,
      dilemmaShare,
      partialCreditShare,
      missingPositive,
      archetypes,
    },
    items: itemReports,
    gates: gateResults,
  };
}
