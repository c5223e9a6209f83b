import { z } from 'zod';

/**
 * The activity record: what happened — a check answer, a scenario decision, an attempt
 * reaching its ending, a supervisor's observation, a learner's self-rating — never a score.
 * This is its one definition; the IndexedDB record (browser-record.ts), the database row
 * (event-row.ts) and the JSON-lines form (json-lines.ts) are codecs of it, and every consumer
 * switches over `kind` exhaustively (assertNever), so a new kind is a compile error wherever
 * it must be handled.
 */

/** The scenario player's two modes: practice (feedback, lighter evidence) or assessment. */
export const PLAY_MODES = ['practice', 'assessment'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];

/** More decisions than any scenario has, and the server's limit (activity_events.seq). */
export const MAX_SEQ = 1000;

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

/** The end of an exhaustive switch: a kind that reaches it is a compile error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/**
 * What each kind is, as data: who makes it, how it reaches the server, whether it is
 * evidence. `satisfies` makes a new kind without an entry a compile error.
 */
export interface ActivityKindTraits {
  /** The learner (in the browser) or their supervisor (straight to the server). */
  recordedBy: 'learner' | 'supervisor';
  /**
   * How it reaches the server: the learner's outbox through `record_activity`, a
   * supervisor's insert, or never (it stays in the browser).
   */
  delivery: 'outbox' | 'supervisor-insert' | 'browser-only';
  /** The scoring engine turns it into evidence. */
  evidence: boolean;
  /** A step of a scenario attempt: ordered by `seq` within its attempt. */
  attemptStep: boolean;
  /** What the learner is told the record was (e.g. when the server refused it). */
  label: string;
}

export const ACTIVITY_KINDS = {
  check: {
    recordedBy: 'learner',
    delivery: 'outbox',
    evidence: true,
    attemptStep: false,
    label: 'A knowledge-check answer',
  },
  choice: {
    recordedBy: 'learner',
    delivery: 'outbox',
    evidence: true,
    attemptStep: true,
    label: 'A scenario decision',
  },
  completion: {
    recordedBy: 'learner',
    delivery: 'outbox',
    evidence: false,
    attemptStep: true,
    label: 'A finished scenario',
  },
  observation: {
    recordedBy: 'supervisor',
    delivery: 'supervisor-insert',
    evidence: true,
    attemptStep: false,
    label: 'An observation of your practice',
  },
  'self-rating': {
    recordedBy: 'learner',
    delivery: 'browser-only',
    evidence: false,
    attemptStep: false,
    label: 'A self-rating',
  },
} as const satisfies Record<ActivityKind, ActivityKindTraits>;

type Traits = typeof ACTIVITY_KINDS;
type KindsWhere<P extends keyof ActivityKindTraits, V> = {
  [K in ActivityKind]: Traits[K][P] extends V ? K : never;
}[ActivityKind];

/** Kinds the database stores (its `kind` check constraint lists exactly these). */
export type ServerKind = Exclude<ActivityKind, KindsWhere<'delivery', 'browser-only'>>;
/** Kinds the learner's outbox sends through `record_activity`. */
export type OutboxKind = KindsWhere<'delivery', 'outbox'>;
/** Kinds the learner's browser records (and keeps in IndexedDB). */
export type BrowserKind = KindsWhere<'recordedBy', 'learner'>;
/** Kinds that are steps of a scenario attempt. */
export type AttemptStepKind = KindsWhere<'attemptStep', true>;

export const ACTIVITY_KIND_NAMES = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

const kindsWhere = <K extends ActivityKind>(test: (traits: ActivityKindTraits) => boolean) =>
  ACTIVITY_KIND_NAMES.filter((kind) => test(ACTIVITY_KINDS[kind])) as K[];

export const SERVER_KINDS: readonly ServerKind[] = kindsWhere<ServerKind>(
  (traits) => traits.delivery !== 'browser-only',
);
export const OUTBOX_KINDS: readonly OutboxKind[] = kindsWhere<OutboxKind>(
  (traits) => traits.delivery === 'outbox',
);

export const isServerKind = (kind: unknown): kind is ServerKind =>
  (SERVER_KINDS as readonly unknown[]).includes(kind);
export const isOutboxKind = (kind: unknown): kind is OutboxKind =>
  (OUTBOX_KINDS as readonly unknown[]).includes(kind);
export const isEvidenceKind = (kind: ActivityKind): boolean => ACTIVITY_KINDS[kind].evidence;

/** A record the database stores. */
export function isServerRecord<R extends { kind: ActivityKind }>(
  record: R,
): record is Extract<R, { kind: ServerKind }> {
  return isServerKind(record.kind);
}

/** A record the learner's outbox sends (not one that stays in the browser). */
export function isOutboxRecord<R extends { kind: ActivityKind }>(
  record: R,
): record is Extract<R, { kind: OutboxKind }> {
  return isOutboxKind(record.kind);
}

/** A choice or completion: a step of a scenario attempt. */
export function isAttemptStep<R extends { kind: ActivityKind }>(
  record: R,
): record is Extract<R, { kind: AttemptStepKind }> {
  return ACTIVITY_KINDS[record.kind].attemptStep;
}
