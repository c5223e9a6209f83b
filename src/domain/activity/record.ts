import { z } from 'zod';
import { MAX_SEQ, PLAY_MODES } from './kinds';

/**
 * The activity record: what happened — a check answer, a scenario decision, an attempt
 * reaching its ending, a supervisor's observation, a learner's self-rating — never a score.
 * This is its one definition; the IndexedDB record (browser-record.ts), the database row
 * (event-row.ts) and the JSON-lines form (json-lines.ts) are codecs of it, and every consumer
 * switches over `kind` exhaustively (assertNever), so a new kind is a compile error wherever
 * it must be handled.
 */

const nonEmpty = (error: string) => z.string({ error }).min(1, { error });
const isoTime = z
  .string({ error: 'at is not a date' })
  .refine((value) => value.length > 0 && !Number.isNaN(Date.parse(value)), {
    error: 'at is not a date',
  });

const playMode = z.enum(PLAY_MODES, { error: 'mode must be practice or assessment' });
const seq = z
  .number({ error: `seq must be a whole number from 1 to ${MAX_SEQ}` })
  .int({ error: `seq must be a whole number from 1 to ${MAX_SEQ}` })
  .min(1, { error: `seq must be a whole number from 1 to ${MAX_SEQ}` })
  .max(MAX_SEQ, { error: `seq must be a whole number from 1 to ${MAX_SEQ}` });

/** Every record's identity (unique everywhere, so a retry never duplicates) and time. */
const base = {
  id: nonEmpty('id is missing'),
  /** ISO 8601 time the learner acted (or the supervisor observed). */
  at: isoTime,
};

const lacksCheck = 'check answer lacks lessonId, itemId or optionId';
/** An answer to one knowledge-check item. */
export const checkRecordSchema = z.object({
  kind: z.literal('check'),
  ...base,
  lessonId: nonEmpty(lacksCheck),
  itemId: nonEmpty(lacksCheck),
  optionId: nonEmpty(lacksCheck),
});

const lacksChoice = 'choice lacks scenarioId, version, nodeId, choiceId';
/** One decision in a scenario attempt. */
export const choiceRecordSchema = z.object({
  kind: z.literal('choice'),
  ...base,
  /** The attempt it belongs to; omitted by some sources (the CLI): runs are then inferred. */
  attemptId: nonEmpty('attemptId is missing').optional(),
  scenarioId: nonEmpty(lacksChoice),
  /** Content version hash of the scenario played; omitted: the current version. */
  version: nonEmpty(lacksChoice).optional(),
  nodeId: nonEmpty(lacksChoice),
  choiceId: nonEmpty(lacksChoice),
  mode: playMode,
  /**
   * The decision's place in the attempt: 1 + the recorded choices before it. The server
   * stores an attempt's records in this order, whatever order they arrive in. Absent on
   * records made before sequence numbers existed (the sync derives it from their order).
   */
  seq: seq.optional(),
});

const lacksCompletion = 'completion lacks scenarioId, version, endingId';
/** A scenario attempt reaching an ending (a confirmation: the server derives completion). */
export const completionRecordSchema = z.object({
  kind: z.literal('completion'),
  ...base,
  attemptId: nonEmpty('attemptId is missing'),
  scenarioId: nonEmpty(lacksCompletion),
  version: nonEmpty(lacksCompletion),
  endingId: nonEmpty(lacksCompletion),
  mode: playMode,
  /** The attempt's recorded choices + 1: the completion follows its last decision. */
  seq: seq.optional(),
});

/**
 * A supervisor's observation of real work: a score y in [0, 1] with weight w (the scoring
 * model's names; the database's `score` and `weight`).
 */
export const observationRecordSchema = z.object({
  kind: z.literal('observation'),
  ...base,
  skill: nonEmpty('observation lacks skill'),
  y: z.number().min(0).max(1),
  w: z.number().gt(0),
  note: z.string().optional(),
});

/** A learner's rating of their own skill, 1–5 (shown beside the measured estimate). */
export const selfRatingRecordSchema = z.object({
  kind: z.literal('self-rating'),
  ...base,
  skillId: nonEmpty('self-rating needs a skillId and a whole rating from 1 to 5'),
  rating: z
    .number({ error: 'self-rating needs a skillId and a whole rating from 1 to 5' })
    .int({ error: 'self-rating needs a skillId and a whole rating from 1 to 5' })
    .min(1, { error: 'self-rating needs a skillId and a whole rating from 1 to 5' })
    .max(5, { error: 'self-rating needs a skillId and a whole rating from 1 to 5' }),
});

const unknownKind = (input: unknown) =>
  `unknown kind ${JSON.stringify((input as { kind?: unknown } | null)?.kind)}`;

/** Every kind of record. To add one: add its schema here and follow the compiler. */
export const activityRecordSchema = z.discriminatedUnion(
  'kind',
  [
    checkRecordSchema,
    choiceRecordSchema,
    completionRecordSchema,
    observationRecordSchema,
    selfRatingRecordSchema,
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? unknownKind(issue.input) : undefined) },
);

export type ActivityRecord = z.infer<typeof activityRecordSchema>;
export type ActivityKind = ActivityRecord['kind'];
export type RecordOfKind<K extends ActivityKind> = Extract<ActivityRecord, { kind: K }>;

export type CheckRecord = RecordOfKind<'check'>;
export type ChoiceRecord = RecordOfKind<'choice'>;
export type CompletionRecord = RecordOfKind<'completion'>;
export type ObservationRecord = RecordOfKind<'observation'>;
export type SelfRatingRecord = RecordOfKind<'self-rating'>;
