-- Statistics per response format (issue 14): runs know their format, format rows are the
-- capped sums of their runs, the pooled sums are the sum of the formats; checks are
-- formula-scored; the set-based rebuild equals the triggers; the per-format view, the cohort
-- dashboard's RPC and the agency dispersion RPC show each caller exactly what they may see.
select plan(37);

-- A format row as it should be: the capped sums of the format's runs.
create function tests.format_rows_from_runs() returns table (user_id uuid, skill_id text, format text, sums double precision[], events integer, runs integer)
language sql as $$
  select r.user_id, r.skill_id, r.format,
    array[sum(r.k * r.ap), sum(r.k * r.am), sum(r.k * r.sw), sum(r.k * r.swt), sum(r.k * r.swy), sum(r.k * r.swtt), sum(r.k * r.swty),
      sum(r.k * r.swyy), sum((r.k * r.sw) ^ 2), sum((r.k * r.swy) * (r.k * r.sw)), sum((r.k * r.swy) ^ 2)],
    sum(r.events)::integer, count(*)::integer
  from (select r.*, case when r.cap is null or r.w <= r.cap then 1 else r.cap / r.w end as k from public.skill_run_stats r) r
  group by r.user_id, r.skill_id, r.format
$$;
create function tests.format_rows() returns table (user_id uuid, skill_id text, format text, sums double precision[], events integer, runs integer)
language sql as $$
  select f.user_id, f.skill_id, f.format, array[f.a_plus, f.a_minus, f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.snn, f.sna, f.saa],
    f.events, f.runs
  from public.skill_format_stats f
$$;
-- Largest relative difference between two arrays of sums.
create function tests.apart(a double precision[], b double precision[]) returns double precision language sql immutable as $$
  select coalesce(max(abs(x - y) / greatest(1, abs(y))), 0) from unnest(a, b) as u(x, y)
$$;
create function tests.formats_match_runs() returns text language sql as $$
  select coalesce(string_agg(format('%s/%s/%s', coalesce(a.skill_id, b.skill_id), coalesce(a.format, b.format), coalesce(a.runs, -1)), ', '), 'match')
  from tests.format_rows() a
  full join tests.format_rows_from_runs() b using (user_id, skill_id, format)
  where a.user_id is null or b.user_id is null or a.events <> b.events or a.runs <> b.runs or tests.apart(a.sums, b.sums) > 1e-12
$$;
create function tests.pooled_match_formats() returns text language sql as $$
  select coalesce(string_agg(s.user_id || '/' || s.skill_id, ', '), 'match')
  from public.skill_stats s
  left join (
    select f.user_id, f.skill_id, array[sum(f.a_plus), sum(f.a_minus), sum(f.sw), sum(f.swt), sum(f.swy), sum(f.swtt), sum(f.swty), sum(f.swyy)] as sums,
      sum(f.events)::integer as events
    from public.skill_format_stats f group by f.user_id, f.skill_id
  ) f using (user_id, skill_id)
  where f.user_id is null or f.events <> s.events
    or tests.apart(array[s.a_plus, s.a_minus, s.sw, s.swt, s.swy, s.swtt, s.swty, s.swyy], f.sums) > 1e-12
$$;

-- The n-th big-endian float8 of a byte string.
create function tests.float8_at(bytes bytea, n integer)
returns double precision
language sql immutable as $$
  select case when e = 2047 then 'NaN'::double precision
              else (case when get_byte(bytes, n * 8) >= 128 then -1 else 1 end)
                   * (case when e = 0 then m * 2::double precision ^ (-1074) else (1 + m * 2::double precision ^ (-52)) * 2::double precision ^ (e - 1023) end) end
  from (select ((get_byte(bytes, n * 8) & 127) << 4) | (get_byte(bytes, n * 8 + 1) >> 4) as e,
               ((get_byte(bytes, n * 8 + 1) & 15)::bigint << 48) | (get_byte(bytes, n * 8 + 2)::bigint << 40) | (get_byte(bytes, n * 8 + 3)::bigint << 32)
               | (get_byte(bytes, n * 8 + 4)::bigint << 24) | (get_byte(bytes, n * 8 + 5)::bigint << 16) | (get_byte(bytes, n * 8 + 6)::bigint << 8)
               | get_byte(bytes, n * 8 + 7)::bigint as m) parts
$$;
grant execute on function tests.float8_at(bytea, integer) to authenticated;
-- The rows of cohort_statistics' JSON document (its compact shape: 20261203180100).
create function tests.cohort_rows(cohort uuid)
returns table (user_id uuid, skill_id text, format text, s_plus double precision, s_minus double precision, swtt double precision, events integer, last_at timestamptz)
language sql as $$
  with doc as (select public.cohort_statistics(cohort) as d),
  sums as (select decode(d -> 'columns' ->> 'sums', 'base64') as b from doc)
  select (d -> 'learners' ->> (c -> 'learner' ->> i)::integer)::uuid, d -> 'skills' ->> (c -> 'skill' ->> i)::integer,
    d -> 'formats' ->> (c -> 'format' ->> i)::integer,
    tests.float8_at(b, i * 8), tests.float8_at(b, i * 8 + 1), tests.float8_at(b, i * 8 + 5),
    (c -> 'events' ->> i)::integer, to_timestamp((c -> 'last_at_ms' ->> i)::double precision / 1000)
  from doc cross join sums cross join lateral (select d -> 'columns' as c) x
  cross join generate_series(0, json_array_length(d -> 'columns' -> 'learner') - 1) i
$$;
grant execute on function tests.cohort_rows(uuid) to authenticated;

-- 1. Formats from the fixtures: a check answer and a decision of the learner.
select results_eq(
  $$select format, run_key from skill_run_stats where user_id = tests.id('learner') order by format$$,
  $$values ('check'::text, 'check:test/lesson#q1'::text), ('choice', 'run:70000000-0000-4000-8000-000000000001')$$,
  'each run knows its response format, from its key');
select is(tests.formats_match_runs(), 'match', 'each format row holds the capped sums of its runs');
select is(tests.pooled_match_formats(), 'match', 'the pooled sums are the sum of the format rows');

-- 2. Formula-scored checks: a wrong answer to the 4-option item scores −1/3 with weight r.
select tests.act_as('learner');
select is((public.record_activity(jsonb_build_array(jsonb_build_object('id', '90000000-0000-4000-8000-000000000001', 'kind', 'check',
  'occurred_at', now(), 'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'a')))) -> 0 ->> 'status', 'accepted', 'a wrong answer is accepted');
reset role;
select is((select (weight, score) from evidence where event_id = '90000000-0000-4000-8000-000000000001'),
  (0.5::double precision, (-1::double precision / 3)), 'a wrong answer scores −1/(m − 1) with the check''s weight');
-- The item's run now holds two answers (w = 1) capped at one answer's weight (k = 1/2):
-- N = 0.5, A = 0.5·(0.5·1 + 0.5·(−1/3)) = 1/6.
select ok((select abs(sw - 0.5) + abs(swy - 1.0 / 6) + abs(snn - 0.25) + abs(sna - 1.0 / 12) + abs(saa - 1.0 / 36) < 1e-15 and runs = 1 and events = 2
  from skill_format_stats where user_id = tests.id('learner') and skill_id = 'test-skill' and format = 'check'),
  'the check format row: capped N and A, one run, both answers counted');
select is(tests.formats_match_runs(), 'match', 'format rows still match their runs');
select is(tests.pooled_match_formats(), 'match', 'pooled sums still match the formats');

-- 3. Observations are their own format, one run each.
insert into public.activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
values ('90000000-0000-4000-8000-000000000002', tests.id('learner'), 'observation', now() - interval '2 hours', 'test-skill', 0.8, 2, tests.id('supervisor'));
select is((select (format, runs, sw, swy) from skill_format_stats where user_id = tests.id('learner') and format = 'observation'),
  ('observation'::text, 1, 2::double precision, 1.6::double precision), 'an observation adds an observation row');

-- 4. Scores: only a check's may be negative, and never below −1.
select throws_ok($$insert into evidence (event_id, skill_id, user_id, run_key, weight, score, occurred_at)
  values (tests.id('event'), 'other-skill', tests.id('learner'), 'run:x', 1, -0.1, now())$$, '23514', null, 'a choice''s evidence cannot score below 0');
select throws_ok($$insert into evidence (event_id, skill_id, user_id, run_key, weight, score, occurred_at)
  values (tests.id('event'), 'other-skill', tests.id('learner'), 'check:x#y', 1, -1.5, now())$$, '23514', null, 'a check''s evidence cannot score below −1');
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'run:x', null, 1, -0.2, now())$$, '22003', null,
  'add_evidence refuses a negative score outside a check');
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'other:x', null, 1, 0.5, now())$$, '22023', null,
  'add_evidence refuses a run key that names no format');
select throws_ok($$update skill_run_stats set format = 'check' where run_key like 'run:%'$$, '42501', null,
  'a run''s format never changes');

-- 5. The set-based rebuild leaves what the triggers left.
create temporary table by_triggers on commit drop as
select f.user_id, f.skill_id, f.format, f.sums, f.events, f.runs, t.s_plus, t.s_minus
from tests.format_rows() f join skill_format_totals t using (user_id, skill_id, format);
create temporary table runs_by_triggers on commit drop as select * from skill_run_stats;
select private.rebuild_all_statistics();
select is(
  (select count(*)::integer from by_triggers b full join (
     select f.*, t.s_plus, t.s_minus from tests.format_rows() f join skill_format_totals t using (user_id, skill_id, format)) a using (user_id, skill_id, format)
   where a.user_id is null or b.user_id is null or a.events <> b.events or a.runs <> b.runs
     or tests.apart(array[a.s_plus, a.s_minus] || a.sums[3:11], array[b.s_plus, b.s_minus] || b.sums[3:11]) > 1e-12),
  0, 'rebuild_all_statistics gives the format rows the triggers gave (sums decayed to now)');
select is(
  (select count(*)::integer from runs_by_triggers b full join skill_run_stats a using (user_id, skill_id, run_key)
   where a.user_id is null or b.user_id is null or a.format <> b.format or a.cap is distinct from b.cap or a.events <> b.events
     or tests.apart(array[a.w, a.sw, a.swt, a.swy, a.swtt, a.swty, a.swyy], array[b.w, b.sw, b.swt, b.swy, b.swtt, b.swty, b.swyy]) > 1e-12),
  0, 'and the runs');
select is(tests.pooled_match_formats(), 'match', 'and the pooled sums');

-- 6. Removing evidence rebuilds the format rows from what remains.
delete from public.activity_events where id = '90000000-0000-4000-8000-000000000001';
select ok((select abs(sw - 0.5) + abs(swy - 0.5) < 1e-15 and runs = 1 and events = 1
  from skill_format_stats where user_id = tests.id('learner') and format = 'check'), 'deleting the wrong answer takes it out of the check row');
select is(tests.formats_match_runs(), 'match', 'format rows match their runs after a deletion');

-- 7. The per-format view: read like activity.
select tests.act_as('learner');
select is((select array_agg(distinct user_id) from skill_format_totals), array[tests.id('learner')], 'a learner reads her own format totals');
select ok((select bool_and(abs(t.s_plus - f.a_plus * power(2, -(private.epoch_days(now()) - s.t0) / 180)) < 1e-12)
  from skill_format_totals t join skill_format_stats f using (user_id, skill_id, format) join skill_stats s using (user_id, skill_id)),
  'S⁺ is the format''s decayed sum at now');
select tests.act_as('other_learner');
select is((select count(*)::integer from skill_format_totals where user_id = tests.id('learner')), 0, 'another learner reads none of hers');
select tests.act_as('other_supervisor');
select is((select count(*)::integer from skill_format_totals where user_id = tests.id('learner')), 0, 'nor does a supervisor of another cohort');
select tests.act_as('supervisor');
select is((select count(*)::integer from skill_format_totals where user_id = tests.id('learner')), 3, 'her supervisor reads her three formats');

-- 8. cohort_statistics: the cohort's learners, for its supervisors and its agency's admins.
select bag_eq($$select user_id, skill_id, format, events from tests.cohort_rows(tests.id('cohort_a1'))$$,
  $$select user_id, skill_id, format, events from skill_format_totals where user_id = tests.id('learner')$$,
  'the supervisor gets every format row of the cohort''s learners');
select ok((select bool_and(abs(c.s_plus - t.s_plus) + abs(c.s_minus - t.s_minus) + abs(c.swtt - t.swtt) < 1e-9
    and abs(extract(epoch from c.last_at - t.last_at)) < 0.001)
  from tests.cohort_rows(tests.id('cohort_a1')) c join skill_format_totals t using (user_id, skill_id, format)), 'with the same sums as the view');
select throws_ok($$select * from cohort_statistics(tests.id('cohort_a2'))$$, '42501', null, 'not for a cohort she does not supervise');
select throws_ok($$select * from cohort_statistics(gen_random_uuid())$$, '42501', null, 'nor for a cohort that does not exist (same answer)');
select tests.act_as('admin');
select is((select count(*)::integer from tests.cohort_rows(tests.id('cohort_a1'))), 3, 'the agency''s admin gets the cohort''s rows');
select is(cohort_statistics(tests.id('cohort_a2')) -> 'columns' ->> 'learner', '[]', 'and a cohort without statistics no rows');
select tests.act_as('other_admin');
select throws_ok($$select * from cohort_statistics(tests.id('cohort_a1'))$$, '42501', null, 'another agency''s admin gets nothing');
reset role;
update public.memberships set status = 'removed' where organisation_id = tests.id('org_a') and user_id = tests.id('other_supervisor');
insert into public.cohort_members (cohort_id, user_id, role) values (tests.id('cohort_a1'), tests.id('other_supervisor'), 'supervisor');
select tests.act_as('other_supervisor');
select throws_ok($$select * from cohort_statistics(tests.id('cohort_a1'))$$, '42501', null, 'a supervisor who left the agency gets nothing');

-- 9. agency_dispersion: two choice runs of the learner (y = 1 and y = 0, N = 0.5 each):
--    p = 1/2, RSS = 1/4 − 1/4 + 1/8, numerator = 2·RSS = 1/4, denominator = 1·1/4 + 1/4, df 1.
select tests.act_as('learner');
select is((public.record_activity(jsonb_build_array(jsonb_build_object('id', '90000000-0000-4000-8000-000000000003', 'kind', 'choice',
  'occurred_at', now(), 'attempt_id', '70000000-0000-4000-8000-000000000002', 'scenario_id', 'test-scenario', 'scenario_version', 'v1',
  'node_id', 'a', 'choice_id', 'bad', 'mode', 'assessment', 'seq', 1)))) -> 0 ->> 'status', 'accepted', 'a second attempt');
select throws_ok($$select * from agency_dispersion(tests.id('org_a'))$$, '42501', null, 'a learner gets no dispersion sums');
select tests.act_as('supervisor');
select throws_ok($$select * from agency_dispersion(tests.id('org_a'))$$, '42501', null, 'nor does a supervisor');
select tests.act_as('other_admin');
select throws_ok($$select * from agency_dispersion(tests.id('org_a'))$$, '42501', null, 'nor another agency''s admin');
select tests.act_as('admin');
select results_eq($$select format, numerator, denominator, df, cells from agency_dispersion(tests.id('org_a'))$$,
  $$values ('check'::text, 0::double precision, 0::double precision, 0::bigint, 0::bigint),
           ('choice', 0.25, 0.5, 1, 1), ('observation', 0, 0, 0, 0)$$,
  'the admin gets per format the sums of the cells with two runs or more (aggregates only)');

select * from finish();
