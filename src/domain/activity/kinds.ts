import type { ActivityKind } from './record';

/**
 * The activity record's kinds as data, with no runtime dependencies (the scenario player and
 * the sync indicator load this, not the schemas): who makes each kind, how it reaches the
 * server, whether it is evidence. The record's fields are defined in record.ts.
 */

/** The scenario player's two modes: practice (feedback, lighter evidence) or assessment. */
export const PLAY_MODES = ['practice', 'assessment'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];

/** More decisions than any scenario has, and the server's limit (activity_events.seq). */
export const MAX_SEQ = 1000;

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
