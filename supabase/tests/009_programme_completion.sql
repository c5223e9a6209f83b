-- Issue 19 §2: what completes a programme item is data, derived by the server from its own
-- records. A lesson: every published check item answered. A scenario: an attempt that reached
-- an ending, with `first_assessed_at` when one was assessed; the item's required_mode says
-- which is needed (new scenario items: assessment).
select plan(20);

create function tests.check_answer(id text, item text)
returns jsonb language sql as $$
  select jsonb_build_object('id', id, 'kind', 'check', 'occurred_at', now(), 'lesson_id', 'test/lesson',
    'item_id', item, 'option_id', 'a')
$$;
create function tests.choice(id text, attempt text, node text, choice text, seq integer, mode text)
returns jsonb language sql as $$
  select jsonb_build_object('id', id, 'kind', 'choice', 'occurred_at', now(), 'attempt_id', attempt,
    'scenario_id', 'test-scenario', 'scenario_version', 'v1', 'node_id', node, 'choice_id', choice, 'mode', mode, 'seq', seq)
$$;
create function tests.lesson_done(persona text) returns boolean language sql as $$
  select exists (select 1 from public.learner_completions
    where user_id = tests.id(persona) and item_kind = 'lesson' and item_id = 'test/lesson')
$$;
grant execute on all functions in schema tests to authenticated;

-- Lessons ---------------------------------------------------------------------------------
-- The fixture learner answered q1, the lesson's only item.
select ok(tests.lesson_done('learner'), 'a lesson with every check item answered is done');

-- The lesson gains a second item: one answer of two is not done.
insert into public.catalog_check_items (lesson_id, item_id, skill_id, prompt, option_count) values ('test/lesson', 'q2', 'test-skill', 'And?', 2);
insert into public.catalog_check_options (lesson_id, item_id, option_id, correct) values ('test/lesson', 'q2', 'a', true), ('test/lesson', 'q2', 'b', false);
select ok(not tests.lesson_done('learner'), 'one check item of two answered: the lesson is not done');

select tests.act_as('learner');
select is(public.record_activity(jsonb_build_array(tests.check_answer('87000000-0000-4000-8000-000000000001', 'q1'))) -> 0 ->> 'status',
  'accepted', 'answering the same item again…');
select ok(not tests.lesson_done('learner'), '…does not complete the lesson');
select is(public.record_activity(jsonb_build_array(tests.check_answer('87000000-0000-4000-8000-000000000002', 'q2'))) -> 0 ->> 'status',
  'accepted', 'answering the other item…');
select ok(tests.lesson_done('learner'), '…does');
select is((select first_done_at from learner_completions where user_id = tests.id('learner') and item_kind = 'lesson'),
  (select occurred_at from activity_events where id = '87000000-0000-4000-8000-000000000002'),
  'a lesson is done when its last item is first answered');
select is((select count(*)::integer from learner_completions where user_id = tests.id('other_learner')), 0,
  'another learner''s completions stay out of sight');

-- Scenarios -------------------------------------------------------------------------------
-- A practice attempt to the ending: done, not assessed.
select is(public.record_activity(jsonb_build_array(
    tests.choice('87000000-0000-4000-8000-000000000011', '77000000-0000-4000-8000-000000000001', 'a', 'good', 1, 'practice'),
    tests.choice('87000000-0000-4000-8000-000000000012', '77000000-0000-4000-8000-000000000001', 'b', 'x', 2, 'practice'))) -> 1 ->> 'status',
  'accepted', 'a practice attempt reaches its ending');
select results_eq(
  $$select first_done_at is not null, first_assessed_at is null from learner_completions
    where user_id = tests.id('learner') and item_kind = 'scenario' and item_id = 'test-scenario'$$,
  $$values (true, true)$$, 'a practice ending completes the scenario, unassessed');

-- The fixture's assessment attempt (one decision so far) reaches its ending too.
select is(public.record_activity(jsonb_build_array(
    tests.choice('87000000-0000-4000-8000-000000000021', '70000000-0000-4000-8000-000000000001', 'b', 'x', 2, 'assessment'))) -> 0 ->> 'status',
  'accepted', 'an assessed attempt reaches its ending');
select results_eq(
  $$select count(*)::integer, bool_and(first_assessed_at is not null) from learner_completions
    where user_id = tests.id('learner') and item_kind = 'scenario' and item_id = 'test-scenario'$$,
  $$values (1, true)$$, 'still one row per learner and item, now with the assessed ending''s time');

-- Programme items -------------------------------------------------------------------------
reset role;
select tests.act_as('admin');
insert into public.programme_items (programme_id, position, item_kind, item_id) values (tests.id('programme'), 20, 'scenario', 'test-scenario');
select is((select required_mode from programme_items where programme_id = tests.id('programme') and position = 20),
  'assessment', 'a new scenario item requires an assessed attempt unless told otherwise');
insert into public.programme_items (programme_id, position, item_kind, item_id, required_mode) values (tests.id('programme'), 21, 'lesson', 'test/lesson', 'practice');
select is((select required_mode from programme_items where programme_id = tests.id('programme') and position = 21),
  null, 'a lesson item has no mode');
select throws_ok(
  $$insert into public.programme_items (programme_id, position, item_kind, item_id, required_mode) values (tests.id('programme'), 22, 'scenario', 'test-scenario', 'sometimes')$$,
  '23514', null, 'a mode other than practice or assessment is refused');
update public.programme_items set required_mode = 'practice' where programme_id = tests.id('programme') and position = 20;
select is((select required_mode from programme_items where programme_id = tests.id('programme') and position = 20),
  'practice', 'the agency''s admin may change what completes an item');

create temporary table made on commit drop as
select public.create_programme(tests.id('org_a'), 'Modes', '',
  '[{"kind": "lesson", "id": "test/lesson"}, {"kind": "scenario", "id": "test-scenario", "mode": "practice"}, {"kind": "scenario", "id": "test-scenario"}]'::jsonb) as id;
select results_eq(
  $$select i.item_kind, i.required_mode from programme_items i join made on made.id = i.programme_id order by i.position$$,
  $$values ('lesson', null::text), ('scenario', 'practice'), ('scenario', 'assessment')$$,
  'create_programme stores each scenario item''s mode, assessment by default');
select throws_ok(
  $$select public.create_programme(tests.id('org_a'), 'Bad mode', '', '[{"kind": "scenario", "id": "test-scenario", "mode": "sometimes"}]'::jsonb)$$,
  '22023', 'Item 1: a scenario''s mode is "practice" or "assessment".', 'create_programme refuses an unknown mode');
select throws_ok(
  $$select public.create_programme(tests.id('org_a'), 'Lesson mode', '', '[{"kind": "lesson", "id": "test/lesson", "mode": "assessment"}]'::jsonb)$$,
  '22023', 'Item 1: a lesson has no mode (it is done when all its check items are answered).', 'create_programme refuses a mode on a lesson');

reset role;
select tests.act_as('supervisor');
update public.programme_items set required_mode = 'assessment' where programme_id = tests.id('programme') and position = 20;
reset role;
select is((select required_mode from programme_items where programme_id = tests.id('programme') and position = 20),
  'practice', 'a supervisor cannot change what completes an item');

select * from finish();
