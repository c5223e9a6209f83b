import { activityRecordSchema, type ActivityKind, type ActivityRecord } from './record';
import { assertNever, PLAY_MODES } from './kinds';

/**
 * The JSON-lines codec: one record as one line of the activity files `npm run score` and
 * `npm run analyze:items` read and `npm run simulate:activity` writes (see the README).
 * The form carries evidence only, with short field names and a `learner` on every line.
 */

/** Whether each kind is written in the JSON-lines form (those that are not are not evidence). */
const IN_JSON_LINES = {
  check: true,
  choice: true,
  completion: false,
  observation: true,
  'self-rating': false,
} as const satisfies Record<ActivityKind, boolean>;

const LINE_KINDS = (Object.keys(IN_JSON_LINES) as ActivityKind[]).filter(
  (kind) => IN_JSON_LINES[kind],
);

export type ParsedLine = { learner: string; record: ActivityRecord } | { error: string };

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Parses one line into a learner's record; `skills` are the skills an observation may name. */
export function parseActivityLine(
  line: string,
  lineNumber: number,
  skills: readonly string[],
): ParsedLine {
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
  const base = {
    id: text(input.id) ? input.id : `line-${lineNumber}`,
    at: new Date(Date.parse(input.time)).toISOString(),
  };
  const kind = input.kind as ActivityKind;
  const unknown = {
    error: `unknown kind ${JSON.stringify(input.kind)} (expected ${LINE_KINDS.slice(0, -1).join(', ')} or ${LINE_KINDS.at(-1)})`,
  };
  if (!Object.hasOwn(IN_JSON_LINES, kind) || !IN_JSON_LINES[kind]) return unknown;
  let record: unknown;
  switch (kind) {
    case 'choice': {
      const missing = ['scenario', 'node', 'choice'].find((key) => !text(input[key]));
      if (missing) return { error: `choice: missing "${missing}"` };
      const mode = input.mode ?? 'assessment';
      if (!(PLAY_MODES as readonly unknown[]).includes(mode))
        return { error: `choice: "mode" must be ${PLAY_MODES.join(' or ')}` };
      record = {
        kind,
        ...base,
        scenarioId: input.scenario,
        nodeId: input.node,
        choiceId: input.choice,
        mode,
        ...(text(input.attempt) ? { attemptId: input.attempt } : {}),
      };
      break;
    }
    case 'check': {
      const missing = ['lesson', 'item', 'option'].find((key) => !text(input[key]));
      if (missing) return { error: `check: missing "${missing}"` };
      record = {
        kind,
        ...base,
        lessonId: input.lesson,
        itemId: input.item,
        optionId: input.option,
      };
      break;
    }
    case 'observation': {
      if (!text(input.skill) || !skills.includes(input.skill))
        return { error: `observation: unknown skill ${JSON.stringify(input.skill)}` };
      const { y, w } = input;
      if (typeof y !== 'number' || y < 0 || y > 1)
        return { error: 'observation: "y" must be a number in [0, 1]' };
      if (typeof w !== 'number' || !(w > 0))
        return { error: 'observation: "w" must be a positive number' };
      record = { kind, ...base, skill: input.skill, y, w };
      break;
    }
    case 'completion':
    case 'self-rating':
      return unknown;
    default:
      return assertNever(kind, 'kind of record');
  }
  const parsed = activityRecordSchema.safeParse(record);
  return parsed.success
    ? { learner: input.learner, record: parsed.data }
    : { error: `${kind}: ${parsed.error.issues[0]!.message}` };
}

/**
 * One record as a line (the inverse of parseActivityLine); undefined for kinds the form does
 * not carry (completions and self-ratings are not evidence).
 */
export function formatActivityLine(learner: string, record: ActivityRecord): string | undefined {
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
    case 'completion':
    case 'self-rating':
      return undefined;
    default:
      return assertNever(record, 'kind of record');
  }
}
