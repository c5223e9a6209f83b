import { createClient } from '@supabase/supabase-js';
import type { Backend } from '../../src/services/backend/client';
import type { Database, Json } from '../../src/services/backend/database.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { buildScoringCatalogue } from '../../src/publish/scoring-catalogue';
import {
  availableChoices,
  choose,
  isEnding,
  startPosition,
} from '../../src/domain/scenario/runtime';
import { SCORING_CONFIG } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import { dispersionOf } from '../../src/domain/scoring/dispersion';
import { estimateSkill, type SkillEstimate } from '../../src/domain/scoring/estimate';
import {
  dispersionFromStates,
  learnerStatistics,
  scoreLearner,
} from '../../src/domain/scoring/profile';
import { emptyState, totalsAt } from '../../src/domain/scoring/statistics';
import { buildLearnerView } from '../../src/services/learner-view';
import { loadAgencyDispersion } from '../../src/services/team/agency-dispersion';
import { loadCohortStatistics } from '../../src/services/team/cohort-statistics';
import { activityFromEventRows } from '../../src/domain/activity/event-row';
import { estimatesFromTotals, loadCohortOverview } from '../../src/services/team/overview';
import { teamQueries } from '../../src/services/team/queries';
import { startStack, type RunningStack } from './stack';

// The same learner through both paths, on the embedded stack through supabase-js: her own
// profile (the browser scores her records) and her supervisor's dashboard (the cohort's
// per-format statistics from the database, in one call) give the same estimates.

const AGENCY = '00000000-0000-4000-c000-000000000001';
const COHORT = '00000000-0000-4000-c000-0000000000c1';
const DAY = 86_400_000;
let stack: RunningStack;
const root = process.cwd();
const content = loadAllContent(root);
const skills = loadSkills(root).skills;
const catalogue = buildScoringCatalogue({
  skills,
  scenarios: content.scenarios.map((entry) => ({ ...entry.scenario, analysis: entry.analysis })),
  lessons: content.lessons.map((lesson) => ({ id: lesson.id, data: lesson.frontmatter })),
});
const skillIds = catalogue.skills.map((skill) => skill.id);
const people: Record<'learner' | 'supervisor' | 'admin', { client: Backend; id: string }> =
  {} as never;

beforeAll(async () => {
  stack = await startStack({ port: 0, seed: false });
  for (const name of ['learner', 'supervisor', 'admin'] as const) {
    const client = createClient<Database>(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data, error } = await client.auth.signUp({
      email: `${name}@paths.example.org`,
      password: 'long enough password',
    });
    if (error || !data.user) throw new Error(error?.message ?? 'no user');
    people[name] = { client, id: data.user.id };
  }
  await stack.query(`
    insert into public.organisations (id, name) values ('${AGENCY}', 'Two paths');
    insert into public.memberships (organisation_id, user_id, role, display_name) values
      ('${AGENCY}', '${people.learner.id}', 'learner', 'Lena'),
      ('${AGENCY}', '${people.supervisor.id}', 'supervisor', 'Sam'),
      ('${AGENCY}', '${people.admin.id}', 'admin', 'Ada');
    insert into public.cohorts (id, organisation_id, name) values ('${COHORT}', '${AGENCY}', 'Team');
    insert into public.cohort_members (cohort_id, user_id, role) values
      ('${COHORT}', '${people.learner.id}', 'learner'), ('${COHORT}', '${people.supervisor.id}', 'supervisor');`);

  // Her history: every scenario played twice over the last months (both modes, the choices
  // varying), every check item of three lessons answered (some wrong, some twice), and the
  // supervisor's observations.
  const events: Json[] = [];
  content.scenarios.forEach(({ scenario }, index) => {
    for (const play of [0, 1]) {
      const attemptId = crypto.randomUUID();
      let time = Date.now() - (150 - index * 8 - play * 4) * DAY;
      let position = startPosition(scenario).position;
      let step = 0;
      while (!isEnding(scenario, position)) {
        const offered = availableChoices(scenario, position);
        const choice = offered[(index + play + step) % offered.length]!;
        events.push({
          id: crypto.randomUUID(),
          kind: 'choice',
          occurred_at: new Date((time += 60_000)).toISOString(),
          attempt_id: attemptId,
          scenario_id: scenario.id,
          scenario_version: scenario.version,
          node_id: position.node,
          choice_id: choice.id,
          mode: play === 0 ? 'assessment' : 'practice',
          seq: ++step,
        });
        position = choose(scenario, position, choice.id).position;
      }
    }
  });
  content.lessons.slice(0, 3).forEach((lesson, lessonIndex) =>
    lesson.frontmatter.check.forEach((item, index) => {
      const right = item.options.find((option) => option.correct)!;
      const wrong = item.options.find((option) => !option.correct)!;
      const answers = index % 2 === 0 ? [right] : [wrong, right];
      answers.forEach((option, answer) =>
        events.push({
          id: crypto.randomUUID(),
          kind: 'check',
          occurred_at: new Date(
            Date.now() - (60 - lessonIndex * 10) * DAY + (index * 2 + answer) * 60_000,
          ).toISOString(),
          lesson_id: lesson.id,
          item_id: item.id,
          option_id: option.id,
        }),
      );
    }),
  );
  for (let start = 0; start < events.length; start += 100) {
    const { data, error } = (await people.learner.client.rpc('record_activity', {
      events: events.slice(start, start + 100),
    })) as { data: { status: string }[] | null; error: { message: string } | null };
    if (error) throw new Error(error.message);
    expect((data ?? []).map((outcome) => outcome.status)).toEqual(
      events.slice(start, start + 100).map(() => 'accepted'),
    );
  }
  const supervisorQueries = teamQueries(people.supervisor.client, people.supervisor.id);
  for (const [index, skill] of ['empathy', 'communication', 'empathy'].entries())
    await supervisorQueries.recordObservation(people.learner.id, {
      skill,
      y: 0.4 + index * 0.2,
      w: 1,
      at: new Date(Date.now() - (20 - index) * DAY).toISOString(),
      note: 'Observed on a home visit',
    });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

/** The learner's own profile, as the profile page builds it from her server records at `now`. */
async function ownProfile(now: number) {
  const queries = teamQueries(people.learner.client, people.learner.id);
  const activity = activityFromEventRows(await queries.events(people.learner.id));
  return buildLearnerView([], catalogue, { now, extra: activity }).profile;
}

function expectSameEstimates(a: readonly SkillEstimate[], b: readonly SkillEstimate[]) {
  expect(a.map((estimate) => estimate.skill)).toEqual(b.map((estimate) => estimate.skill));
  a.forEach((left, index) => {
    const right = b[index]!;
    for (const key of [
      'mean',
      'sd',
      'evidence',
      'probabilityMeetsTarget',
      'alpha',
      'beta',
    ] as const)
      expect(Math.abs(left[key] - right[key]), `${left.skill} ${key}`).toBeLessThan(1e-9);
    for (const end of [0, 1] as const)
      expect(Math.abs(left.interval[end] - right.interval[end])).toBeLessThan(1e-9);
    expect(left.status, left.skill).toBe(right.status);
    expect(left.level, left.skill).toBe(right.level);
    expect(left.events, left.skill).toBe(right.events);
    expect(left.trend.direction, left.skill).toBe(right.trend.direction);
    expect(Math.abs(left.trend.slopePer30Days - right.trend.slopePer30Days)).toBeLessThan(1e-9);
    expect(left.lastEvidenceAt, left.skill).toBe(right.lastEvidenceAt);
  });
}

describe('one learner through both paths', () => {
  it('her profile and her supervisor’s view of the cohort estimate the same numbers', async () => {
    const statistics = await loadCohortStatistics(people.supervisor.client, COHORT);
    expect([...statistics.totals.keys()]).toEqual([people.learner.id]);
    const formats = [...statistics.totals.get(people.learner.id)!.values()].flatMap((totals) =>
      Object.entries(totals.formats!).flatMap(([format, part]) =>
        part.runs > 0 || part.events > 0 ? [format] : [],
      ),
    );
    // Not vacuous: every response format is in her statistics.
    expect(new Set(formats)).toEqual(new Set(['choice', 'check', 'observation']));
    const supervised = estimatesFromTotals(
      statistics.totals.get(people.learner.id),
      skillIds,
      () => SCORING_CONFIG.defaultTarget,
    );
    const own = await ownProfile(statistics.at);
    expect(own.rejected).toEqual([]);
    expectSameEstimates(supervised, own.skills);
    expect(own.skills.some((estimate) => estimate.evidence > 1)).toBe(true);
  });

  it('the dashboard the supervisor opens shows those estimates', async () => {
    const overview = await loadCohortOverview(
      teamQueries(people.supervisor.client, people.supervisor.id),
      catalogue,
      AGENCY,
      COHORT,
      people.supervisor.client,
    );
    expect(overview.learners.map((learner) => learner.userId)).toEqual([people.learner.id]);
    // The dashboard decays to the moment of its call; the profile is scored at that moment too.
    const at = (await loadCohortStatistics(people.supervisor.client, COHORT)).at;
    const own = await ownProfile(at);
    const shown = overview.learners[0]!.estimates;
    shown.forEach((estimate, index) => {
      const mine = own.skills[index]!;
      expect(estimate.skill).toBe(mine.skill);
      // Seconds apart at most: decay over a few seconds moves S± by under 1e-6 relative.
      expect(Math.abs(estimate.mean - mine.mean)).toBeLessThan(1e-6);
      expect(estimate.status).toBe(mine.status);
    });
  });

  it('with the agency’s own φ per format, both paths still agree', async () => {
    const estimate = await loadAgencyDispersion(people.admin.client, AGENCY);
    const records = activityFromEventRows(
      await teamQueries(people.learner.client, people.learner.id).events(people.learner.id),
    );
    const scoring = scoringContentFrom({
      scenarios: catalogue.scenarios,
      lessons: catalogue.lessons,
    });
    const statistics = await loadCohortStatistics(people.supervisor.client, COHORT);
    // The agency's estimate is the one TypeScript makes from her records' states.
    const states = learnerStatistics(records, scoring, skillIds).states;
    const fromRecords = dispersionFromStates([states], statistics.at);
    for (const format of ['choice', 'check', 'observation'] as const) {
      expect(estimate[format].df, format).toBe(fromRecords[format].df);
      expect(Math.abs(estimate[format].phi - fromRecords[format].phi), format).toBeLessThan(1e-9);
    }
    expect(estimate.choice.df).toBeGreaterThan(0);
    const phi = dispersionOf(estimate);
    const totals = statistics.totals.get(people.learner.id)!;
    const supervised = skillIds.map((skill) =>
      estimateSkill(
        skill,
        totals.get(skill) ?? totalsAt(emptyState(), statistics.at, SCORING_CONFIG),
        SCORING_CONFIG.defaultTarget,
        SCORING_CONFIG,
        phi,
      ),
    );
    const own = scoreLearner(records, scoring, {
      skills: skillIds,
      now: statistics.at,
      dispersion: phi,
    });
    expectSameEstimates(supervised, own.skills);
  });

  it('only the cohort’s supervisors and the agency’s admins get its statistics', async () => {
    await expect(loadCohortStatistics(people.learner.client, COHORT)).rejects.toThrow(
      "Only the cohort's supervisors and its agency's admins can see its statistics.",
    );
    await expect(loadAgencyDispersion(people.supervisor.client, AGENCY)).rejects.toThrow(
      "Only the agency's admins can see its dispersion estimate.",
    );
    expect((await loadCohortStatistics(people.admin.client, COHORT)).totals.size).toBe(1);
  });
});
