import { isAttemptStep, isOutboxRecord, type OutboxKind } from '../../domain/activity/kinds';
import type {
  ProgressRecord,
  ScenarioChoiceRecord,
  ScenarioCompletionRecord,
} from '../progress/records';
import type { OutboxEntry } from '../progress/store';

/**
 * In what order the outbox may send its records. The server stores a scenario attempt's
 * decisions only in step order (each must follow the one before), so an attempt's records go
 * out by sequence number, and a record whose predecessor is still waiting waits too. Other
 * kinds (knowledge-check answers) have no order and go whenever they are due.
 */

type AttemptRecord = ScenarioChoiceRecord | ScenarioCompletionRecord;
/** A record the outbox sends to the server. */
export type OutboxRecord = Extract<ProgressRecord, { kind: OutboxKind }>;

const isAttemptRecord = (record: ProgressRecord): record is AttemptRecord => isAttemptStep(record);

/** Code the outbox gives a record whose attempt broke off at an earlier, refused step. */
export const PREDECESSOR_REFUSED = 'predecessor_refused';
const PREDECESSOR_PREFIX = 'An earlier decision in this attempt could not be saved: ';

/** The message for a record that cannot be saved because `predecessor` was refused. */
export function predecessorRefusedMessage(predecessor: OutboxEntry): string {
  const reason = predecessor.lastError ?? 'the server refused it';
  return predecessor.code === PREDECESSOR_REFUSED ? reason : `${PREDECESSOR_PREFIX}${reason}`;
}

const byTimeThenId = (a: ProgressRecord, b: ProgressRecord) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Each choice's and completion's place in its attempt. Records carry `seq` since sequence
 * numbers exist; for older ones it is derived the way the player would have numbered them:
 * choices in the order they were recorded, the completion after the last choice.
 */
export function attemptSequences(records: readonly ProgressRecord[]): Map<string, number> {
  const attempts = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    if (!isAttemptRecord(record)) continue;
    const list = attempts.get(record.attemptId) ?? [];
    list.push(record);
    attempts.set(record.attemptId, list);
  }
  const sequences = new Map<string, number>();
  for (const list of attempts.values()) {
    list.sort(byTimeThenId);
    let choices = 0;
    let highest = 0;
    for (const record of list) {
      if (record.kind !== 'choice') continue;
      choices++;
      const seq = record.seq ?? choices;
      sequences.set(record.id, seq);
      highest = Math.max(highest, seq);
    }
    for (const record of list) {
      if (record.kind === 'completion') sequences.set(record.id, record.seq ?? highest + 1);
    }
  }
  return sequences;
}

export interface DeliveryPlan {
  /**
   * Records to send now, each attempt's in step order and only after their predecessors
   * (already on the server, or earlier in this list).
   */
  ready: { record: OutboxRecord; seq?: number }[];
  /** Queued records of kinds that stay in the browser (self-ratings): to clear from the outbox. */
  localOnly: string[];
  /** Records that can never be saved because an earlier step of their attempt was refused. */
  blocked: { id: string; error: string }[];
  /** Queued records that wait: for a predecessor, or for their retry time. */
  waiting: number;
}

type StepState = 'delivered' | 'ready' | 'waiting' | 'refused';
/** When an attempt has two records at one step (played in two tabs), the most hopeful decides. */
const HOPE: Record<StepState, number> = { delivered: 3, ready: 2, waiting: 1, refused: 0 };

/**
 * Decides what one round of sync sends. `skip` holds ids not to send again this round (the
 * server just answered "not yet" for them).
 */
export function planDelivery(
  records: readonly ProgressRecord[],
  entries: readonly OutboxEntry[],
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): DeliveryPlan {
  const plan: DeliveryPlan = { ready: [], localOnly: [], blocked: [], waiting: 0 };
  const queued = new Map(entries.map((entry) => [entry.id, entry]));
  const due = (entry: OutboxEntry) =>
    !skip.has(entry.id) && (!entry.retryAt || Date.parse(entry.retryAt) <= now.getTime());
  const sequences = attemptSequences(records);
  const attempts = new Map<string, AttemptRecord[]>();

  for (const record of records) {
    const entry = queued.get(record.id);
    if (isAttemptRecord(record)) {
      const list = attempts.get(record.attemptId) ?? [];
      list.push(record);
      attempts.set(record.attemptId, list);
      continue;
    }
    if (!entry) continue;
    if (!isOutboxRecord(record)) plan.localOnly.push(record.id);
    else if (entry.fatal) continue;
    else if (due(entry)) plan.ready.push({ record });
    else plan.waiting++;
  }

  for (const list of attempts.values()) {
    const seqOf = (record: AttemptRecord) => sequences.get(record.id)!;
    list.sort((a, b) => seqOf(a) - seqOf(b) || byTimeThenId(a, b));
    // What is known about each step of the attempt so far, for its successor to look up.
    const steps = new Map<number, { state: StepState; entry?: OutboxEntry }>();
    const note = (seq: number, state: StepState, entry?: OutboxEntry) => {
      const known = steps.get(seq);
      if (!known || HOPE[state] > HOPE[known.state]) steps.set(seq, { state, entry });
    };
    let open = true;
    for (const record of list) {
      const seq = seqOf(record);
      const entry = queued.get(record.id);
      if (!entry) {
        note(seq, 'delivered');
        continue;
      }
      if (entry.fatal) {
        note(seq, 'refused', entry);
        continue;
      }
      // No predecessor in this browser: the server knows whether it has it.
      const predecessor = steps.get(seq - 1);
      if (predecessor?.state === 'refused') {
        const error = predecessorRefusedMessage(predecessor.entry!);
        plan.blocked.push({ id: record.id, error });
        note(seq, 'refused', { ...entry, code: PREDECESSOR_REFUSED, lastError: error });
        continue;
      }
      if (open && predecessor?.state !== 'waiting' && due(entry)) {
        plan.ready.push({ record, seq });
        note(seq, 'ready');
      } else {
        // Everything after a waiting step waits with it: never split an attempt out of order.
        open = false;
        plan.waiting++;
        note(seq, 'waiting');
      }
    }
  }
  return plan;
}

/**
 * After the server answered "not yet" for `record` (it expects step `waitingFor` first): true
 * while a step in between is still queued in this browser, so it will arrive; false when none
 * is held here and the record can never be saved.
 */
export function predecessorStillComing(
  record: ProgressRecord,
  waitingFor: number,
  records: readonly ProgressRecord[],
  entries: readonly OutboxEntry[],
): boolean {
  if (!isAttemptRecord(record)) return false;
  const sequences = attemptSequences(records);
  const seq = sequences.get(record.id) ?? 0;
  const queued = new Map(entries.map((entry) => [entry.id, entry]));
  return records.some((candidate) => {
    if (!isAttemptRecord(candidate) || candidate.attemptId !== record.attemptId) return false;
    const step = sequences.get(candidate.id) ?? 0;
    const entry = queued.get(candidate.id);
    return step >= waitingFor && step < seq && entry !== undefined && !entry.fatal;
  });
}

/** True when this browser holds any record of the attempt at steps waitingFor … seq−1. */
export function predecessorHeldHere(
  record: ProgressRecord,
  waitingFor: number,
  records: readonly ProgressRecord[],
): boolean {
  if (!isAttemptRecord(record)) return false;
  const sequences = attemptSequences(records);
  const seq = sequences.get(record.id) ?? 0;
  return records.some(
    (candidate) =>
      isAttemptRecord(candidate) &&
      candidate.attemptId === record.attemptId &&
      (sequences.get(candidate.id) ?? 0) >= waitingFor &&
      (sequences.get(candidate.id) ?? 0) < seq,
  );
}
