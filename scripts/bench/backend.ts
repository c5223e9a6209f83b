import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { loadAllContent } from '../../src/build/check-content';
import { loadSkills } from '../../src/build/content';
import { buildScoringCatalogue } from '../../src/build/scoring-catalogue';
import type { Database } from '../../src/services/backend/database.types';
import type { ScenarioChoiceRecord } from '../../src/services/progress/records';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import { loadCohortOverview } from '../../src/services/team/overview';
import { teamQueries } from '../../src/services/team/queries';
import { startStack } from '../../supabase/local/stack';
import { simulatedRecords } from './scoring';

const DEMO_ORG = '00000000-0000-4000-b000-000000000001';
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function published() {
  const root = process.cwd();
  const content = loadAllContent(root);
  return {
    scenarios: content.scenarios.map((entry) => entry.scenario),
    catalogue: buildScoringCatalogue({
      skills: loadSkills(root).skills,
      scenarios: content.scenarios.map((entry) => ({
        ...entry.scenario,
        analysis: entry.analysis,
      })),
      lessons: content.lessons.map((lesson) => ({ id: lesson.id, data: lesson.frontmatter })),
    }),
  };
}

function anonymousClient(url: string, key: string) {
  return createClient<Database>(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/** `npm start`'s backend cold start: a new data directory to a ready API; then a warm start. */
export async function benchColdStart(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'casecraft-bench-'));
  try {
    let started = performance.now();
    const cold = await startStack({ dataDir: dir, port: 0 });
    const coldMs = performance.now() - started;
    await cold.stop();
    started = performance.now();
    const warm = await startStack({ dataDir: dir, port: 0 });
    const warmMs = performance.now() - started;
    await warm.stop();
    return [
      `stack: cold start to ready (new database, migrations, catalogue, demo agency with simulated history): ${seconds(coldMs)}`,
      `stack: warm start to ready (existing database): ${seconds(warmMs)}`,
      'stack: npm start also builds the site (about 30 s on this machine) in parallel with the stack',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Choices through supabase-js → gateway → PostgREST → PGlite from 20 clients at once. */
export async function benchIngestion(): Promise<string[]> {
  const { scenarios } = published();
  const stack = await startStack({ port: 0, seed: false });
  try {
    const clients = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const client = anonymousClient(stack.url, stack.anonKey);
        const { error } = await client.auth.signUp({
          email: `bench${index}@example.org`,
          password: 'bench password',
        });
        if (error) throw new Error(error.message);
        return client;
      }),
    );
    // Each client plays its own attempts (fresh UUIDs: attempts are per learner).
    const events = clients.map((_, index) => {
      const attempts = new Map<string, string>();
      return simulatedRecords(scenarios, 100, index + 1).map((record) => {
        const choice = record as ScenarioChoiceRecord;
        const attemptId = attempts.get(choice.attemptId) ?? crypto.randomUUID();
        attempts.set(choice.attemptId, attemptId);
        return toActivityEvent({
          ...choice,
          id: crypto.randomUUID(),
          attemptId,
          at: new Date().toISOString(),
        });
      });
    });
    const total = events.reduce((sum, list) => sum + list.length, 0);
    const started = performance.now();
    const accepted = await Promise.all(
      clients.map(async (client, index) => {
        let count = 0;
        const own = events[index]!;
        for (let start = 0; start < own.length; start += 25) {
          const { data, error } = (await client.rpc('record_activity', {
            events: own.slice(start, start + 25),
          })) as {
            data: { status: string }[] | null;
            error: { message: string } | null;
          };
          if (error) throw new Error(error.message);
          count += (data ?? []).filter((result) => result.status === 'accepted').length;
        }
        return count;
      }),
    );
    const elapsed = performance.now() - started;
    const stored = Number(
      (await stack.query('select count(*)::int as n from public.activity_events')).rows[0]!.n,
    );
    const ok = accepted.reduce((sum, count) => sum + count, 0);
    return [
      `ingest: ${total} scenario choices from 20 concurrent clients (record_activity, batches of 25): ${Math.round(total / (elapsed / 1000))} events/s (${seconds(elapsed)}, each validated and scored by the database)`,
      `ingest: ${ok} accepted, ${stored} rows stored — ${ok === total && stored === total ? 'nothing lost' : 'MISMATCH'}`,
    ];
  } finally {
    await stack.stop();
  }
}

/** The supervisor dashboard's load (reads and scoring) for the demo agency and for 500 learners with 200k events. */
export async function benchDashboards(): Promise<string[]> {
  const { catalogue } = published();
  const lines: string[] = [];
  const stack = await startStack({ port: 0 });
  try {
    const supervisor = anonymousClient(stack.url, stack.anonKey);
    const { data, error } = await supervisor.auth.signInWithPassword({
      email: 'supervisor.north@demo.casecraft.local',
      password: 'casecraft-demo',
    });
    if (error || !data.user) throw new Error(error?.message ?? 'no user');
    const queries = teamQueries(supervisor, data.user.id);
    const cohort = (await queries.cohorts(DEMO_ORG))[0]!;
    const started = performance.now();
    const overview = await loadCohortOverview(queries, catalogue, DEMO_ORG, cohort.id);
    lines.push(
      `dashboard: demo agency cohort (${overview.learners.length} learners) loaded and scored as its supervisor: ${(performance.now() - started).toFixed(0)} ms`,
    );

    // A generated agency in the same database: 500 learners in one cohort, 200,000 events and
    // statistics for every learner × skill (bulk-loaded; triggers are measured by the ingest bench).
    const admin = anonymousClient(stack.url, stack.anonKey);
    const signedUp = await admin.auth.signUp({
      email: 'big.admin@example.org',
      password: 'bench password',
    });
    if (signedUp.error || !signedUp.data.user)
      throw new Error(signedUp.error?.message ?? 'no user');
    const adminId = signedUp.data.user.id;
    const generating = performance.now();
    await stack.query(`
      begin;
      set local session_replication_role = replica;
      insert into public.organisations (id, name, created_by) values ('00000000-0000-4000-e000-000000000001', 'Generated agency', '${adminId}');
      insert into public.memberships (organisation_id, user_id, role, display_name) values ('00000000-0000-4000-e000-000000000001', '${adminId}', 'admin', 'Big admin');
      insert into public.cohorts (id, organisation_id, name) values ('00000000-0000-4000-e000-0000000000c1', '00000000-0000-4000-e000-000000000001', 'Everyone');
      create temporary table bench_learners on commit drop as
        select gen_random_uuid() as id, g as n from generate_series(1, 500) g;
      insert into auth.users (id, email) select id, 'learner' || n || '@generated.example.org' from bench_learners;
      insert into public.memberships (organisation_id, user_id, role, display_name)
        select '00000000-0000-4000-e000-000000000001', id, 'learner', 'Learner ' || n from bench_learners;
      insert into public.cohort_members (cohort_id, user_id, role) select '00000000-0000-4000-e000-0000000000c1', id, 'learner' from bench_learners;
      insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
        select gen_random_uuid(), l.id, 'check', now() - (g % 180) * interval '1 day', 'communication/active-listening-oars', 'open-question', 'a'
        from bench_learners l cross join generate_series(1, 400) g;
      insert into public.skill_stats (user_id, skill_id, t0, a_plus, a_minus, sw, swt, swy, swtt, swty, swyy, events, last_at)
        select l.id, s.id, floor(private.epoch_days(now())) - 30, 4 + random() * 10, 2 + random() * 6, 12, 12 * 2500, 7, 12 * 2500 * 2500, 7 * 2500, 5, 40, now()
        from bench_learners l cross join public.catalog_skills s where s.kind = 'skill';
      commit;`);
    const generatedMs = performance.now() - generating;
    const bigQueries = teamQueries(admin, adminId);
    const bigStarted = performance.now();
    const big = await loadCohortOverview(
      bigQueries,
      catalogue,
      '00000000-0000-4000-e000-000000000001',
      '00000000-0000-4000-e000-0000000000c1',
    );
    const bigMs = performance.now() - bigStarted;
    const events = Number(
      await stack
        .query('select count(*)::int as n from public.activity_events')
        .then((result) => result.rows[0]!.n),
    );
    lines.push(
      `dashboard: generated agency, ${big.learners.length} learners × ${catalogue.skills.length} skills, ${events.toLocaleString('en')} events in the table (generated in ${seconds(generatedMs)}): team profile query + scoring as admin ${bigMs.toFixed(0)} ms`,
    );
  } finally {
    await stack.stop();
  }
  return lines;
}
