-- Issue 16 §2: record_activity adds its batch's statistics in one pass after validating each
-- event. The statistics it leaves are the ones the unit-by-unit path (add_evidence, as the
-- rebuild replays it) leaves; refused events add nothing; outside record_activity each event
-- still moves the statistics itself; and the batch pass counts only the caller's own events.
select plan(9);

create function tests.choice(id text, attempt text, node text, choice text, seq integer)
returns jsonb language sql as $$
  select jsonb_build_object('id', id, 'kind', 'choice', 'occurred_at', now() - interval '1 hour', 'attempt_id', attempt,
    'scenario_id', 'test-scenario', 'scenario_version', 'v1', 'node_id', node, 'choice_id', choice, 'mode', 'practice', 'seq', seq)
$$;
-- A learner's statistics of the test skill: every run, format and pooled sum, in one array.
create function tests.sums(persona text) returns double precision[] language sql as $$
  select array(
    select v from (
      select 1 as t, r.run_key as k, unnest(array[r.w, r.ap, r.am, r.sw, r.swt, r.swy, r.swtt, r.swty, r.swyy, r.events]) as v
      from public.skill_run_stats r where r.user_id = tests.id(persona) and r.skill_id = 'test-skill'
      union all
      select 2, f.format, unnest(array[f.a_plus, f.a_minus, f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.events, f.runs, f.snn, f.sna, f.saa])
      from public.skill_format_stats f where f.user_id = tests.id(persona) and f.skill_id = 'test-skill'
      union all
      select 3, '', unnest(array[s.t0, s.a_plus, s.a_minus, s.sw, s.swt, s.swy, s.swtt, s.swty, s.swyy, s.events])
      from public.skill_stats s where s.user_id = tests.id(persona) and s.skill_id = 'test-skill'
    ) x order by t, k)
$$;
create function tests.apart(a double precision[], b double precision[]) returns double precision language sql immutable as $$
  select case when cardinality(a) is distinct from cardinality(b) then 'infinity'
              else coalesce(max(abs(x - y) / greatest(1, abs(y))), 0) end from unnest(a, b) as u(x, y)
$$;
grant execute on all functions in schema tests to authenticated;

select tests.act_as('learner');
select is(
  (select jsonb_agg(o ->> 'status') from jsonb_array_elements(public.record_activity(jsonb_build_array(
    tests.choice('90000000-0000-4000-8000-0000000000b1', '70000000-0000-4000-8000-0000000000b1', 'a', 'good', 1),
    tests.choice('90000000-0000-4000-8000-0000000000b2', '70000000-0000-4000-8000-0000000000b1', 'b', 'nonsense', 2),
    tests.choice('90000000-0000-4000-8000-0000000000b3', '70000000-0000-4000-8000-0000000000b2', 'a', 'bad', 1),
    tests.choice('90000000-0000-4000-8000-0000000000b4', '70000000-0000-4000-8000-0000000000b1', 'b', 'x', 2),
    jsonb_build_object('id', '90000000-0000-4000-8000-0000000000b5', 'kind', 'check', 'occurred_at', now() - interval '2 hours',
      'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'a'),
    jsonb_build_object('id', '90000000-0000-4000-8000-0000000000b6', 'kind', 'check', 'occurred_at', now() - interval '3 hours',
      'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'b')))) o),
  '["accepted", "refused", "accepted", "accepted", "accepted", "accepted"]'::jsonb,
  'a batch: decisions of two attempts, one refused, two check answers');
select is((select r.events from public.skill_run_stats r where r.user_id = tests.id('learner')
  and r.run_key = 'run:70000000-0000-4000-8000-0000000000b1'), 2, 'the attempt''s run holds its two accepted decisions, not the refused one');
select is((select r.events from public.skill_run_stats r where r.user_id = tests.id('learner')
  and r.run_key = 'check:test/lesson#q1'), 3, 'the check item''s run holds the fixture''s answer and the batch''s two');
select is(current_setting('casecraft.statistics_by_batch', true), 'off', 'record_activity leaves its statistics setting off');

-- The same statistics as add_evidence unit by unit (the rebuild replays the evidence in time order).
reset role;
create temporary table batch_sums as select tests.sums('learner') as sums;
select private.rebuild_statistics(tests.id('learner'), 'test-skill');
select cmp_ok(tests.apart((select sums from batch_sums), tests.sums('learner')), '<', 1e-12::double precision,
  'the batch''s statistics are the unit-by-unit path''s');
select ok(cardinality((select sums from batch_sums)) > 30, 'runs, formats and pooled sums were compared');

-- Outside record_activity (a direct insert), an event moves the statistics at once.
select tests.act_as('learner');
insert into public.activity_events (id, kind, occurred_at, lesson_id, item_id, option_id)
values ('90000000-0000-4000-8000-0000000000b7', 'check', now() - interval '1 hour', 'test/lesson', 'q1', 'c');
select is((select r.events from public.skill_run_stats r where r.user_id = tests.id('learner')
  and r.run_key = 'check:test/lesson#q1'), 4, 'a direct insert is counted by its own trigger');

-- The batch pass counts only the caller's own events: another learner's new event adds nothing.
reset role;
set local casecraft.statistics_by_batch = 'on';
insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
values ('90000000-0000-4000-8000-0000000000b8', tests.id('other_learner'), 'check', now() - interval '1 hour', 'test/lesson', 'q1', 'b');
set local casecraft.statistics_by_batch = 'off';
select is(tests.sums('other_learner'), '{}', 'an event whose statistics wait for its batch has none yet');
select tests.act_as('learner');
select private.add_batch_statistics(array['90000000-0000-4000-8000-0000000000b8'::uuid]);
reset role;
select is(tests.sums('other_learner'), '{}', 'and the learner cannot add another learner''s event to the statistics');

select * from finish();
