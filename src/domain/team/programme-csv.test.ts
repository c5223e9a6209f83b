import { describe, expect, it } from 'vitest';
import { INDIVIDUAL, programmeProgressCsv, programmeProgressRows } from './programme-csv';

describe('programme progress CSV', () => {
  const input = {
    learners: [
      { userId: 'a', name: 'Ana' },
      { userId: 'b', name: 'Ben, Jr.' },
    ],
    cohortProgrammes: [
      {
        name: 'Essentials',
        dueDate: '2026-12-01',
        items: [
          { position: 2, item_kind: 'scenario' as const, item_id: 'eviction' },
          { position: 1, item_kind: 'lesson' as const, item_id: 'l/one' },
        ],
      },
    ],
    individual: [
      { user_id: 'b', item_kind: 'lesson' as const, item_id: 'l/two', due_date: '2026-12-10' },
    ],
    completions: [
      {
        user_id: 'a',
        item_kind: 'lesson',
        item_id: 'l/one',
        first_done_at: '2026-11-20T09:00:00Z',
      },
      {
        user_id: 'b',
        item_kind: 'scenario',
        item_id: 'eviction',
        first_done_at: '2026-11-28T09:00:00Z',
      },
    ],
    title: (kind: string, id: string) => `${kind} ${id}`,
    today: '2026-12-03',
  };

  it('has a row per learner and item: done with when, overdue after the due date, else to do', () => {
    const rows = programmeProgressRows(input);
    expect(
      rows.map((row) => [row.learner, row.programme, row.itemId, row.status, row.completedAt]),
    ).toEqual([
      ['Ana', 'Essentials', 'l/one', 'done', '2026-11-20T09:00:00Z'],
      ['Ana', 'Essentials', 'eviction', 'overdue', null],
      ['Ben, Jr.', 'Essentials', 'l/one', 'overdue', null],
      ['Ben, Jr.', 'Essentials', 'eviction', 'done', '2026-11-28T09:00:00Z'],
      ['Ben, Jr.', INDIVIDUAL, 'l/two', 'to do', null],
    ]);
  });

  it('writes a header and quotes what needs quoting', () => {
    const csv = programmeProgressCsv(programmeProgressRows(input)).split('\r\n');
    expect(csv[0]).toBe('learner,programme,item_kind,item,item_id,due_date,status,completed_at');
    expect(csv[1]).toBe(
      'Ana,Essentials,lesson,lesson l/one,l/one,2026-12-01,done,2026-11-20T09:00:00Z',
    );
    expect(csv[5]).toBe(
      '"Ben, Jr.",Assigned individually,lesson,lesson l/two,l/two,2026-12-10,to do,',
    );
  });
});
