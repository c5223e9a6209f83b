import type { PlayMode } from '../../domain/scenario/scenarioMachine';

/**
 * What the browser records about a learner's practice. Records say what happened (which
 * option was chosen), never a score: scores are derived from the published content by the
 * scoring engine, in the browser and on the server alike.
 */

/** The scenario player's two modes (see src/domain/scenario/scenarioMachine.ts). */
export type PracticeMode = PlayMode;

interface RecordBase {
  /** Client-made UUID: the record's identity everywhere, so a retried sync never duplicates. */
  id: string;
  /** ISO 8601 time the learner acted. */
  at: string;
}

/** An answer to one knowledge-check item. */
export interface CheckAnswerRecord extends RecordBase {
  kind: 'check';
  lessonId: string;
  itemId: string;
  optionId: string;
}

/** One decision in a scenario attempt. */
export interface ScenarioChoiceRecord extends RecordBase {
  kind: 'choice';
  attemptId: string;
  scenarioId: string;
  /** Content version hash of the scenario the learner played. */
  version: string;
  nodeId: string;
  choiceId: string;
  mode: PracticeMode;
  /**
   * The decision's place in the attempt: 1 + the recorded choices before it. The server
   * stores an attempt's records in this order, whatever order they arrive in. Absent on
   * records made before sequence numbers existed (the sync derives it from their order).
   */
  seq?: number;
}

/** A scenario attempt reaching an ending. */
export interface ScenarioCompletionRecord extends RecordBase {
  kind: 'completion';
  attemptId: string;
  scenarioId: string;
  version: string;
  endingId: string;
  mode: PracticeMode;
  /** The attempt's recorded choices + 1: the completion follows its last decision. */
  seq?: number;
}

/** A learner's rating of their own skill, 1–5 (shown beside the measured estimate). */
export interface SelfRatingRecord extends RecordBase {
  kind: 'self-rating';
  skillId: string;
  rating: number;
}

export type ProgressRecord =
  CheckAnswerRecord | ScenarioChoiceRecord | ScenarioCompletionRecord | SelfRatingRecord;

export type ProgressRecordKind = ProgressRecord['kind'];

/** A record as the caller hands it in: id and time are filled in by the recorder. */
export type NewProgressRecord = ProgressRecord extends infer R
  ? R extends ProgressRecord
    ? Omit<R, 'id' | 'at'> & Partial<Pick<R, 'id' | 'at'>>
    : never
  : never;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** More decisions than any scenario has, and the server's limit (activity_events.seq). */
export const MAX_SEQ = 1000;

export function isSequenceNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SEQ;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Checks the shape of a record (used for imports, where the file may be hand-edited or
 * from another version). Returns the problem, or undefined when the record is sound.
 */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const record = value as Record<string, unknown>;
  if (!isUuid(record.id)) return 'id is not a UUID';
  if (!nonEmpty(record.at) || Number.isNaN(Date.parse(record.at))) return 'at is not a date';
  switch (record.kind) {
    case 'check':
      return ['lessonId', 'itemId', 'optionId'].find((key) => !nonEmpty(record[key]))
        ? 'check answer lacks lessonId, itemId or optionId'
        : undefined;
    case 'choice':
    case 'completion': {
      const keys =
        record.kind === 'choice'
          ? ['scenarioId', 'version', 'nodeId', 'choiceId']
          : ['scenarioId', 'version', 'endingId'];
      if (!isUuid(record.attemptId)) return 'attemptId is not a UUID';
      if (keys.some((key) => !nonEmpty(record[key])))
        return `${record.kind} lacks ${keys.join(', ')}`;
      if (record.mode !== 'practice' && record.mode !== 'assessment')
        return 'mode must be practice or assessment';
      if (record.seq !== undefined && !isSequenceNumber(record.seq))
        return `seq must be a whole number from 1 to ${MAX_SEQ}`;
      return undefined;
    }
    case 'self-rating':
      return nonEmpty(record.skillId) &&
        typeof record.rating === 'number' &&
        Number.isInteger(record.rating) &&
        record.rating >= 1 &&
        record.rating <= 5
        ? undefined
        : 'self-rating needs a skillId and a whole rating from 1 to 5';
    default:
      return `unknown kind ${JSON.stringify(record.kind)}`;
  }
}
