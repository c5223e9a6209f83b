import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../src/services/backend/database.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { buildScoringCatalogue } from '../../src/publish/scoring-catalogue';
import { SCORING_CONFIG } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import {
  aggregateItems,
  figuresFromAggregates,
  type ItemAggregates,
} from '../../src/domain/scoring/item-analysis';
import { learnerStatistics } from '../../src/domain/scoring/profile';
import { simulateActivity } from '../../src/domain/scoring/validation/activity';
import { measuredSkills } from '../../src/domain/skills/skill';
import {
  itemBankFrom,
  loadAgencyItemAggregates,
  loadAgencyItemAnalysis,
} from '../../src/services/team/item-analysis';
import { activityFromEventRows } from '../../src/domain/activity/event-row';
import { EVENT_COLUMNS, type EventRow } from '../../src/services/team/activity';
import { startStack, type RunningStack } from './stack';

// The agency item-analysis RPC through supabase-js, against the TypeScript reference: the
// demo agency plus forty simulated learners playing the real library; the database's
// aggregates (cells under five suppressed) equal `aggregateItems` on the same learners'
// evidence, so the figures and flags an admin sees are the ones `analyze:items` computes.

const DEMO_AGENCY = '00000000-0000-4000-b000-000000000001';
let stack: RunningStack;
const root = process.cwd();
const content = loadAllContent(root);
const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
const catalogue = buildScoringCatalogue({
  skills: loadSkills(root).skills,
  scenarios: content.scenarios.map((entry) => ({ ...entry.scenario, analysis: entry.analysis })),
  lessons: content.lessons.map((lesson) => ({ id: lesson.id, data: lesson.frontmatter })),
});
const scoring = scoringContentFrom({ scenarios: catalogue.scenarios, lessons: catalogue.lessons });
const bank = itemBankFrom(catalogue);
const quote = (value: string | null) =>
  value === null ? 'null' : `'${value.replace(/'/g, "''")}'`;

beforeAll(async () => {
  stack = await startStack({ port: 0 });
  const simulated = simulateActivity(
    {
      scenarios: content.scenarios.map((entry) => entry.scenario),
      lessons: catalogue.lessons,
    },
    skills,
    { learners: 40, seed: 14, plays: 6, lessons: 6, days: 60 },
  );
  const uuids = new Map<string, string>();
  const uuid = (key: string) => uuids.get(key) ?? uuids.set(key, crypto.randomUUID()).get(key)!;
  const learners = [...new Set(simulated.map((entry) => entry.learner))];
  await stack.query(`
    insert into auth.users (id, email) values ${learners.map((learner) => `(${quote(uuid(learner))}, ${quote(`${learner}@simulated.example.org`)})`).join(', ')};
    insert into public.memberships (organisation_id, user_id, role, display_name) values
      ${learners.map((learner) => `('${DEMO_AGENCY}', ${quote(uuid(learner))}, 'learner', ${quote(learner)})`).join(', ')};`);
  const rows = simulated.map(({ learner, record }) =>
    record.kind === 'choice'
      ? `(${quote(uuid(record.id))}, ${quote(uuid(learner))}, 'choice', ${quote(record.at)}, ${quote(uuid(record.attemptId!))}, ${quote(record.scenarioId)}, ${quote(record.version ?? null)}, ${quote(record.nodeId)}, ${quote(record.choiceId)}, ${quote(record.mode)}, null, null, null)`
      : record.kind === 'check'
        ? `(${quote(uuid(record.id))}, ${quote(uuid(learner))}, 'check', ${quote(record.at)}, null, null, null, null, null, null, ${quote(record.lessonId)}, ${quote(record.itemId)}, ${quote(record.optionId)})`
        : '',
  );
  for (let start = 0; start < rows.length; start += 500)
    await stack.query(
      `insert into public.activity_events (id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode, lesson_id, item_id, option_id) values ${rows
        .slice(start, start + 500)
        .filter(Boolean)
        .join(', ')}`,
    );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

async function signedIn(email: string) {
  const client = createClient<Database>(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { error } = await client.auth.signInWithPassword({ email, password: 'casecraft-demo' });
  if (error) throw new Error(error.message);
  return client;
}

/** The reference: the agency's members' evidence through the TypeScript engine. */
async function referenceAggregates(): Promise<ItemAggregates[]> {
  const members = (
    await stack.query(
      `select distinct user_id from public.memberships where organisation_id = $1`,
      [DEMO_AGENCY],
    )
  ).rows.map((row) => String(row.user_id));
  const learners = [];
  for (const learner of members) {
    const events = (
      await stack.query(
        `select ${EVENT_COLUMNS} from public.activity_events where user_id = $1 order by occurred_at`,
        [learner],
      )
    ).rows.map((row) => ({
      ...row,
      occurred_at: new Date(row.occurred_at as string).toISOString(),
    })) as unknown as EventRow[];
    const statistics = learnerStatistics(activityFromEventRows(events), scoring, skills);
    expect(statistics.rejected).toEqual([]);
    learners.push({ learner, evidence: statistics.evidence });
  }
  return aggregateItems(learners, bank, SCORING_CONFIG, 5);
}

const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === b ||
  (typeof a === 'number' &&
    typeof b === 'number' &&
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

describe('agency item analysis', () => {
  it('the database’s aggregates are the TypeScript reference’s, with cells under five suppressed', async () => {
    const admin = await signedIn('admin@demo.casecraft.local');
    const fromSql = await loadAgencyItemAggregates(admin, DEMO_AGENCY);
    const reference = await referenceAggregates();
    expect(fromSql.map((item) => item.id)).toEqual(reference.map((item) => item.id));
    let compared = 0;
    fromSql.forEach((item, index) => {
      const expected = reference[index]!;
      const { skills: sqlSkills, ...sqlRest } = item;
      const { skills: refSkills, ...refRest } = expected;
      expect(sqlRest, item.id).toEqual(refRest);
      expect(
        sqlSkills.map((skill) => skill.skill),
        item.id,
      ).toEqual(refSkills.map((skill) => skill.skill));
      sqlSkills.forEach((skill, position) => {
        const want = refSkills[position]!;
        expect(skill.answers, `${item.id} ${skill.skill}`).toBe(want.answers);
        expect(skill.bands, `${item.id} ${skill.skill} thirds`).toEqual(
          want.bands.map((band) => ({ ...band, code: band.code })),
        );
        expect(skill.strong, `${item.id} ${skill.skill} pairs`).toEqual(want.strong);
        expect(skill.sums === null, `${item.id} ${skill.skill} sums`).toBe(want.sums === null);
        if (skill.sums && want.sums)
          for (const key of ['y', 'rest', 'yy', 'rr', 'yr'] as const)
            expect(close(skill.sums[key], want.sums[key]), `${item.id} ${skill.skill} ${key}`).toBe(
              true,
            );
        compared += 1;
      });
    });
    // Not vacuous: shown and suppressed cells both occur.
    expect(compared).toBeGreaterThan(100);
    expect(fromSql.some((item) => item.answers === null)).toBe(true);
    expect(
      fromSql.some((item) =>
        item.skills.some((skill) => skill.bands.some((band) => band.code !== null)),
      ),
    ).toBe(true);
    expect(
      fromSql.some((item) =>
        item.skills.some((skill) => skill.strong.some((pair) => pair.both !== null)),
      ),
    ).toBe(true);

    // And so the figures: what an admin's page shows is what the reference shows.
    const figures = await loadAgencyItemAnalysis(admin, DEMO_AGENCY, catalogue);
    const expected = figuresFromAggregates(reference, bank);
    expect(figures.map((item) => [item.id, item.answers, item.tooFew, item.flags])).toEqual(
      expected.map((item) => [item.id, item.answers, item.tooFew, item.flags]),
    );
    figures.forEach((item, index) =>
      item.skills.forEach((skill, position) => {
        const want = expected[index]!.skills[position]!;
        expect(close(skill.discrimination, want.discrimination), `${item.id} r`).toBe(true);
        expect(close(skill.difficulty, want.difficulty), `${item.id} p`).toBe(true);
      }),
    );
  }, 120_000);

  it('is for the agency’s admins only', async () => {
    const supervisor = await signedIn('supervisor.north@demo.casecraft.local');
    await expect(loadAgencyItemAggregates(supervisor, DEMO_AGENCY)).rejects.toThrow(
      "Only the agency's admins can see its item analysis.",
    );
    const learner = await signedIn('amara@demo.casecraft.local');
    await expect(loadAgencyItemAggregates(learner, DEMO_AGENCY)).rejects.toThrow(
      "Only the agency's admins can see its item analysis.",
    );
  });
});
