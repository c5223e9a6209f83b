import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedRecords } from '../../scripts/bench/scoring';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { DAY_MS, EVIDENCE_FORMATS, SCORING_CONFIG } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import type { ActivityRecord } from '../../src/domain/activity/record';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import { addDispersionCell, emptyDispersionData } from '../../src/domain/scoring/dispersion';
import { extractEvidence } from '../../src/domain/scoring/evidence';
import { accumulate } from '../../src/domain/scoring/profile';
import { totalsAt } from '../../src/domain/scoring/statistics';
import { measuredSkills } from '../../src/domain/skills/skill';
import {
  dispersionDataFromRows,
  type AgencyDispersionRow,
} from '../../src/services/team/agency-dispersion';
import { applyBootstrap, applyCatalogue, applyMigrations, openDatabase } from './database';
import { expectSameStatistics, relative } from './statistics-parity';

// TypeScript and SQL keep the same statistics, per response format, with the engine's default
// configuration (formula-scored checks): the same events, in a different order, give the same
// sums within 1e-9, and so the same estimates, trends and agency dispersion sums.

const LEARNER = '90000000-0000-4000-8000-000000000001';
const OBSERVER = '90000000-0000-4000-8000-0000000000a1';
const ADMIN = '90000000-0000-4000-8000-0000000000a2';
const AGENCY = '90000000-0000-4000-8000-0000000000a3';
let db: PGlite;
const content = loadAllContent(process.cwd());
const scenarios = content.scenarios.map((entry) => entry.scenario);
const scoring = scoringContentFrom({
  scenarios,
  lessons: content.lessons.map((entry) => ({ id: entry.id, check: entry.frontmatter.check })),
});

beforeAll(async () => {
  ({ db } = await openDatabase());
  await applyBootstrap(db);
  await applyMigrations(db);
  await applyCatalogue(db);
  await db.exec(`
    insert into auth.users (id, email) values ('${LEARNER}', 'parity@test.local'), ('${OBSERVER}', 'observer@test.local'),
      ('${ADMIN}', 'admin@test.local');
    insert into public.organisations (id, name) values ('${AGENCY}', 'Parity agency');
    insert into public.memberships (organisation_id, user_id, role, display_name) values
      ('${AGENCY}', '${LEARNER}', 'learner', 'Learner'), ('${AGENCY}', '${ADMIN}', 'admin', 'Admin');`);
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

const uuid = (id: string) =>
  /^[0-9a-f-]{36}$/.test(id)
    ? id
    : `00000000-0000-4000-8000-${Buffer.from(id).toString('hex').slice(-12).padStart(12, '0')}`;

async function insert(record: ActivityRecord) {
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
  } else if (record.kind === 'observation') {
    await db.query(
      `insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by) values ($1, $2, 'observation', $3, $4, $5, $6, $7)`,
      [record.id, LEARNER, record.at, record.skill, record.y, record.w, OBSERVER],
    );
  }
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
    expect(SCORING_CONFIG.checkScoring).toBe('formula');
  });

  it('agree per format within 1e-9 on choices, checks and observations arriving in a different order, across years', async () => {
    // Choices spread over six and a half years (events are accepted from 2020 to now), in
    // both modes; answers to every check item of four lessons (a first answer, a wrong one,
    // and sometimes a third: wrong answers score below zero, repeats share the run's cap);
    // supervisors' observations of every skill.
    const choices = simulatedRecords(scenarios, 400, 7).map((record, index) => ({
      ...record,
      at: new Date(Date.UTC(2020, 0, 2) + index * 6 * DAY_MS).toISOString(),
      ...(record.kind === 'choice' && Number(record.attemptId!.slice(-12)) % 3 === 0
        ? { mode: 'practice' as const }
        : {}),
    }));
    let counter = 0;
    const id = () => `00000000-0000-4000-9000-${String(counter++).padStart(12, '0')}`;
    const checks: ActivityRecord[] = content.lessons.slice(0, 4).flatMap((lesson, lessonIndex) =>
      lesson.frontmatter.check.flatMap((item, index) =>
        // Mostly right first: a skill's check runs then sit between chance and certain.
        [
          (index + lessonIndex) % 3 === 0
            ? item.options.find((option) => !option.correct)!
            : item.options.find((option) => option.correct)!,
        ]
          .concat(index % 2 === 0 ? [item.options.find((option) => !option.correct)!] : [])
          .concat(index % 4 === 0 ? [item.options.find((option) => option.correct)!] : [])
          .map((option, answer) => ({
            kind: 'check' as const,
            id: id(),
            at: new Date(
              Date.UTC(2026, 2, 1) + (lessonIndex * 20 + index) * DAY_MS + answer * 60_000,
            ).toISOString(),
            lessonId: lesson.id,
            itemId: item.id,
            optionId: option.id,
          })),
      ),
    );
    const skills = measuredSkills(loadSkills(process.cwd()).skills).map((skill) => skill.id);
    const observations: ActivityRecord[] = Array.from({ length: 40 }, (_, index) => ({
      kind: 'observation' as const,
      id: id(),
      at: new Date(Date.UTC(2025, 0, 1) + index * 5 * DAY_MS).toISOString(),
      skill: skills[index % skills.length]!,
      y: ((index * 7) % 11) / 10,
      w: 0.5 + (index % 4) * 0.5,
    }));
    const records: ActivityRecord[] = [...choices, ...checks, ...observations];
    // Attempts must arrive in order within themselves; shuffle whole attempts and the rest.
    const groups = new Map<string, ActivityRecord[]>();
    for (const record of records) {
      const key = record.kind === 'choice' ? record.attemptId! : record.id;
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    for (const group of shuffled([...groups.values()], 42))
      for (const record of group) await insert(record);

    const now = Date.UTC(2027, 0, 1);
    const extraction = extractEvidence(records, scoring, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([]);
    expect(extraction.evidence.some((unit) => unit.y < 0)).toBe(true);
    const states = accumulate(extraction.evidence, SCORING_CONFIG);
    await expectSameStatistics(db, LEARNER, states, now);

    // The agency's dispersion sums: one aggregate over the learner's cells, as TypeScript's.
    const expected = emptyDispersionData();
    for (const state of states.values())
      addDispersionCell(expected, totalsAt(state, now, SCORING_CONFIG));
    const rows = await db.transaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: ADMIN, role: 'authenticated' }),
      ]);
      return (
        await tx.query<AgencyDispersionRow>(`select * from public.agency_dispersion($1)`, [AGENCY])
      ).rows;
    });
    const fromSql = dispersionDataFromRows(rows);
    for (const format of EVIDENCE_FORMATS) {
      expect(fromSql[format].df, format).toBe(expected[format].df);
      for (const key of ['numerator', 'denominator'] as const)
        expect(
          relative(fromSql[format][key], expected[format][key]),
          `${format} ${key}`,
        ).toBeLessThan(1e-9);
    }
    // Not vacuous: choices and checks have cells with two runs or more.
    expect(expected.choice.df).toBeGreaterThan(10);
    expect(expected.check.df).toBeGreaterThan(10);
  }, 120_000);

  it('agree when the events come through record_activity, whose statistics are added once per batch', async () => {
    // The sync path: batches of 50 (attempts whole and in order, checks between them), each
    // batch's evidence added to the statistics in one pass after its events are validated.
    const learner = '90000000-0000-4000-8000-000000000003';
    await db.exec(`insert into auth.users (id, email) values ('${learner}', 'batches@test.local')`);
    const attempts = new Map<string, string>();
    const choices = simulatedRecords(scenarios, 300, 5).map((record, index): ActivityRecord => {
      const at = new Date(Date.UTC(2021, 0, 2) + index * 4 * DAY_MS).toISOString();
      if (record.kind !== 'choice') return { ...record, id: crypto.randomUUID(), at };
      const original = record.attemptId ?? record.id;
      const attemptId = attempts.get(original) ?? crypto.randomUUID();
      attempts.set(original, attemptId);
      return { ...record, id: crypto.randomUUID(), attemptId, at };
    });
    const checks: ActivityRecord[] = content.lessons.slice(0, 3).flatMap((lesson, lessonIndex) =>
      lesson.frontmatter.check.flatMap((item, index) =>
        item.options.slice(0, 1 + (index % 3)).map((option, answer) => ({
          kind: 'check' as const,
          id: crypto.randomUUID(),
          at: new Date(
            Date.UTC(2025, 5, 1) + (lessonIndex * 9 + index) * DAY_MS + answer * 60_000,
          ).toISOString(),
          lessonId: lesson.id,
          itemId: item.id,
          optionId: option.id,
        })),
      ),
    );
    const records = [...choices, ...checks];
    const groups = new Map<string, ActivityRecord[]>();
    for (const record of records) {
      const key = record.kind === 'choice' ? record.attemptId! : record.id;
      groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    const events = shuffled([...groups.values()], 7)
      .flat()
      .map((record) => toActivityEvent(record));
    for (let start = 0; start < events.length; start += 50) {
      const statuses = await db.transaction(async (tx) => {
        await tx.query(`set local role authenticated`);
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ sub: learner, role: 'authenticated' }),
        ]);
        const result = await tx.query<{ status: string }>(
          `select outcome ->> 'status' as status from jsonb_array_elements(public.record_activity($1::jsonb)) outcome`,
          [JSON.stringify(events.slice(start, start + 50))],
        );
        return result.rows.map((row) => row.status);
      });
      expect(statuses).toEqual(events.slice(start, start + 50).map(() => 'accepted'));
    }
    const extraction = extractEvidence(records, scoring, SCORING_CONFIG);
    expect(extraction.rejected).toEqual([]);
    // Not vacuous: several batches, and runs that span batches.
    expect(events.length).toBeGreaterThan(150);
    await expectSameStatistics(
      db,
      learner,
      accumulate(extraction.evidence, SCORING_CONFIG),
      Date.UTC(2027, 0, 1),
    );
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
    const extraction = extractEvidence(records, scoring, SCORING_CONFIG);
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
    const t0 = await db.query<{ t0: number }>(
      `select max(t0) as t0 from skill_stats where user_id = $1`,
      [learner],
    );
    // The decayed sums were rebased to a later epoch on the way (t0 past 2030).
    expect(Number(t0.rows[0]!.t0)).toBeGreaterThan(365 * 10);
    await expectSameStatistics(db, learner, accumulate(extraction.evidence, SCORING_CONFIG), now);
  }, 120_000);
});
