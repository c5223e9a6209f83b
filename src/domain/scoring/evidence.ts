import {
  type ActivityRecord,
  type CheckRecord,
  type ChoiceRecord,
  type ObservationRecord,
} from '../activity/record';
import { assertNever } from '../activity/kinds';
import {
  availableChoices,
  choose,
  isEnding,
  startPosition,
  ScenarioRuntimeError,
  type Position,
} from '../scenario/runtime';
import { CODE_SPAN, type Choice, type FlagKind, type ScenarioCore } from '../scenario/schema';
import type { ScoringConfig } from './config';
import type { EvidenceUnit } from './statistics';

/** The published content the engine resolves records against. */
export interface ScoringContent {
  /** The scenario at that version, or the current one if the version is unknown or omitted. */
  scenario(id: string, version?: string): ScenarioCore | undefined;
  checkItem(
    lessonId: string,
    itemId: string,
  ): { skill: string; options: { id: string; correct: boolean }[] } | undefined;
}

export type EvidenceSource = 'assessment' | 'practice' | 'check' | 'observation';

/** One piece of evidence about one skill, with where it came from and why. */
export interface EvidenceItem extends EvidenceUnit {
  recordId: string;
  skill: string;
  source: EvidenceSource;
  /** The teaching rationale (scenario choices) or the option's feedback (checks). */
  rationale: string;
  scenarioId?: string;
  nodeId?: string;
  choiceId?: string;
  choiceText?: string;
  /** Ids of the options on offer at the decision (for item analysis). */
  offered?: readonly string[];
  code?: number;
  best?: number;
  worst?: number;
  lessonId?: string;
  itemId?: string;
  optionId?: string;
  /** Options of the check item (m in the guessing correction). */
  optionCount?: number;
  correct?: boolean;
}

export interface FlagItem {
  recordId: string;
  time: number;
  scenarioId: string;
  nodeId: string;
  choiceId: string;
  choiceText: string;
  kind: FlagKind;
  why: string;
}

export interface RejectedRecord {
  recordId: string;
  reason: string;
}

export interface Extraction {
  evidence: EvidenceItem[];
  flags: FlagItem[];
  rejected: RejectedRecord[];
}

/**
 * Evidence from one decision, per skill at stake among the options actually offered:
 * y = (e − e_min) / (e_max − e_min), strength w = r · (e_max − e_min) / span, where the span
 * is the code range's width (MAX_CODE − MIN_CODE = 6).
 */
export function decisionEvidence(
  offered: readonly Choice[],
  chosen: Choice,
  sourceWeight: number,
): {
  skill: string;
  y: number;
  w: number;
  code: number;
  best: number;
  worst: number;
  why: string;
}[] {
  const skills = [...new Set(offered.flatMap((choice) => Object.keys(choice.evidence)))];
  return skills.flatMap((skill) => {
    const codes = offered.map((choice) => choice.evidence[skill]?.code ?? 0);
    const best = Math.max(...codes);
    const worst = Math.min(...codes);
    if (best === worst) return []; // every option equal for this skill: no information
    const code = chosen.evidence[skill]?.code ?? 0;
    return [
      {
        skill,
        y: (code - worst) / (best - worst),
        w: (sourceWeight * (best - worst)) / CODE_SPAN,
        code,
        best,
        worst,
        why: chosen.evidence[skill]?.why ?? '',
      },
    ];
  });
}

/**
 * Evidence from a knowledge-check answer to an m-option item, corrected for guessing (see
 * ScoringConfig.checkScoring): by default the formula score — right y = 1, wrong
 * y = −1/(m − 1), weight r — so that E[y] = P(knows the answer).
 */
export function checkEvidence(
  options: readonly { id: string; correct: boolean }[],
  optionId: string,
  sourceWeight: number,
  rule: ScoringConfig['checkScoring'] = 'formula',
): { y: number; w: number; correct: boolean } | undefined {
  const option = options.find((candidate) => candidate.id === optionId);
  if (!option) return undefined;
  const m = options.length;
  if (rule === 'weight')
    return option.correct
      ? { y: 1, w: (1 - 1 / m) * sourceWeight, correct: true }
      : { y: 0, w: sourceWeight, correct: false };
  return option.correct
    ? { y: 1, w: sourceWeight, correct: true }
    : { y: m > 1 ? -1 / (m - 1) : 0, w: sourceWeight, correct: false };
}

const timeOf = (record: { at: string }) => Date.parse(record.at);
const byTime = <T extends { at: string; id: string }>(a: T, b: T) =>
  timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Splits a learner's choice records into runs (attempts). With attempt ids, one run per id;
 * without (the CLI), a new run starts whenever a choice cannot follow the previous one but
 * can start the scenario afresh.
 */
export function groupRuns(
  records: readonly ChoiceRecord[],
  content: ScoringContent,
): ChoiceRecord[][] {
  const runs = new Map<string, ChoiceRecord[]>();
  const sorted = [...records].sort(byTime);
  const inferred = new Map<string, { run: ChoiceRecord[]; position?: Position }>();
  let counter = 0;
  for (const record of sorted) {
    if (record.attemptId) {
      const key = `attempt:${record.attemptId}`;
      runs.set(key, [...(runs.get(key) ?? []), record]);
      continue;
    }
    const scenario = content.scenario(record.scenarioId, record.version);
    const current = inferred.get(record.scenarioId);
    const follows =
      current?.position &&
      current.position.node === record.nodeId &&
      !(scenario && isEnding(scenario, current.position));
    if (current && follows && scenario) {
      current.run.push(record);
      current.position = tryChoose(scenario, current.position!, record.choiceId);
      continue;
    }
    const run = [record];
    runs.set(`inferred:${record.scenarioId}:${counter++}`, run);
    let position: Position | undefined;
    if (scenario) {
      try {
        position = tryChoose(scenario, startPosition(scenario).position, record.choiceId);
      } catch {
        position = undefined;
      }
    }
    inferred.set(record.scenarioId, { run, position });
  }
  return [...runs.values()];
}

function tryChoose(
  scenario: ScenarioCore,
  position: Position,
  choiceId: string,
): Position | undefined {
  try {
    return choose(scenario, position, choiceId).position;
  } catch {
    return undefined;
  }
}

/** Replays one attempt's choices from the start, turning each that follows into evidence. */
export function extractRun(
  run: readonly ChoiceRecord[],
  content: ScoringContent,
  config: ScoringConfig,
): Extraction {
  const result: Extraction = { evidence: [], flags: [], rejected: [] };
  const first = run[0];
  if (!first) return result;
  const scenario = content.scenario(first.scenarioId, first.version);
  if (!scenario) {
    result.rejected.push(
      ...run.map((record) => ({
        recordId: record.id,
        reason: `unknown scenario "${record.scenarioId}"`,
      })),
    );
    return result;
  }
  const runKey = `run:${first.attemptId ?? first.id}`;
  let position: Position;
  try {
    position = startPosition(scenario).position;
  } catch (error) {
    const reason = error instanceof ScenarioRuntimeError ? error.message : String(error);
    result.rejected.push(...run.map((record) => ({ recordId: record.id, reason })));
    return result;
  }
  for (const record of run) {
    if (record.nodeId !== position.node) {
      result.rejected.push({
        recordId: record.id,
        reason: `decision at "${record.nodeId}" does not follow the attempt's previous step (expected "${position.node}")`,
      });
      continue;
    }
    const offered = availableChoices(scenario, position);
    const chosen = offered.find((choice) => choice.id === record.choiceId);
    if (!chosen) {
      result.rejected.push({
        recordId: record.id,
        reason: `choice "${record.choiceId}" is not on offer at "${record.nodeId}"`,
      });
      continue;
    }
    const weight = config.weights[record.mode];
    const time = timeOf(record);
    const evidence = decisionEvidence(offered, chosen, weight);
    const offeredIds = evidence.length > 0 ? offered.map((choice) => choice.id) : [];
    for (const item of evidence) {
      result.evidence.push({
        recordId: record.id,
        run: runKey,
        format: 'choice',
        cap: config.runCap,
        time,
        source: record.mode,
        scenarioId: scenario.id,
        nodeId: record.nodeId,
        choiceId: chosen.id,
        choiceText: chosen.text,
        offered: offeredIds,
        skill: item.skill,
        y: item.y,
        w: item.w,
        code: item.code,
        best: item.best,
        worst: item.worst,
        rationale: item.why,
      });
    }
    if (chosen.flag) {
      result.flags.push({
        recordId: record.id,
        time,
        scenarioId: scenario.id,
        nodeId: record.nodeId,
        choiceId: chosen.id,
        choiceText: chosen.text,
        kind: chosen.flag.kind,
        why: chosen.flag.why,
      });
    }
    position = choose(scenario, position, chosen.id).position;
  }
  return result;
}

/** Evidence from a knowledge-check answer, or why it is none. */
function checkAnswerEvidence(
  record: CheckRecord,
  content: ScoringContent,
  config: ScoringConfig,
): EvidenceItem | RejectedRecord {
  const item = content.checkItem(record.lessonId, record.itemId);
  const scored =
    item && checkEvidence(item.options, record.optionId, config.weights.check, config.checkScoring);
  if (!item || !scored) {
    return {
      recordId: record.id,
      reason: item
        ? `option "${record.optionId}" is not in ${record.lessonId}#${record.itemId}`
        : `unknown check item ${record.lessonId}#${record.itemId}`,
    };
  }
  // Answering the same item again (after seeing its feedback) shares one answer's weight.
  return {
    recordId: record.id,
    run: `check:${record.lessonId}#${record.itemId}`,
    format: 'check',
    cap: config.weights.check,
    time: timeOf(record),
    source: 'check',
    skill: item.skill,
    y: scored.y,
    w: scored.w,
    lessonId: record.lessonId,
    itemId: record.itemId,
    optionId: record.optionId,
    optionCount: item.options.length,
    correct: scored.correct,
    rationale: '',
  };
}

/** Evidence from a supervisor's observation, or why it is none. */
function observationEvidence(record: ObservationRecord): EvidenceItem | RejectedRecord {
  if (!(record.y >= 0 && record.y <= 1) || !(record.w > 0)) {
    return {
      recordId: record.id,
      reason: 'an observation needs a score y in [0, 1] and a weight w > 0',
    };
  }
  return {
    recordId: record.id,
    run: `observation:${record.id}`,
    format: 'observation',
    cap: Number.POSITIVE_INFINITY,
    time: timeOf(record),
    source: 'observation',
    skill: record.skill,
    y: record.y,
    w: record.w,
    rationale: record.note ?? '',
  };
}

/**
 * Turns every record into evidence; bad records are reported and skipped, the rest still
 * count. Completions and self-ratings are not evidence (a completion is derived from the
 * choices; a self-rating is shown beside the estimate, never in it).
 */
export function extractEvidence(
  records: readonly ActivityRecord[],
  content: ScoringContent,
  config: ScoringConfig,
): Extraction {
  const result: Extraction = { evidence: [], flags: [], rejected: [] };
  const choices: ChoiceRecord[] = [];
  const file = (outcome: EvidenceItem | RejectedRecord) => {
    if ('reason' in outcome) result.rejected.push(outcome);
    else result.evidence.push(outcome);
  };
  for (const record of records) {
    switch (record.kind) {
      case 'choice':
        choices.push(record); // replayed per attempt below
        break;
      case 'check':
        file(checkAnswerEvidence(record, content, config));
        break;
      case 'observation':
        file(observationEvidence(record));
        break;
      case 'completion':
      case 'self-rating':
        break;
      default:
        assertNever(record, 'kind of record');
    }
  }
  const fromChoices: Extraction = { evidence: [], flags: [], rejected: [] };
  for (const run of groupRuns(choices, content)) {
    const extracted = extractRun(run, content, config);
    for (const unit of extracted.evidence) fromChoices.evidence.push(unit);
    for (const flag of extracted.flags) fromChoices.flags.push(flag);
    for (const rejection of extracted.rejected) fromChoices.rejected.push(rejection);
  }
  // Choices first, as the engine has always listed them (the evidence is sorted by time below).
  // concat, not unshift(...spread): a spread of a quarter-million items overflows the stack.
  result.evidence = fromChoices.evidence.concat(result.evidence);
  result.flags = fromChoices.flags.concat(result.flags);
  result.rejected = fromChoices.rejected.concat(result.rejected);
  result.evidence.sort(
    (a, b) => a.time - b.time || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
  );
  return result;
}
