import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgressRecord } from './browser-record';
import { activityFromEventRow, toActivityEvent, type ActivityEventRow } from './event-row';
import { formatActivityLine, parseActivityLine } from './json-lines';
import { type ActivityRecord } from './record';
import { ACTIVITY_KIND_NAMES, ACTIVITY_KINDS, OUTBOX_KINDS, SERVER_KINDS } from './kinds';

const id = fc.uuid({ version: 4 });
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim() !== '');
const at = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const mode = fc.constantFrom('practice' as const, 'assessment' as const);

const records: Record<ActivityRecord['kind'], fc.Arbitrary<ActivityRecord>> = {
  check: fc.record({
    kind: fc.constant('check' as const),
    id,
    at,
    lessonId: text,
    itemId: text,
    optionId: text,
  }),
  choice: fc.record({
    kind: fc.constant('choice' as const),
    id,
    at,
    attemptId: id,
    scenarioId: text,
    version: text,
    nodeId: text,
    choiceId: text,
    mode,
    seq: fc.integer({ min: 1, max: 1000 }),
  }),
  completion: fc.record({
    kind: fc.constant('completion' as const),
    id,
    at,
    attemptId: id,
    scenarioId: text,
    version: text,
    endingId: text,
    mode,
    seq: fc.integer({ min: 1, max: 1000 }),
  }),
  observation: fc.record(
    {
      kind: fc.constant('observation' as const),
      id,
      at,
      skill: text,
      y: fc.double({ min: 0, max: 1, noNaN: true }),
      w: fc.double({ min: 0.01, max: 5, noNaN: true }),
      note: text,
    },
    { requiredKeys: ['kind', 'id', 'at', 'skill', 'y', 'w'] },
  ),
  'self-rating': fc.record({
    kind: fc.constant('self-rating' as const),
    id,
    at,
    skillId: text,
    rating: fc.integer({ min: 1, max: 5 }),
  }),
};
const anyRecord = fc.oneof(...Object.values(records));

/** An event as the database returns it: every column, null where the kind does not use it. */
const asRow = (event: ReturnType<typeof toActivityEvent>): ActivityEventRow => ({
  attempt_id: null,
  scenario_id: null,
  scenario_version: null,
  node_id: null,
  choice_id: null,
  ending_id: null,
  mode: null,
  seq: null,
  lesson_id: null,
  item_id: null,
  option_id: null,
  skill_id: null,
  score: null,
  weight: null,
  note: null,
  ...event,
});

describe('the activity record', () => {
  it('has traits for every kind, and the derived kind lists agree with them', () => {
    expect(Object.keys(ACTIVITY_KINDS).sort()).toEqual([...ACTIVITY_KIND_NAMES].sort());
    expect(SERVER_KINDS).toEqual(['check', 'choice', 'completion', 'observation']);
    expect(OUTBOX_KINDS).toEqual(['check', 'choice', 'completion']);
  });

  it('reads back from the database row exactly what it wrote (every server kind)', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        if (!(SERVER_KINDS as readonly string[]).includes(record.kind)) {
          expect(() => toActivityEvent(record)).toThrow('stays in the browser');
          return;
        }
        const seq = 'seq' in record ? record.seq : undefined;
        expect(activityFromEventRow(asRow(toActivityEvent(record, seq)))).toEqual({ record });
      }),
    );
  });

  it('says why a row is not a record, instead of dropping it unseen', () => {
    const row = asRow({ id: 'e1', kind: 'choice', occurred_at: '2026-01-01T00:00:00Z' });
    expect(activityFromEventRow(row)).toEqual({
      problem: 'choice e1: attemptId is missing',
    });
    expect(activityFromEventRow({ ...row, kind: 'reflection' })).toEqual({
      problem: 'unknown kind "reflection"',
    });
  });

  it('keeps the browser’s records through the IndexedDB codec, and refuses observations there', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const decoded = decodeProgressRecord(record);
        if (ACTIVITY_KINDS[record.kind].recordedBy === 'learner')
          expect(decoded).toEqual({ record });
        else expect(decoded).toEqual({ problem: `unknown kind "${record.kind}"` });
      }),
    );
  });

  it('writes evidence kinds as JSON lines that read back the same, and no others', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const line = formatActivityLine('learner-1', record);
        if (!ACTIVITY_KINDS[record.kind].evidence) {
          expect(line).toBeUndefined();
          return;
        }
        // The form carries what scoring needs: no version, seq or note.
        const { version: _v, seq: _s, note: _n, ...carried } = record as Record<string, unknown>;
        const skills = record.kind === 'observation' ? [record.skill] : [];
        expect(parseActivityLine(line!, 1, skills)).toEqual({
          learner: 'learner-1',
          record: carried,
        });
      }),
    );
  });
});
