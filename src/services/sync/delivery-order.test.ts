import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from '../progress/records';
import type { OutboxEntry } from '../progress/store';
import { attemptSequences, planDelivery, PREDECESSOR_REFUSED } from './delivery-order';

const attempt = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const at = (second: number) => `2026-05-01T10:00:${String(second).padStart(2, '0')}.000Z`;
const choice = (id: string, second: number, seq?: number): ProgressRecord => ({
  kind: 'choice',
  id,
  at: at(second),
  attemptId: attempt,
  scenarioId: 's',
  version: 'v',
  nodeId: `n${second}`,
  choiceId: 'c',
  mode: 'assessment',
  ...(seq === undefined ? {} : { seq }),
});
const completion = (id: string, second: number, seq?: number): ProgressRecord => ({
  kind: 'completion',
  id,
  at: at(second),
  attemptId: attempt,
  scenarioId: 's',
  version: 'v',
  endingId: 'end',
  mode: 'assessment',
  ...(seq === undefined ? {} : { seq }),
});
const check = (id: string, second: number): ProgressRecord => ({
  kind: 'check',
  id,
  at: at(second),
  lessonId: 'l',
  itemId: 'i',
  optionId: 'o',
});
const queued = (id: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id,
  attempts: 0,
  ...extra,
});
const now = new Date(at(30));

describe('delivery order', () => {
  it('numbers records made before step numbers by their recorded order, the completion last', () => {
    const records = [choice('b', 2), choice('a', 1), completion('z', 3), choice('c', 4, 3)];
    expect(Object.fromEntries(attemptSequences(records))).toEqual({ a: 1, b: 2, c: 3, z: 4 });
  });

  it('sends an attempt in step order whatever order it was stored in, checks alongside', () => {
    const records = [
      completion('d', 4, 4),
      choice('c', 3, 3),
      check('k', 5),
      choice('a', 1, 1),
      choice('b', 2, 2),
    ];
    const plan = planDelivery(
      records,
      records.map((record) => queued(record.id)),
      now,
    );
    expect(plan.ready.map(({ record, seq }) => [record.id, seq])).toEqual([
      ['k', undefined],
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
  });

  it('holds back every later step while an earlier one waits for its retry time', () => {
    const records = [choice('a', 1, 1), choice('b', 2, 2), choice('c', 3, 3), check('k', 4)];
    const plan = planDelivery(
      records,
      [queued('b', { retryAt: at(40) }), queued('c'), queued('k')],
      now,
    );
    expect(plan.ready.map(({ record }) => record.id)).toEqual(['k']);
    expect(plan.waiting).toBe(2);
  });

  it('sends the next step once the one before is on the server', () => {
    const records = [choice('a', 1, 1), choice('b', 2, 2)];
    const plan = planDelivery(records, [queued('b')], now);
    expect(plan.ready.map(({ record }) => record.id)).toEqual(['b']);
  });

  it('makes every later step of a refused one final, naming the first reason once', () => {
    const records = [choice('a', 1, 1), choice('b', 2, 2), completion('c', 3, 3)];
    const plan = planDelivery(
      records,
      [queued('a', { fatal: true, lastError: 'Unknown scenario' }), queued('b'), queued('c')],
      now,
    );
    const because = 'An earlier decision in this attempt could not be saved: Unknown scenario';
    expect(plan.ready).toEqual([]);
    expect(plan.blocked).toEqual([
      { id: 'b', error: because },
      { id: 'c', error: because },
    ]);
    const later = planDelivery(
      records,
      [
        queued('a', { fatal: true, lastError: 'Unknown scenario' }),
        queued('b', { fatal: true, code: PREDECESSOR_REFUSED, lastError: because }),
        queued('c'),
      ],
      now,
    );
    expect(later.blocked).toEqual([{ id: 'c', error: because }]);
  });
});
