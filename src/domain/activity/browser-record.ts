import { z } from 'zod';
import {
  checkRecordSchema,
  choiceRecordSchema,
  completionRecordSchema,
  selfRatingRecordSchema,
  type ActivityKind,
} from './record';
import { type BrowserKind } from './kinds';

/**
 * The IndexedDB codec: a record as the learner's browser keeps it (and exports and imports
 * it). Stricter than the general record: its id is a client-made UUID, and a scenario
 * decision always names its attempt (a UUID) and the version played.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

const uuid = (error: string) => z.string({ error }).regex(UUID, { error });
const browserId = { id: uuid('id is not a UUID') };

/**
 * The browser's schema per kind; null for kinds the browser never records (observations are
 * recorded by supervisors, on the server).
 */
const BROWSER_SCHEMAS = {
  check: checkRecordSchema.extend(browserId),
  choice: choiceRecordSchema.extend({
    ...browserId,
    attemptId: uuid('attemptId is not a UUID'),
    // Required here (the player always knows what it played), with the same message.
    version: choiceRecordSchema.shape.scenarioId,
  }),
  completion: completionRecordSchema.extend({
    ...browserId,
    attemptId: uuid('attemptId is not a UUID'),
  }),
  observation: null,
  'self-rating': selfRatingRecordSchema.extend(browserId),
} as const satisfies Record<ActivityKind, z.ZodObject | null>;

const unknownKind = (input: unknown) =>
  `unknown kind ${JSON.stringify((input as { kind?: unknown } | null)?.kind)}`;

export const progressRecordSchema = z.discriminatedUnion(
  'kind',
  [
    BROWSER_SCHEMAS.check,
    BROWSER_SCHEMAS.choice,
    BROWSER_SCHEMAS.completion,
    BROWSER_SCHEMAS['self-rating'],
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? unknownKind(issue.input) : undefined) },
);

/** A record kept in the learner's browser. */
export type ProgressRecord = z.infer<typeof progressRecordSchema>;
export type ProgressRecordKind = ProgressRecord['kind'];
export type CheckAnswerRecord = Extract<ProgressRecord, { kind: 'check' }>;
export type ScenarioChoiceRecord = Extract<ProgressRecord, { kind: 'choice' }>;
export type ScenarioCompletionRecord = Extract<ProgressRecord, { kind: 'completion' }>;
export type SelfRatingRecord = Extract<ProgressRecord, { kind: 'self-rating' }>;

// The union above lists exactly the kinds the learner records (ACTIVITY_KINDS.recordedBy).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const browserKindsListed: Same<ProgressRecordKind, BrowserKind> = true;
void browserKindsListed;

/** A record as the caller hands it in: id and time are filled in by the recorder. */
export type NewProgressRecord = ProgressRecord extends infer R
  ? R extends ProgressRecord
    ? Omit<R, 'id' | 'at'> & Partial<Pick<R, 'id' | 'at'>>
    : never
  : never;

const identity = z.object({ id: browserId.id, at: checkRecordSchema.shape.at });

/**
 * Reads a record from the browser's store or an import file (which may be hand-edited or
 * from another version): the record as kept (unknown fields dropped), or the first problem.
 */
export function decodeProgressRecord(
  value: unknown,
): { record: ProgressRecord } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'not an object' };
  // Identity first: a record without one is reported as such whatever its kind.
  const identified = identity.safeParse(value);
  if (!identified.success) return { problem: identified.error.issues[0]!.message };
  const parsed = progressRecordSchema.safeParse(value);
  return parsed.success ? { record: parsed.data } : { problem: parsed.error.issues[0]!.message };
}

/** The problem with a record's shape, or undefined when it is sound. */
export function recordProblem(value: unknown): string | undefined {
  const decoded = decodeProgressRecord(value);
  return 'problem' in decoded ? decoded.problem : undefined;
}
