import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { SCORING_CONFIG } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import { extractEvidence } from '../../src/domain/scoring/evidence';
import { accumulate } from '../../src/domain/scoring/profile';
import { measuredSkills } from '../../src/domain/skills/skill';
import { activityFromEventRows } from '../../src/domain/activity/event-row';
import { EVENT_COLUMNS, type EventRow } from '../../src/services/team/activity';
import {
  applyBootstrap,
  applyCatalogue,
  applyMigrations,
  applySeed,
  openDatabase,
} from './database';
import { expectSameStatistics } from './statistics-parity';

// The per-format migration on a database made by the migrations before it, holding the demo
// agency's history (check answers weighted by the old rule, pooled statistics only): events
// stay as they were, check evidence is re-derived by the formula score, and every statistic
// is what the TypeScript engine computes from the same events.

const PER_FORMAT = '20261203130000';
const BEFORE = '20261203100100';
let db: PGlite;
let eventsBefore: { n: number; digest: string };
let otherEvidenceBefore: string;

const digestOf = async (sql: string) =>
  String((await db.query<{ digest: string }>(sql)).rows[0]!.digest);

beforeAll(async () => {
  ({ db } = await openDatabase());
  await applyBootstrap(db);
  expect((await applyMigrations(db, () => {}, BEFORE)).at(-1)).toMatch(new RegExp(`^${BEFORE}`));
  await applyCatalogue(db);
  await applySeed(db);
  eventsBefore = {
    n: Number(
      (await db.query<{ n: number }>('select count(*)::int as n from activity_events')).rows[0]!.n,
    ),
    digest: await digestOf(
      `select md5(string_agg(e::text, '|' order by e.id)) as digest from activity_events e`,
    ),
  };
  otherEvidenceBefore = await digestOf(
    `select md5(string_agg(e::text, '|' order by e.event_id, e.skill_id)) as digest from evidence e where run_key not like 'check:%'`,
  );
  const applied = await applyMigrations(db);
  expect(applied.some((file) => file.startsWith(PER_FORMAT))).toBe(true);
}, 180_000);

afterAll(async () => {
  await db.close();
});

describe('the per-format migration on existing data', () => {
  it('started from check evidence weighted by the old rule', async () => {
    // The seed's answers existed before the migration; their old weights are gone now, so
    // this is read from the events: the demo agency answered checks right and wrong.
    const answers = await db.query<{ correct: boolean; n: number }>(
      `select o.correct, count(*)::int as n from activity_events a
       join catalog_check_options o using (lesson_id, item_id, option_id) where a.kind = 'check' group by o.correct`,
    );
    expect(answers.rows.map((row) => row.correct).sort()).toEqual([false, true]);
  });

  it('leaves the events and the other evidence as they were', async () => {
    expect(
      Number(
        (await db.query<{ n: number }>('select count(*)::int as n from activity_events')).rows[0]!
          .n,
      ),
    ).toBe(eventsBefore.n);
    expect(
      await digestOf(
        `select md5(string_agg(e::text, '|' order by e.id)) as digest from activity_events e`,
      ),
    ).toBe(eventsBefore.digest);
    expect(
      await digestOf(
        `select md5(string_agg(e::text, '|' order by e.event_id, e.skill_id)) as digest from evidence e where run_key not like 'check:%'`,
      ),
    ).toBe(otherEvidenceBefore);
  });

  it('re-derives every check answer by the formula score', async () => {
    const rows = (
      await db.query<{ weight: number; score: number; correct: boolean; option_count: number }>(
        `select e.weight, e.score, o.correct, i.option_count
         from evidence e join activity_events a on a.id = e.event_id
         join catalog_check_options o using (lesson_id, item_id, option_id)
         join catalog_check_items i using (lesson_id, item_id)
         where e.run_key like 'check:%'`,
      )
    ).rows;
    const answers = Number(
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from activity_events where kind = 'check'`,
        )
      ).rows[0]!.n,
    );
    expect(rows.length).toBe(answers);
    for (const row of rows) {
      expect(row.weight).toBe(SCORING_CONFIG.weights.check);
      expect(row.score).toBe(row.correct ? 1 : -1 / (row.option_count - 1));
    }
  });

  it('rebuilds every learner’s statistics, per format, as the TypeScript engine computes them', async () => {
    const root = process.cwd();
    const content = loadAllContent(root);
    const scoring = scoringContentFrom({
      scenarios: content.scenarios.map((entry) => entry.scenario),
      lessons: content.lessons.map((entry) => ({ id: entry.id, check: entry.frontmatter.check })),
    });
    const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
    const learners = (
      await db.query<{ user_id: string }>('select distinct user_id from activity_events order by 1')
    ).rows.map((row) => row.user_id);
    expect(learners.length).toBeGreaterThan(3);
    const now = Date.now() + 30 * 86_400_000;
    for (const learner of learners) {
      const events = (
        await db.query<EventRow>(
          `select ${EVENT_COLUMNS} from activity_events where user_id = $1 order by occurred_at`,
          [learner],
        )
      ).rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at).toISOString() }));
      // Every skill the evidence touches (the database keeps the foundations module's too).
      const extraction = extractEvidence(activityFromEventRows(events), scoring, SCORING_CONFIG);
      expect(extraction.rejected).toEqual([]);
      expect(extraction.evidence.some((unit) => skills.includes(unit.skill))).toBe(true);
      await expectSameStatistics(db, learner, accumulate(extraction.evidence), now);
    }
    expect(
      Number(
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from skill_format_stats where format = 'check'`,
          )
        ).rows[0]!.n,
      ),
    ).toBeGreaterThan(0);
  }, 120_000);
});
