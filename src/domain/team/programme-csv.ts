import { toCsv } from './team';

/**
 * Programme progress per learner and item, for the CSV beside the skill CSV and the print
 * view: each cohort-programme item and each individual assignment, done (with when, from the
 * server's records), overdue or to do.
 */

export type ItemStatus = 'done' | 'overdue' | 'to do';

export interface ProgrammeProgressRow {
  learner: string;
  /** The programme's name, or "Assigned individually". */
  programme: string;
  itemKind: 'lesson' | 'scenario';
  itemId: string;
  itemTitle: string;
  dueDate: string | null;
  status: ItemStatus;
  /** When the learner first completed it (the server's time), if done. */
  completedAt: string | null;
}

export const INDIVIDUAL = 'Assigned individually';

export interface ProgressInput {
  learners: readonly { userId: string; name: string }[];
  cohortProgrammes: readonly {
    name: string;
    dueDate: string | null;
    items: readonly { position: number; item_kind: 'lesson' | 'scenario'; item_id: string }[];
  }[];
  individual: readonly {
    user_id: string;
    item_kind: 'lesson' | 'scenario';
    item_id: string;
    due_date: string | null;
  }[];
  completions: readonly {
    user_id: string;
    item_kind: string;
    item_id: string;
    first_done_at: string | null;
  }[];
  title: (kind: 'lesson' | 'scenario', id: string) => string;
  /** YYYY-MM-DD. */
  today: string;
}

export function programmeProgressRows(input: ProgressInput): ProgrammeProgressRow[] {
  const doneAt = new Map(
    input.completions.map((row) => [
      `${row.user_id} ${row.item_kind} ${row.item_id}`,
      row.first_done_at,
    ]),
  );
  const row = (
    learner: { userId: string; name: string },
    programme: string,
    itemKind: 'lesson' | 'scenario',
    itemId: string,
    dueDate: string | null,
  ): ProgrammeProgressRow => {
    const key = `${learner.userId} ${itemKind} ${itemId}`;
    const done = doneAt.has(key);
    return {
      learner: learner.name,
      programme,
      itemKind,
      itemId,
      itemTitle: input.title(itemKind, itemId),
      dueDate,
      status: done ? 'done' : dueDate && dueDate < input.today ? 'overdue' : 'to do',
      completedAt: done ? (doneAt.get(key) ?? null) : null,
    };
  };
  return input.learners.flatMap((learner) => [
    ...input.cohortProgrammes.flatMap((programme) =>
      [...programme.items]
        .sort((a, b) => a.position - b.position)
        .map((item) =>
          row(learner, programme.name, item.item_kind, item.item_id, programme.dueDate),
        ),
    ),
    ...input.individual
      .filter((assignment) => assignment.user_id === learner.userId)
      .map((assignment) =>
        row(learner, INDIVIDUAL, assignment.item_kind, assignment.item_id, assignment.due_date),
      ),
  ]);
}

export function programmeProgressCsv(rows: readonly ProgrammeProgressRow[]): string {
  return toCsv([
    ['learner', 'programme', 'item_kind', 'item', 'item_id', 'due_date', 'status', 'completed_at'],
    ...rows.map((row) => [
      row.learner,
      row.programme,
      row.itemKind,
      row.itemTitle,
      row.itemId,
      row.dueDate ?? '',
      row.status,
      row.completedAt ?? '',
    ]),
  ]);
}
