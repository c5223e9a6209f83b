/**
 * A generated agency for the team-read benches: N learners in one agency, cohorts of the
 * first n of them, and knowledge-check answers spread over 180 days (real published items,
 * each learner right more or less often), as SQL run by the database owner.
 *
 * Two paths to the same statistics:
 * - `triggered`: events inserted normally, so that validation, evidence derivation and the
 *   statistics triggers run per event (what production does; slow for millions);
 * - `bulk`: events and their evidence inserted set-based with triggers off, then every
 *   statistic rebuilt set-based by `private.rebuild_all_statistics()` (fast).
 * `sameAsTriggers` proves on a sample that the bulk path yields what the triggers yield.
 */

export const GENERATED_AGENCY = '00000000-0000-4000-e000-000000000001';
export const cohortId = (size: number) =>
  `00000000-0000-4000-e000-${String(size).padStart(12, '0')}`;
const learnerId = (prefix: string, n: number) =>
  `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;

/** The published check items, the correct option first. */
const ITEMS = `
  create temporary table if not exists bench_items as
  select (row_number() over (order by i.lesson_id, i.item_id) - 1)::integer as k, i.lesson_id, i.item_id, i.skill_id,
         i.option_count, array_agg(o.option_id order by o.correct desc, o.option_id) as options
  from public.catalog_check_items i join public.catalog_check_options o using (lesson_id, item_id)
  group by i.lesson_id, i.item_id, i.skill_id, i.option_count;`;

/** Check answers for learners first..last of `prefix`: learner n is right about (30 + n mod 60)% of the time. */
const events = (prefix: string, first: number, last: number, perLearner: number) => `
  insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
  select gen_random_uuid(), ('00000000-0000-4000-${prefix}-' || lpad(to_hex(l.n), 12, '0'))::uuid, 'check',
         now() - ((g * 7919 + l.n * 104729) % (180 * 24 * 60)) * interval '1 minute', i.lesson_id, i.item_id,
         case when (g * 31 + l.n * 17) % 100 < 30 + l.n % 60 then i.options[1]
              else i.options[2 + (g * 13 + l.n) % (cardinality(i.options) - 1)] end
  from generate_series(${first}, ${last}) l (n)
  cross join generate_series(1, ${perLearner}) g
  join bench_items i on i.k = (g * 7 + l.n) % (select count(*) from bench_items);`;

/** Evidence of check events, as derive_evidence makes it (the formula score, weight and cap r). */
const evidenceOf = (where: string) => `
  select a.id as event_id, i.skill_id, a.user_id, 'check:' || a.lesson_id || '#' || a.item_id as run_key,
         private.source_weight('check') as cap, private.source_weight('check') as weight,
         private.check_score(o.correct, i.option_count) as score, a.occurred_at
  from public.activity_events a
  join public.catalog_check_items i on i.lesson_id = a.lesson_id and i.item_id = a.item_id
  join public.catalog_check_options o on o.lesson_id = a.lesson_id and o.item_id = a.item_id and o.option_id = a.option_id
  where a.kind = 'check' and ${where}`;

const people = (prefix: string, first: number, last: number) => `
  insert into auth.users (id, email)
  select ('00000000-0000-4000-${prefix}-' || lpad(to_hex(n), 12, '0'))::uuid, 'learner' || n || '.${prefix}@generated.example.org'
  from generate_series(${first}, ${last}) n;
  insert into public.memberships (organisation_id, user_id, role, display_name)
  select '${GENERATED_AGENCY}', ('00000000-0000-4000-${prefix}-' || lpad(to_hex(n), 12, '0'))::uuid, 'learner', 'Learner ' || n
  from generate_series(${first}, ${last}) n;`;

/** The agency, its admin (an existing auth user) and the cohorts (the first `size` learners each). */
export function agencySql(adminId: string, learners: number, cohortSizes: readonly number[]) {
  return `
  begin;
  set local session_replication_role = replica;
  insert into public.organisations (id, name, created_by) values ('${GENERATED_AGENCY}', 'Generated agency', '${adminId}');
  insert into public.memberships (organisation_id, user_id, role, display_name) values ('${GENERATED_AGENCY}', '${adminId}', 'admin', 'Bench admin');
  ${people('f000', 1, learners)}
  insert into public.cohorts (id, organisation_id, name)
  select ('00000000-0000-4000-e000-' || lpad(size::text, 12, '0'))::uuid, '${GENERATED_AGENCY}', size || ' learners'
  from unnest(array[${cohortSizes.join(', ')}]::integer[]) size;
  insert into public.cohort_members (cohort_id, user_id, role)
  select ('00000000-0000-4000-e000-' || lpad(size::text, 12, '0'))::uuid, ('00000000-0000-4000-f000-' || lpad(to_hex(n), 12, '0'))::uuid, 'learner'
  from unnest(array[${cohortSizes.join(', ')}]::integer[]) size cross join lateral generate_series(1, size) n;
  commit;`;
}

/** The bulk path: every learner's answers and evidence set-based, then the statistics rebuilt. */
export function bulkActivitySql(learners: number, perLearner: number) {
  return `
  ${ITEMS}
  begin;
  set local session_replication_role = replica;
  ${events('f000', 1, learners, perLearner)}
  insert into public.evidence (event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at)
  ${evidenceOf(`a.user_id::text like '00000000-0000-4000-f000-%'`)};
  commit;
  select private.rebuild_all_statistics();
  analyze;`;
}

/**
 * The sample's per-format totals with S± decayed to one fixed day (not now(), which moves
 * between the two reads): comparable across transactions.
 */
const SAMPLE_TOTALS = `
  select f.user_id, f.skill_id, f.format,
         f.a_plus * power(2::double precision, (s.t0 - 2500) / private.half_life_days()) as s_plus,
         f.a_minus * power(2::double precision, (s.t0 - 2500) / private.half_life_days()) as s_minus,
         f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.events, f.runs, f.snn, f.sna, f.saa
  from public.skill_format_stats f join public.skill_stats s on s.user_id = f.user_id and s.skill_id = f.skill_id
  where f.user_id::text like '00000000-0000-4000-f001-%'`;

/** A few sample learners (prefix f001) whose answers go through the triggers, one event at a time. */
export function triggeredSampleSql(learners: number, perLearner: number) {
  return `
  ${ITEMS}
  begin;
  set local session_replication_role = replica;
  ${people('f001', 1, learners)}
  commit;
  ${events('f001', 1, learners, perLearner)}
  create temporary table bench_triggered as ${SAMPLE_TOTALS};`;
}

/**
 * After `triggeredSampleSql` and `bulkActivitySql` (whose rebuild re-derives the sample's
 * statistics from its evidence): the sample's evidence as the bulk path writes it equals the
 * evidence the triggers wrote, and its rebuilt per-format totals equal the triggers'. Returns
 * the largest relative difference over every sum (and -1 when anything is missing or extra).
 */
export const SAME_AS_TRIGGERS_SQL = `
  with bulk as (${evidenceOf(`a.user_id::text like '00000000-0000-4000-f001-%'`)}),
  stored as (select event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at from public.evidence
             where user_id::text like '00000000-0000-4000-f001-%'),
  evidence_differs as (select count(*) as n from ((select * from bulk except select * from stored) union all (select * from stored except select * from bulk)) d),
  rebuilt as (${SAMPLE_TOTALS}),
  pairs as (
    select t.*, r.user_id as rebuilt_user, r.s_plus as r_s_plus, r.s_minus as r_s_minus, r.sw as r_sw, r.swt as r_swt, r.swy as r_swy,
           r.swtt as r_swtt, r.swty as r_swty, r.swyy as r_swyy, r.events as r_events, r.runs as r_runs, r.snn as r_snn, r.sna as r_sna, r.saa as r_saa
    from bench_triggered t full join rebuilt r using (user_id, skill_id, format)
  )
  select case when (select n from evidence_differs) > 0 or (select count(*) from bench_triggered) = 0
                or exists (select 1 from pairs where rebuilt_user is null or s_plus is null or events <> r_events or runs <> r_runs)
              then -1
              else (select max(greatest(
                abs(s_plus - r_s_plus) / greatest(1, abs(s_plus)), abs(s_minus - r_s_minus) / greatest(1, abs(s_minus)),
                abs(sw - r_sw) / greatest(1, abs(sw)), abs(swt - r_swt) / greatest(1, abs(swt)), abs(swy - r_swy) / greatest(1, abs(swy)),
                abs(swtt - r_swtt) / greatest(1, abs(swtt)), abs(swty - r_swty) / greatest(1, abs(swty)), abs(swyy - r_swyy) / greatest(1, abs(swyy)),
                abs(snn - r_snn) / greatest(1, abs(snn)), abs(sna - r_sna) / greatest(1, abs(sna)), abs(saa - r_saa) / greatest(1, abs(saa))))
                from pairs) end as difference`;

export const sampleLearner = (n: number) => learnerId('f001', n);
