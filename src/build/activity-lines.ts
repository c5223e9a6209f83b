import type { ActivityRecord } from '../domain/scoring/evidence';

type Parsed = { learner: string; record: ActivityRecord } | { error: string };

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Parses one line of the scoring CLI's JSON-lines input into an activity record. */
export function parseActivityLine(
  line: string,
  lineNumber: number,
  skills: readonly string[],
): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'not a JSON object' };
  const input = value as Record<string, unknown>;
  if (!text(input.learner)) return { error: 'missing "learner"' };
  if (!text(input.time) || Number.isNaN(Date.parse(input.time)))
    return { error: '"time" must be an ISO date' };
  const id = text(input.id) ? input.id : `line-${lineNumber}`;
  const base = { id, at: new Date(Date.parse(input.time)).toISOString() };
  switch (input.kind) {
    case 'choice': {
      const missing = ['scenario', 'node', 'choice'].find((key) => !text(input[key]));
      if (missing) return { error: `choice: missing "${missing}"` };
      const mode = input.mode ?? 'assessment';
      if (mode !== 'practice' && mode !== 'assessment')
        return { error: 'choice: "mode" must be practice or assessment' };
      return {
        learner: input.learner,
        record: {
          kind: 'choice',
          ...base,
          scenarioId: input.scenario as string,
          nodeId: input.node as string,
          choiceId: input.choice as string,
          mode,
          ...(text(input.attempt) ? { attemptId: input.attempt } : {}),
        },
      };
    }
    case 'check': {
      const missing = ['lesson', 'item', 'option'].find((key) => !text(input[key]));
      if (missing) return { error: `check: missing "${missing}"` };
      return {
        learner: input.learner,
        record: {
          kind: 'check',
          ...base,
          lessonId: input.lesson as string,
          itemId: input.item as string,
          optionId: input.option as string,
        },
      };
    }
    case 'observation': {
      if (!text(input.skill) || !skills.includes(input.skill))
        return { error: `observation: unknown skill ${JSON.stringify(input.skill)}` };
      const { y, w } = input;
      if (typeof y !== 'number' || y < 0 || y > 1)
        return { error: 'observation: "y" must be a number in [0, 1]' };
      if (typeof w !== 'number' || !(w > 0))
        return { error: 'observation: "w" must be a positive number' };
      return {
        learner: input.learner,
        record: { kind: 'observation', ...base, skill: input.skill, y, w },
      };
    }
    default:
      return {
        error: `unknown kind ${JSON.stringify(input.kind)} (expected choice, check or observation)`,
      };
  }
}

/** One activity record as a line of the CLI's JSON-lines format (the inverse of parseActivityLine). */
export function formatActivityLine(learner: string, record: ActivityRecord): string {
  const base = { learner, id: record.id, time: record.at };
  switch (record.kind) {
    case 'choice':
      return JSON.stringify({
        kind: 'choice',
        ...base,
        scenario: record.scenarioId,
        node: record.nodeId,
        choice: record.choiceId,
        mode: record.mode,
        ...(record.attemptId ? { attempt: record.attemptId } : {}),
      });
    case 'check':
      return JSON.stringify({
        kind: 'check',
        ...base,
        lesson: record.lessonId,
        item: record.itemId,
        option: record.optionId,
      });
    case 'observation':
      return JSON.stringify({
        kind: 'observation',
        ...base,
        skill: record.skill,
        y: record.y,
        w: record.w,
      });
  }
}

export interface ActivityFile {
  /** Each learner's records, in file order. */
  byLearner: Map<string, ActivityRecord[]>;
  /** The line each record came from. */
  lineOf: Map<string, number>;
  /** Lines that could not be read, by number. */
  errors: { line: number; error: string }[];
}

/** Reads a whole JSON-lines activity file; bad lines are reported by number and skipped. */
export function readActivityLines(text: string, skills: readonly string[]): ActivityFile {
  const file: ActivityFile = { byLearner: new Map(), lineOf: new Map(), errors: [] };
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseActivityLine(line, index + 1, skills);
    if ('error' in parsed) {
      file.errors.push({ line: index + 1, error: parsed.error });
      return;
    }
    file.lineOf.set(parsed.record.id, index + 1);
    const records = file.byLearner.get(parsed.learner);
    if (records) records.push(parsed.record);
    else file.byLearner.set(parsed.learner, [parsed.record]);
  });
  return file;
}
