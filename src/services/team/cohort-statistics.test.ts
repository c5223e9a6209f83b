import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CohortStatisticsError, decodeCohortStatistics } from './cohort-statistics';

// The compact answer of `cohort_statistics` (migration 20261203180100): dictionaries, whole
// numbers as JSON, each row's eight sums as big-endian float8 bytes in one base64 string.

interface Row {
  learner: number;
  skill: number;
  format: number;
  events: number;
  last: number;
  sums: number[];
}

function packed(sums: readonly number[][]): string {
  const bytes = new DataView(new ArrayBuffer(sums.length * 64));
  sums.forEach((row, index) =>
    row.forEach((value, column) => bytes.setFloat64(index * 64 + column * 8, value, false)),
  );
  return Buffer.from(bytes.buffer).toString('base64');
}

function documentOf(rows: readonly Row[], learners = ['ada', 'bo'], skills = ['empathy', 'risk']) {
  return {
    at_ms: 1_790_000_000_000,
    learners,
    skills,
    formats: ['choice', 'check', 'observation'],
    columns: {
      learner: rows.map((row) => row.learner),
      skill: rows.map((row) => row.skill),
      format: rows.map((row) => row.format),
      events: rows.map((row) => row.events),
      last_at_ms: rows.map((row) => row.last),
      sums: packed(rows.map((row) => row.sums)),
    },
  };
}

const ROWS: Row[] = [
  {
    learner: 0,
    skill: 0,
    format: 0,
    events: 3,
    last: 1_789_000_000_000,
    sums: [1.5, 0.5, 2, 4000.1, 1.5, 8e6, 3000.2, 1.25],
  },
  {
    learner: 0,
    skill: 0,
    format: 1,
    events: 2,
    last: 1_789_500_000_000,
    sums: [0.25, 0.75, 1, 2000, -0.2, 4e6, -400, 0.3],
  },
  {
    learner: 1,
    skill: 1,
    format: 2,
    events: 1,
    last: 1_788_000_000_000,
    sums: [0.1 + 0.2, 0.7, 1, 2001, 0.3, 4.004e6, 600.3, 0.09],
  },
];

const malformed = (document: unknown) =>
  expect(() => decodeCohortStatistics(document)).toThrow(CohortStatisticsError);

describe('decodeCohortStatistics', () => {
  it('reads learners, skills, formats and the exact sums of every row', () => {
    const { at, totals } = decodeCohortStatistics(documentOf(ROWS));
    expect(at).toBe(1_790_000_000_000);
    expect([...totals.keys()]).toEqual(['ada', 'bo']);
    const empathy = totals.get('ada')!.get('empathy')!;
    expect(empathy.formats!.choice).toMatchObject({
      sPlus: 1.5,
      sMinus: 0.5,
      W: 2,
      Wt: 4000.1,
      events: 3,
    });
    expect(empathy.formats!.check).toMatchObject({ Wy: -0.2, Wty: -400, events: 2 });
    // Pooled as totalsAt pools them, with the latest evidence of any format.
    expect(empathy.W).toBe(3);
    expect(empathy.events).toBe(5);
    expect(empathy.last).toBe(1_789_500_000_000);
    // Bit for bit: 0.1 + 0.2 is not 0.3.
    expect(totals.get('bo')!.get('risk')!.formats!.observation.sPlus).toBe(0.1 + 0.2);
  });

  it('an empty cohort is an empty map', () => {
    expect(decodeCohortStatistics(documentOf([], [], [])).totals.size).toBe(0);
  });

  it('keeps every float8 exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
            minLength: 8,
            maxLength: 8,
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (sums) => {
          const rows = sums.map((row, index) => ({
            learner: index,
            skill: 0,
            format: 0,
            events: 1,
            last: 0,
            sums: row,
          }));
          const learners = rows.map((_, index) => `learner-${index}`);
          const { totals } = decodeCohortStatistics(documentOf(rows, learners, ['empathy']));
          sums.forEach((row, index) => {
            const choice = totals.get(`learner-${index}`)!.get('empathy')!.formats!.choice;
            expect([
              choice.sPlus,
              choice.sMinus,
              choice.W,
              choice.Wt,
              choice.Wy,
              choice.Wtt,
              choice.Wty,
              choice.Wyy,
            ]).toEqual(row.map((value) => value + 0));
          });
        },
      ),
    );
  });

  it('refuses what is not the compact shape', () => {
    const good = documentOf(ROWS);
    malformed(null);
    malformed({ ...good, at_ms: 'now' });
    malformed({ ...good, learners: [1, 2] });
    malformed({ ...good, formats: ['check', 'choice', 'observation'] });
    // The per-row shape this replaced.
    malformed({ at_ms: 1, columns: ['skill', 'format'], learners: [['ada', []]] });
    malformed({ ...good, columns: { ...good.columns, extra: [] } });
    malformed({ ...good, columns: { ...good.columns, events: [1, 2] } });
    malformed({ ...good, columns: { ...good.columns, learner: [0, 0, 2] } });
    malformed({ ...good, columns: { ...good.columns, skill: [0, 0, -1] } });
    malformed({ ...good, columns: { ...good.columns, format: [0, 1, 3] } });
    malformed({ ...good, columns: { ...good.columns, events: [1, 2, 0.5] } });
    malformed({ ...good, columns: { ...good.columns, sums: good.columns.sums.slice(0, -4) } });
    malformed({ ...good, columns: { ...good.columns, sums: '!not base64' } });
    malformed(documentOf([{ ...ROWS[0]!, sums: [Number.NaN, 0, 0, 0, 0, 0, 0, 0] }]));
    malformed(documentOf([{ ...ROWS[0]!, sums: [Number.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0] }]));
  });
});
