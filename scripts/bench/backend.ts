import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../src/services/backend/database.types';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { buildScoringCatalogue } from '../../src/publish/scoring-catalogue';
import type { ScenarioChoiceRecord } from '../../src/services/progress/records';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import { loadCohortStatistics } from '../../src/services/team/cohort-statistics';
import { loadCohortOverview } from '../../src/services/team/overview';
import { teamQueries } from '../../src/services/team/queries';
import { startStack } from '../../supabase/local/stack';
import { agencySql, bulkActivitySql, cohortId, GENERATED_AGENCY } from './agency-fixture';
import { figure, median, type BenchLine } from './figures';
import { underMeasureLock } from './measure-lock';
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
export async function benchColdStart(): Promise<BenchLine[]> {
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
      figure(
        'stack.cold_start',
        coldMs,
        'ms',
        `stack: cold start to ready (new database, migrations, catalogue, demo agency with simulated history): ${seconds(coldMs)}`,
      ),
      figure(
        'stack.warm_start',
        warmMs,
        'ms',
        `stack: warm start to ready (existing database): ${seconds(warmMs)}`,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Choices through supabase-js → gateway → PostgREST → PGlite from 20 clients at once. */
export async function benchIngestion(): Promise<BenchLine[]> {
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
    const rate = total / (elapsed / 1000);
    return [
      figure(
        'pglite.ingest.rate',
        rate,
        'events/s',
        `ingest: ${total} scenario choices from 20 concurrent clients through PostgREST → PGlite (record_activity, batches of 25): ${Math.round(rate)} events/s (${seconds(elapsed)}, each validated and scored by the database)`,
      ),
      figure(
        'pglite.ingest.lost',
        total - Math.min(ok, stored),
        'events',
        `ingest: ${ok} accepted, ${stored} rows stored — ${ok === total && stored === total ? 'nothing lost' : 'MISMATCH'}`,
      ),
    ];
  } finally {
    await stack.stop();
  }
}

/**
 * The supervisor dashboard on the embedded stack (PGlite behind PostgREST): the demo agency's
 * cohort, then a generated agency of 500 learners with 200,000 answers (the bulk path of
 * agency-fixture.ts, proven equal to the triggers by the postgres15 section): its statistics
 * in one round trip (`cohort_statistics` through supabase-js) and the whole dashboard load.
 */
export async function benchDashboards(): Promise<BenchLine[]> {
  const { catalogue } = published();
  const lines: BenchLine[] = [];
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
    const overview = await loadCohortOverview(queries, catalogue, DEMO_ORG, cohort.id, supervisor);
    const demoMs = performance.now() - started;
    lines.push(
      figure(
        'pglite.dashboard.demo',
        demoMs,
        'ms',
        `dashboard: demo agency cohort (${overview.learners.length} learners) loaded and scored as its supervisor: ${demoMs.toFixed(0)} ms`,
      ),
    );

    const admin = anonymousClient(stack.url, stack.anonKey);
    const signedUp = await admin.auth.signUp({
      email: 'big.admin@example.org',
      password: 'bench password',
    });
    if (signedUp.error || !signedUp.data.user)
      throw new Error(signedUp.error?.message ?? 'no user');
    const adminId = signedUp.data.user.id;
    const learners = 500;
    const generating = performance.now();
    await stack.query(agencySql(adminId, learners, [learners]));
    await stack.query(bulkActivitySql(learners, 400));
    const generatedMs = performance.now() - generating;
    const events = Number(
      (await stack.query('select count(*)::int as n from public.activity_events')).rows[0]!.n,
    );
    const {
      result: { rpcTimes, big, bigMs },
      load,
    } = await underMeasureLock(async () => {
      const rpcTimes: number[] = [];
      for (let run = 0; run <= 5; run++) {
        const rpcStarted = performance.now();
        await loadCohortStatistics(admin, cohortId(learners));
        if (run > 0) rpcTimes.push(performance.now() - rpcStarted);
      }
      const bigStarted = performance.now();
      const big = await loadCohortOverview(
        teamQueries(admin, adminId),
        catalogue,
        GENERATED_AGENCY,
        cohortId(learners),
        admin,
      );
      return { rpcTimes, big, bigMs: performance.now() - bigStarted };
    });
    lines.push(
      `dashboard: generated agency, ${learners} learners, ${events.toLocaleString('en')} events in the table (generated set-based in ${seconds(generatedMs)})`,
      figure(
        'pglite.cohort_statistics.500',
        median(rpcTimes),
        'ms',
        `dashboard: cohort_statistics through supabase-js → PostgREST → PGlite, ${learners} learners: ${median(rpcTimes).toFixed(0)} ms (median of 5)`,
      ),
      figure(
        'pglite.dashboard.500',
        bigMs,
        'ms',
        `dashboard: the whole dashboard load (people, programmes, statistics, completions) and scoring of ${big.learners.length} learners × ${catalogue.skills.length} skills as admin: ${bigMs.toFixed(0)} ms`,
      ),
      `dashboard: timed with ${load}`,
    );
  } finally {
    await stack.stop();
  }
  return lines;
}
