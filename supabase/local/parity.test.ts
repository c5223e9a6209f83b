import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedRecords } from '../../scripts/bench/scoring';
import { loadAllContent } from '../../src/build/check-content';
import { DAY_MS, SCORING_CONFIG, type ScoringConfig } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import type { ActivityRecord } from '../../src/domain/activity/record';
import { extractEvidence } from '../../src/domain/scoring/evidence';
import { accumulate } from '../../src/domain/scoring/profile';
import { estimateSkill } from '../../src/domain/scoring/estimate';
import { totalsAt, type SkillTotals } from '../../src/domain/scoring/statistics';
import { applyBootstrap, applyCatalogue, applyMigrations, openDatabase } from './database';

// TypeScript and SQL keep the same statistics: the same events, in a different order,
// give the same sums within 1e-9.
//
// The database keeps the pooled sums (all formats together) and still guess-corrects check
// answers by weight; TypeScript keeps the sums per format (their pooled total is what SQL
// keeps) and formula-scores checks by default. Until the migration to per-format
// statistics, the comparison runs TypeScript with the database's check rule.
const DATABASE_RULES: ScoringConfig = { ...SCORING_CONFIG, checkScoring: 'weight' };

const LEARNER = '90000000-0000-4000-8000-000000000001';
let db: PGlite;
const content = loadAllContent(process.cwd());
const scenarios = content.scenarios.map((entry) => entry.scenario);

beforeAll(async () => {
  ({ db } = await openDatabase());
  await applyBootstrap(db);
  await applyMigrations(db);
  await applyCatalogue(db);
  await db.query(`insert into auth.users (id, email) values ($1, 'parity@test.local')`, [LEARNER]);
}, 120_000);

afterAll(async () => {
  await db.close();
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe('TypeScript and SQL statistics parity', () => {
  it('the SQL scoring constants are the TypeScript ones', async () => {
    const row = (
      await db.query<Record<string, number>>(
        `select private.half_life_days() as h, private.run_cap() as cap, private.rebase_exponent() as rebase,
              private.source_weight('assessment') as a, private.source_weight('practice') as p, private.source_weight('check') as c`,
      )
    ).rows[0]!;
    expect(row).toEqual({
      h: SCORING_CONFIG.halfLifeDays,
      cap: SCORING_CONFIG.runCap,
      rebase: SCORING_CONFIG.rebaseExponent,
      a: SCORING_CONFIG.weights.assessment,
      p: SCORING_CONFIG.weights.practice,
      c: SCORING_CONFIG.weights.check,
    });
  });

  it('the prior φ is one value for every format (pooled sums then estimate exactly)', () => {
    expect(new Set(Object.values(SCORING_CONFIG.dispersion.prior)).size).toBe(1);
  });

  it('agree within 1e-9 on the same events, arriving in a different order, across years', async () => {
    // Choices spread over six and a half years (events are accepted from 2020 to now) and check answers.
    const choices = simulatedRecords(scenarios, 400, 7).map((record, index) => ({
      ...record,
      at: new Date(Date.UTC(2020, 0, 2) + index * 6 * DAY_MS).toISOString(),
    }));
    const lesson = content.lessons[0]!;
    const checks: ActivityRecord[] = lesson.frontmatter.check.flatMap((item, index) =>
      item.options.slice(0, 2).map((option, answer) => ({
        kind: 'check' as const,
        id: `00000000-0000-4000-9000-${String(index * 10 + answer).padStart(12, '0')}`,
        at: new Date(Date.UTC(2026, 2, 1) + index * DAY_MS).toISOString(),
        lessonId: lesson.id,
        itemId: item.id,
        optionId: option.id,
      })),
    );
    const records: ActivityRecord[] = [...choices, ...checks];
    // Attempts must arrive in order within themselves; shuffle whole attempts and the checks.
    const attempts = new Map<string, ActivityRecord[]>();
    for (const record of records) {
      const key = record.kind === 'choice' ? record.attemptId! : record.id;
      attempts.set(key, [...(attempts.get(key) ?? []), record]);
    }
    for (const group of shuffled([...attempts.values()], 42)) {
      for (const record of group) {
        const uuid = (id: string) =>
          /^[0-9a-f-]{36}$/.test(id)
            ? id
            : `00000000-0000-4000-8000-${Buffer.from(id).toString('hex').slice(-12).padStart(12, '0')}`;
        if (record.kind === 'choice') {
          await db.query(
            `insert into activity_events (id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode) values ($1, $2, 'choice', $3, $4, $5, $6, $7, $8, $9)`,
            [
              uuid(record.id),
              LEARNER,
              record.at,
              record.attemptId,
              record.scenarioId,
              record.version,
              record.nodeId,
              record.choiceId,
              record.mode,
            ],
          );
        } else if (record.kind === 'check') {
          await db.query(
            `insert into activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id) values ($1, $2, 'check', $3, $4, $5, $6)`,
            [record.id, LEARNER, record.at, record.lessonId, record.itemId, record.optionId],
          );
        }
      }
    }
    const now = Date.UTC(2027, 0, 1);
    const sql = await sqlTotals(LEARNER, now);

    const scoring = scoringContentFrom({
      scenarios,
      lessons: content.lessons.map((entry) => ({ id: entry.id, check: entry.frontmatter.check })),
    });
    const extraction = extractEvidence(records, scoring, DATABASE_RULES);
    expect(extraction.rejected).toEqual([]);
    expectSameTotals(sql, accumulate(extraction.evidence, DATABASE_RULES), now);
  }, 120_000);

  it('agree when the decayed sums are rebased to a later epoch (evidence eleven years apart)', async () => {
    // Rebasing happens after 20 half-lives (ten years): later than any event can be dated
    // yet, so the statistics function is fed the evidence units directly.
    const learner = '90000000-0000-4000-8000-000000000002';
    await db.query(`insert into auth.users (id, email) values ($1, 'rebase@test.local')`, [
      learner,
    ]);
    const records = simulatedRecords(scenarios, 400, 11).map((record, index) => ({
      ...record,
      at: new Date(Date.UTC(2020, 0, 2) + index * 10 * DAY_MS).toISOString(),
    }));
    const scoring = scoringContentFrom({ scenarios, lessons: [] });
    const extraction = extractEvidence(records, scoring, DATABASE_RULES);
    expect(extraction.rejected).toEqual([]);
    for (const unit of extraction.evidence) {
      await db.query(`select private.add_evidence($1, $2, $3, $4, $5, $6, $7)`, [
        learner,
        unit.skill,
        unit.run,
        unit.cap,
        unit.w,
        unit.y,
        new Date(unit.time).toISOString(),
      ]);
    }
    const now = Date.UTC(2031, 6, 1);
    const sql = await sqlTotals(learner, now);
    // The decayed sums were rebased to a later epoch on the way (t0 past 2030).
    expect(Math.max(...sql.map((row) => Number(row.t0)))).toBeGreaterThan(365 * 10);
    expectSameTotals(sql, accumulate(extraction.evidence, DATABASE_RULES), now);
  }, 120_000);
});

async function sqlTotals(learner: string, now: number) {
  return (
    await db.query<Record<string, number | string>>(
      `select skill_id,
              a_plus * power(2::double precision, -(private.epoch_days($2) - t0) / private.half_life_days()) as s_plus,
              a_minus * power(2::double precision, -(private.epoch_days($2) - t0) / private.half_life_days()) as s_minus,
              sw, swt, swy, swtt, swty, swyy, events, t0
       from skill_stats where user_id = $1 order by skill_id`,
      [learner, new Date(now).toISOString()],
    )
  ).rows;
}

function expectSameTotals(
  sql: Record<string, number | string>[],
  states: ReturnType<typeof accumulate>,
  now: number,
) {
  expect(sql.map((row) => row.skill_id)).toEqual([...states.keys()].sort());
  for (const row of sql) {
    const totals = totalsAt(states.get(String(row.skill_id))!, now, DATABASE_RULES);
    const pairs: [string, number, number][] = [
      ['S+', Number(row.s_plus), totals.sPlus],
      ['S-', Number(row.s_minus), totals.sMinus],
      ['W', Number(row.sw), totals.W],
      ['Wt', Number(row.swt), totals.Wt],
      ['Wy', Number(row.swy), totals.Wy],
      ['Wtt', Number(row.swtt), totals.Wtt],
      ['Wty', Number(row.swty), totals.Wty],
      ['Wyy', Number(row.swyy), totals.Wyy],
    ];
    for (const [name, fromSql, fromTs] of pairs) {
      expect(
        Math.abs(fromSql - fromTs) / Math.max(1, Math.abs(fromTs)),
        `${String(row.skill_id)} ${name}`,
      ).toBeLessThan(1e-9);
    }
    expect(Number(row.events)).toBe(totals.events);
    // Views that read the pooled sums (no split by format) estimate exactly what the
    // per-format engine does while every format has the prior φ.
    const pooled: SkillTotals = {
      sPlus: Number(row.s_plus),
      sMinus: Number(row.s_minus),
      W: Number(row.sw),
      Wt: Number(row.swt),
      Wy: Number(row.swy),
      Wtt: Number(row.swtt),
      Wty: Number(row.swty),
      Wyy: Number(row.swyy),
      events: Number(row.events),
    };
    const fromSql = estimateSkill('s', pooled, 0.75, DATABASE_RULES);
    const fromTs = estimateSkill('s', totals, 0.75, DATABASE_RULES);
    for (const key of ['mean', 'sd', 'probabilityMeetsTarget'] as const)
      expect(Math.abs(fromSql[key] - fromTs[key]), `${String(row.skill_id)} ${key}`).toBeLessThan(
        1e-9,
      );
    expect(fromSql.trend.direction).toBe(fromTs.trend.direction);
  }
}
