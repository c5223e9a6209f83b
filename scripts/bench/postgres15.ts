import pg from 'pg';
import { loadAllContent } from '../../src/library/check-content';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import type { ScenarioChoiceRecord } from '../../src/services/progress/records';
import { startPostgres15, type Postgres15 } from '../lib/postgres15';
import {
  agencySql,
  bulkActivitySql,
  cohortId,
  GENERATED_AGENCY,
  SAME_AS_TRIGGERS_SQL,
  triggeredSampleSql,
} from './agency-fixture';
import { figure, median, type BenchLine } from './figures';
import { underMeasureLock } from './measure-lock';
import { simulatedRecords } from './scoring';

/**
 * The team reads and ingest on PostgreSQL 15 (a throwaway cluster from Debian's binaries,
 * as `test:db` uses), at the sizes issue 16 names: cohorts of 100 to 5,000 learners with
 * 400 answers each (2M events at 5,000), `cohort_statistics` and `agency_dispersion` as an
 * agency admin, and `record_activity` from 20 concurrent connections. Calls run as PostgREST
 * runs them: in a transaction with `role authenticated` and the JWT claims set locally.
 */

const ADMIN = '00000000-0000-4000-e000-0000000000ad';
const COHORT_SIZES = [100, 500, 1000, 2000, 5000];
const PER_LEARNER = 400;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** SQL as a signed-in user, the way PostgREST runs a request. */
async function asUser<T>(client: pg.Client, userId: string, run: () => Promise<T>): Promise<T> {
  await client.query(
    `begin; set local role authenticated; select set_config('request.jwt.claims', '${JSON.stringify({ sub: userId, role: 'authenticated' })}', true)`,
  );
  try {
    const result = await run();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function timed(client: pg.Client, sql: string, params: unknown[], runs = 5) {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const result = await asUser(client, ADMIN, () => client.query(sql, params));
    // The first run warms the cache and is not counted.
    if (run > 0) times.push(performance.now() - started);
    bytes = JSON.stringify(result.rows[0]).length;
  }
  return { ms: median(times), bytes };
}

/** The plans of the statements inside a function (auto_explain), as PostgreSQL prints them. */
async function plansOf(client: pg.Client, sql: string, params: unknown[]): Promise<string[]> {
  const plans: string[] = [];
  const collect = (notice: { message?: string }) => {
    if (notice.message?.includes('Query Text')) plans.push(notice.message);
  };
  client.on('notice', collect);
  try {
    await client.query(
      `load 'auto_explain'; set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on;
       set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on; set client_min_messages = log`,
    );
    await asUser(client, ADMIN, () => client.query(sql, params));
  } finally {
    await client.query('reset client_min_messages; set auto_explain.log_min_duration = -1');
    client.off('notice', collect);
  }
  return plans;
}

async function benchReads(cluster: Postgres15, explain: boolean): Promise<BenchLine[]> {
  const { client } = cluster;
  const lines: BenchLine[] = [];
  await client.query(
    `insert into auth.users (id, email) values ('${ADMIN}', 'bench.admin@example.org')`,
  );
  await client.query(agencySql(ADMIN, Math.max(...COHORT_SIZES), COHORT_SIZES));
  // Three sample learners through the triggers, then everyone else in bulk.
  await client.query(triggeredSampleSql(3, PER_LEARNER));
  const started = performance.now();
  await client.query(bulkActivitySql(Math.max(...COHORT_SIZES), PER_LEARNER));
  const generatedMs = performance.now() - started;
  const events = Number(
    (await client.query<{ n: string }>('select count(*)::bigint as n from public.activity_events'))
      .rows[0]!.n,
  );
  const difference = Number(
    (await client.query<{ difference: number }>(SAME_AS_TRIGGERS_SQL)).rows[0]!.difference,
  );
  lines.push(
    figure(
      'pg15.fixture.events',
      events,
      'events',
      `postgresql-15: ${events.toLocaleString('en')} events generated set-based with their evidence and statistics in ${seconds(generatedMs)}`,
    ),
    figure(
      'pg15.fixture.generate',
      generatedMs,
      'ms',
      `postgresql-15: fixture generation ${Math.round(generatedMs)} ms`,
    ),
    difference < 0
      ? figure(
          'pg15.fixture.bulk_vs_triggers',
          difference,
          'relative',
          'postgresql-15: bulk path DIFFERS from the triggers on the sample (missing or extra rows)',
        )
      : figure(
          'pg15.fixture.bulk_vs_triggers',
          difference,
          'relative',
          `postgresql-15: bulk path = triggers on 3 sample learners × ${PER_LEARNER} answers (same evidence rows; statistics within ${difference.toExponential(1)} relative)`,
        ),
  );
  const { result: reads, load } = await underMeasureLock(async () => {
    const cohorts = [];
    for (const size of COHORT_SIZES)
      cohorts.push(
        await timed(client, 'select public.cohort_statistics($1)::text as doc', [cohortId(size)]),
      );
    const dispersion = await timed(client, 'select * from public.agency_dispersion($1)', [
      GENERATED_AGENCY,
    ]);
    return { cohorts, dispersion };
  });
  COHORT_SIZES.forEach((size, index) => {
    const { ms, bytes } = reads.cohorts[index]!;
    lines.push(
      figure(
        `pg15.cohort_statistics.${size}`,
        ms,
        'ms',
        `postgresql-15: cohort_statistics, ${size} learners (${(size * PER_LEARNER).toLocaleString('en')} of their events; ${(bytes / 1024).toFixed(0)} KB): ${ms.toFixed(1)} ms (median of 5)`,
      ),
    );
  });
  lines.push(
    figure(
      'pg15.agency_dispersion',
      reads.dispersion.ms,
      'ms',
      `postgresql-15: agency_dispersion over ${Math.max(...COHORT_SIZES) + 3} learners: ${reads.dispersion.ms.toFixed(1)} ms (median of 5)`,
    ),
    `postgresql-15: reads timed with ${load}`,
  );
  if (explain) {
    for (const plan of await plansOf(client, 'select public.cohort_statistics($1)', [
      cohortId(500),
    ]))
      lines.push(`\n### plan: cohort_statistics, 500 learners\n${plan}`);
    for (const plan of await plansOf(client, 'select * from public.agency_dispersion($1)', [
      GENERATED_AGENCY,
    ]))
      lines.push(
        `\n### plan: agency_dispersion, ${Math.max(...COHORT_SIZES) + 3} learners\n${plan}`,
      );
  }
  return lines;
}

/**
 * 20 connections, each a new learner sending her scenario choices in batches of `batch`
 * (issue 16 names 25 to 100; 50 is the figure quoted over time, `pg15.ingest.rate`).
 */
async function benchIngest(cluster: Postgres15, batch: number): Promise<BenchLine[]> {
  const scenarios = loadAllContent(process.cwd()).scenarios.map((entry) => entry.scenario);
  const clients = 20;
  const perClient = 500;
  const learners = Array.from(
    { length: clients },
    (_, index) =>
      `00000000-0000-4000-e${String(batch).padStart(3, '0')}-${String(index + 1).padStart(12, '0')}`,
  );
  await cluster.client.query<{ n: number }>(
    `insert into auth.users (id, email) select id::uuid, id || '@ingest.example.org' from unnest($1::text[]) id`,
    [learners],
  );
  const events = learners.map((_, index) => {
    const attempts = new Map<string, string>();
    return simulatedRecords(scenarios, perClient, index + 1).map((record) => {
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
  const connections = await Promise.all(
    learners.map(async () => {
      const client = new pg.Client(cluster.connection);
      await client.connect();
      return client;
    }),
  );
  try {
    // Timed inside the lock: waiting for another measurement to finish is not ingest time.
    const {
      result: { accepted, elapsed },
      load,
    } = await underMeasureLock(async () => {
      const started = performance.now();
      const accepted = await Promise.all(
        connections.map(async (client, index) => {
          let count = 0;
          const own = events[index]!;
          for (let start = 0; start < own.length; start += batch) {
            const result = await asUser(client, learners[index]!, () =>
              client.query<{ accepted: number }>(
                `select count(*) filter (where outcome ->> 'status' = 'accepted')::int as accepted
               from jsonb_array_elements(public.record_activity($1::jsonb)) outcome`,
                [JSON.stringify(own.slice(start, start + batch))],
              ),
            );
            count += result.rows[0]!.accepted;
          }
          return count;
        }),
      );
      return { accepted, elapsed: performance.now() - started };
    });
    const total = clients * perClient;
    const ok = accepted.reduce((sum, count) => sum + count, 0);
    const stored = Number(
      (
        await cluster.client.query<{ n: number }>(
          `select count(*)::int as n from public.activity_events where user_id = any ($1::uuid[])`,
          [learners],
        )
      ).rows[0]!.n,
    );
    const evidence = Number(
      (
        await cluster.client.query<{ n: number }>(
          `select count(distinct event_id)::int as n from public.evidence where user_id = any ($1::uuid[])`,
          [learners],
        )
      ).rows[0]!.n,
    );
    const rate = total / (elapsed / 1000);
    return [
      figure(
        batch === 50 ? 'pg15.ingest.rate' : `pg15.ingest.rate.batch${batch}`,
        rate,
        'events/s',
        `postgresql-15: ingest ${total.toLocaleString('en')} scenario choices from ${clients} connections (record_activity, batches of ${batch}, as PostgREST calls it, direct SQL): ${Math.round(rate).toLocaleString('en')} events/s (${seconds(elapsed)}, each validated and scored by the database)`,
      ),
      figure(
        batch === 50 ? 'pg15.ingest.lost' : `pg15.ingest.lost.batch${batch}`,
        total - Math.min(ok, stored),
        'events',
        `postgresql-15: ${ok} accepted, ${stored} stored, ${evidence} with evidence — ${ok === total && stored === total ? 'exact, nothing lost' : 'MISMATCH'}`,
      ),
      `postgresql-15: ingest timed with ${load}`,
    ];
  } finally {
    await Promise.all(connections.map((client) => client.end()));
  }
}

/**
 * `npm run bench -- postgres15` (add `--explain` for the plans of the hot reads; `--part=ingest`
 * or `--part=reads` for one half). With BENCH_LOCK=<file> the timed parts hold that flock.
 */
export async function benchPostgres15(): Promise<BenchLine[]> {
  const cluster = await startPostgres15({
    settings: ['-c shared_buffers=256MB', '-c max_connections=50'],
  });
  if (!cluster)
    return [
      'postgresql-15: SKIPPED — server binaries not installed (/usr/lib/postgresql/15/bin; apt-get install postgresql-15)',
    ];
  const part = process.argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length);
  try {
    return [
      `postgresql-15: fsync on, synchronous_commit on (the defaults, as a hosted project runs); shared_buffers 256MB, max_connections 50`,
      ...(part === 'reads' ? [] : await benchIngest(cluster, 50)),
      ...(part === 'reads' ? [] : await benchIngest(cluster, 25)),
      ...(part === 'reads' ? [] : await benchIngest(cluster, 100)),
      ...(part === 'ingest' ? [] : await benchReads(cluster, process.argv.includes('--explain'))),
    ];
  } finally {
    await cluster.stop();
  }
}
