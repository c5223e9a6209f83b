import { activityRecordSchema, type ActivityRecord } from './record';
import { assertNever, isServerKind, isServerRecord, type ServerKind } from './kinds';

/**
 * The database codec: a record as an `activity_events` row. `toActivityEvent` gives the
 * event `record_activity` takes (and a supervisor's observation insert); `activityFromEventRow`
 * reads a row back. Column names are the migrations' (supabase/migrations/*_activity.sql).
 */

/** The columns of `activity_events` that carry a record (the rest are the server's own). */
export interface ActivityEventRow {
  id: string;
  kind: string;
  occurred_at: string;
  attempt_id: string | null;
  scenario_id: string | null;
  scenario_version: string | null;
  node_id: string | null;
  choice_id: string | null;
  ending_id: string | null;
  mode: string | null;
  seq: number | null;
  lesson_id: string | null;
  item_id: string | null;
  option_id: string | null;
  skill_id: string | null;
  score: number | null;
  weight: number | null;
  note: string | null;
}

/** A record the server stores, as the event `record_activity` takes (its kind's columns only). */
export type ActivityEvent = Partial<Omit<ActivityEventRow, 'id' | 'kind' | 'occurred_at'>> &
  Pick<ActivityEventRow, 'id' | 'occurred_at'> & { kind: ServerKind };

/**
 * The event for one record; `seq` is its place in the attempt as the outbox planned it.
 * Throws for a kind the server never stores (ACTIVITY_KINDS: delivery 'browser-only').
 */
export function toActivityEvent(record: ActivityRecord, seq?: number): ActivityEvent {
  const step = seq === undefined ? {} : { seq };
  if (!isServerRecord(record))
    throw new Error(`A ${record.kind} record stays in the browser; the server never stores it.`);
  const base = { id: record.id, kind: record.kind, occurred_at: record.at };
  switch (record.kind) {
    case 'check':
      return {
        ...base,
        lesson_id: record.lessonId,
        item_id: record.itemId,
        option_id: record.optionId,
      };
    case 'choice':
      return {
        ...base,
        attempt_id: record.attemptId,
        scenario_id: record.scenarioId,
        scenario_version: record.version,
        node_id: record.nodeId,
        choice_id: record.choiceId,
        mode: record.mode,
        ...step,
      };
    case 'completion':
      return {
        ...base,
        attempt_id: record.attemptId,
        scenario_id: record.scenarioId,
        scenario_version: record.version,
        ending_id: record.endingId,
        mode: record.mode,
        ...step,
      };
    case 'observation':
      return {
        ...base,
        skill_id: record.skill,
        score: record.y,
        weight: record.w,
        ...(record.note === undefined ? {} : { note: record.note }),
      };
    default:
      return assertNever(record, 'kind of record');
  }
}

const given = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** A row read back as a record, or why it is not one. */
export function activityFromEventRow(
  row: ActivityEventRow,
): { record: ActivityRecord } | { problem: string } {
  const kind = row.kind;
  if (!isServerKind(kind)) return { problem: `unknown kind ${JSON.stringify(kind)}` };
  const base = { id: row.id, at: row.occurred_at };
  let candidate: Record<string, unknown>;
  switch (kind) {
    case 'check':
      candidate = {
        kind,
        ...base,
        lessonId: row.lesson_id,
        itemId: row.item_id,
        optionId: row.option_id,
      };
      break;
    case 'choice':
      candidate = {
        kind,
        ...base,
        attemptId: row.attempt_id,
        scenarioId: row.scenario_id,
        version: given(row.scenario_version),
        nodeId: row.node_id,
        choiceId: row.choice_id,
        mode: row.mode,
        seq: given(row.seq),
      };
      break;
    case 'completion':
      candidate = {
        kind,
        ...base,
        attemptId: row.attempt_id,
        scenarioId: row.scenario_id,
        version: row.scenario_version,
        endingId: row.ending_id,
        mode: row.mode,
        seq: given(row.seq),
      };
      break;
    case 'observation':
      candidate = {
        kind,
        ...base,
        skill: row.skill_id,
        y: row.score,
        w: row.weight,
        note: given(row.note) || undefined,
      };
      break;
    default:
      return assertNever(kind, 'kind of record');
  }
  const parsed = activityRecordSchema.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)),
  );
  return parsed.success
    ? { record: parsed.data }
    : { problem: `${kind} ${row.id}: ${parsed.error.issues[0]!.message}` };
}

/** The records among rows read back (rows that are not sound records are left out). */
export function activityFromEventRows(rows: readonly ActivityEventRow[]): ActivityRecord[] {
  return rows.flatMap((row) => {
    const decoded = activityFromEventRow(row);
    return 'record' in decoded ? [decoded.record] : [];
  });
}
