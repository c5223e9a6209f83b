import type { PGlite } from '@electric-sql/pglite';
import { expect } from 'vitest';
import {
  EVIDENCE_FORMATS,
  SCORING_CONFIG,
  type EvidenceFormat,
} from '../../src/domain/scoring/config';
import type { Dispersion } from '../../src/domain/scoring/dispersion';
import { estimateSkill } from '../../src/domain/scoring/estimate';
import { totalsAt, type SkillState } from '../../src/domain/scoring/statistics';
import { skillTotalsFromFormats, type FormatSums } from '../../src/services/team/cohort-statistics';

/**
 * Test support: compares a learner's statistics in the database (per format and pooled)
 * with the TypeScript engine's states, within 1e-9, and the estimates made from each.
 */

/** φ per format unlike the prior, so that a mix-up between formats would show. */
export const ESTIMATED_DISPERSION: Dispersion = { choice: 0.35, check: 1.1, observation: 0.8 };

export const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** The learner's per-format rows decayed to `now`, as FormatSums per skill. */
export async function sqlFormatSums(db: PGlite, learner: string, now: number) {
  const rows = (
    await db.query<Record<string, number | string>>(
      `select f.skill_id, f.format,
              f.a_plus * power(2::double precision, -(private.epoch_days($2) - s.t0) / private.half_life_days()) as s_plus,
              f.a_minus * power(2::double precision, -(private.epoch_days($2) - s.t0) / private.half_life_days()) as s_minus,
              f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.events, f.runs, f.snn, f.sna, f.saa
       from skill_format_stats f join skill_stats s using (user_id, skill_id)
       where f.user_id = $1 order by f.skill_id, f.format`,
      [learner, new Date(now).toISOString()],
    )
  ).rows;
  const bySkill = new Map<string, FormatSums[]>();
  for (const row of rows) {
    const list = bySkill.get(String(row.skill_id)) ?? [];
    list.push({
      format: row.format as EvidenceFormat,
      sPlus: Number(row.s_plus),
      sMinus: Number(row.s_minus),
      W: Number(row.sw),
      Wt: Number(row.swt),
      Wy: Number(row.swy),
      Wtt: Number(row.swtt),
      Wty: Number(row.swty),
      Wyy: Number(row.swyy),
      events: Number(row.events),
      runs: Number(row.runs),
      nn: Number(row.snn),
      an: Number(row.sna),
      aa: Number(row.saa),
    });
    bySkill.set(String(row.skill_id), list);
  }
  return bySkill;
}

export async function expectSameStatistics(
  db: PGlite,
  learner: string,
  states: ReadonlyMap<string, SkillState>,
  now: number,
) {
  const sql = await sqlFormatSums(db, learner, now);
  expect([...sql.keys()].sort(), `${learner}'s skills`).toEqual([...states.keys()].sort());
  const pooled = (
    await db.query<Record<string, number | string>>(
      `select skill_id, a_plus * power(2::double precision, -(private.epoch_days($2) - t0) / private.half_life_days()) as s_plus,
              a_minus * power(2::double precision, -(private.epoch_days($2) - t0) / private.half_life_days()) as s_minus,
              sw, swt, swy, swtt, swty, swyy, events
       from skill_stats where user_id = $1`,
      [learner, new Date(now).toISOString()],
    )
  ).rows;
  for (const [skill, state] of states) {
    const ts = totalsAt(state, now, SCORING_CONFIG);
    const fromSql = skillTotalsFromFormats(sql.get(skill)!);
    for (const format of EVIDENCE_FORMATS) {
      const a = fromSql.formats![format];
      const b = ts.formats![format];
      expect(a.runs, `${skill} ${format} runs`).toBe(b.runs);
      expect(a.events, `${skill} ${format} events`).toBe(b.events);
      for (const key of [
        'sPlus',
        'sMinus',
        'W',
        'Wt',
        'Wy',
        'Wtt',
        'Wty',
        'Wyy',
        'nn',
        'an',
        'aa',
      ] as const)
        expect(relative(a[key], b[key]), `${skill} ${format} ${key}`).toBeLessThan(1e-9);
    }
    // No row for a format without evidence.
    expect(
      sql
        .get(skill)!
        .map((part) => part.format)
        .sort(),
    ).toEqual(EVIDENCE_FORMATS.filter((format) => ts.formats![format].runs > 0).sort());
    // skill_stats keeps the pooled sums: the sum over formats.
    const row = pooled.find((candidate) => candidate.skill_id === skill)!;
    const pairs: [string, number, number][] = [
      ['S+', Number(row.s_plus), ts.sPlus],
      ['S-', Number(row.s_minus), ts.sMinus],
      ['W', Number(row.sw), ts.W],
      ['Wt', Number(row.swt), ts.Wt],
      ['Wy', Number(row.swy), ts.Wy],
      ['Wtt', Number(row.swtt), ts.Wtt],
      ['Wty', Number(row.swty), ts.Wty],
      ['Wyy', Number(row.swyy), ts.Wyy],
    ];
    for (const [name, value, expected] of pairs)
      expect(relative(value, expected), `${skill} pooled ${name}`).toBeLessThan(1e-9);
    expect(Number(row.events)).toBe(ts.events);
    // The same estimates: with the prior and with φ estimated per format.
    for (const dispersion of [SCORING_CONFIG.dispersion.prior, ESTIMATED_DISPERSION]) {
      const a = estimateSkill(skill, fromSql, 0.75, SCORING_CONFIG, dispersion);
      const b = estimateSkill(skill, ts, 0.75, SCORING_CONFIG, dispersion);
      for (const key of ['mean', 'sd', 'probabilityMeetsTarget', 'evidence'] as const)
        expect(Math.abs(a[key] - b[key]), `${skill} ${key}`).toBeLessThan(1e-9);
      expect(
        Math.abs(a.interval[0] - b.interval[0]) + Math.abs(a.interval[1] - b.interval[1]),
      ).toBeLessThan(1e-9);
      expect(a.trend.direction).toBe(b.trend.direction);
      if (Number.isFinite(b.trend.standardErrorPer30Days))
        expect(Math.abs(a.trend.slopePer30Days - b.trend.slopePer30Days)).toBeLessThan(1e-9);
    }
  }
}
