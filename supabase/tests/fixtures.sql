-- Shared fixtures for the pgTAP suites (run before each file, inside its transaction, as the
-- database owner). Two agencies; in agency A two cohorts with a learner and a supervisor
-- each, and an admin; agency B with its own admin. A tiny catalogue of test content.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated;

create or replace function tests.id(name text) returns uuid language sql immutable as $$
  select (case name
    when 'learner' then '10000000-0000-4000-8000-000000000001'
    when 'other_learner' then '10000000-0000-4000-8000-000000000002'
    when 'supervisor' then '10000000-0000-4000-8000-000000000003'
    when 'other_supervisor' then '10000000-0000-4000-8000-000000000004'
    when 'admin' then '10000000-0000-4000-8000-000000000005'
    when 'other_admin' then '10000000-0000-4000-8000-000000000006'
    when 'org_a' then '20000000-0000-4000-8000-00000000000a'
    when 'org_b' then '20000000-0000-4000-8000-00000000000b'
    when 'cohort_a1' then '30000000-0000-4000-8000-0000000000a1'
    when 'cohort_a2' then '30000000-0000-4000-8000-0000000000a2'
    when 'programme' then '40000000-0000-4000-8000-000000000001'
    when 'invitation' then '50000000-0000-4000-8000-000000000001'
    when 'event' then '60000000-0000-4000-8000-000000000001'
  end)::uuid
$$;
grant execute on function tests.id(text) to anon, authenticated;

-- Act as a persona for the rest of the transaction (null: anon), as PostgREST would.
create or replace function tests.act_as(persona text) returns void language plpgsql as $$
begin
  if persona is null or persona = 'anon' then
    perform set_config('request.jwt.claims', '{"role":"anon"}', true);
    perform set_config('role', 'anon', true);
  else
    perform set_config('request.jwt.claims', json_build_object('sub', tests.id(persona), 'role', 'authenticated')::text, true);
    perform set_config('role', 'authenticated', true);
  end if;
end
$$;
grant execute on function tests.act_as(text) to anon, authenticated;

insert into auth.users (id, email) values
  (tests.id('learner'), 'learner@test.local'),
  (tests.id('other_learner'), 'other.learner@test.local'),
  (tests.id('supervisor'), 'supervisor@test.local'),
  (tests.id('other_supervisor'), 'other.supervisor@test.local'),
  (tests.id('admin'), 'admin@test.local'),
  (tests.id('other_admin'), 'other.admin@test.local');

insert into public.organisations (id, name) values (tests.id('org_a'), 'Agency A'), (tests.id('org_b'), 'Agency B');
insert into public.memberships (organisation_id, user_id, role, display_name) values
  (tests.id('org_a'), tests.id('learner'), 'learner', 'Learner'),
  (tests.id('org_a'), tests.id('other_learner'), 'learner', 'Other learner'),
  (tests.id('org_a'), tests.id('supervisor'), 'supervisor', 'Supervisor'),
  (tests.id('org_a'), tests.id('other_supervisor'), 'supervisor', 'Other supervisor'),
  (tests.id('org_a'), tests.id('admin'), 'admin', 'Admin'),
  (tests.id('org_b'), tests.id('other_admin'), 'admin', 'Other admin');
insert into public.cohorts (id, organisation_id, name) values
  (tests.id('cohort_a1'), tests.id('org_a'), 'Cohort A1'),
  (tests.id('cohort_a2'), tests.id('org_a'), 'Cohort A2');
insert into public.cohort_members (cohort_id, user_id, role) values
  (tests.id('cohort_a1'), tests.id('learner'), 'learner'),
  (tests.id('cohort_a1'), tests.id('supervisor'), 'supervisor'),
  (tests.id('cohort_a2'), tests.id('other_learner'), 'learner'),
  (tests.id('cohort_a2'), tests.id('other_supervisor'), 'supervisor');
insert into public.invitations (id, organisation_id, code, role, cohort_id, created_by) values
  (tests.id('invitation'), tests.id('org_a'), 'TESTCODE01', 'learner', tests.id('cohort_a1'), tests.id('admin'));
insert into public.programmes (id, organisation_id, name) values (tests.id('programme'), tests.id('org_a'), 'Essentials');
insert into public.programme_items (programme_id, position, item_kind, item_id) values (tests.id('programme'), 1, 'lesson', 'test/lesson');
insert into public.cohort_programmes (cohort_id, programme_id, due_date) values (tests.id('cohort_a1'), tests.id('programme'), current_date + 7);
insert into public.skill_targets (organisation_id, cohort_id, skill_id, target) values (tests.id('org_a'), null, 'test-skill', 0.7);
-- Issue 18: the invitation was sent by email (a mail sender is running); the supervisor
-- assigned the learner a lesson.
insert into public.invitations (id, organisation_id, code, role, cohort_id, created_by, email) values
  ('50000000-0000-4000-8000-000000000002', tests.id('org_a'), 'TESTCODE02', 'learner', tests.id('cohort_a1'), tests.id('admin'), 'invitee@test.local');
insert into private.mail_sender (via) values ('test sender');

-- Test content: one skill, one lesson with one 4-option item, one scenario version.
insert into public.catalog_skills (id, name, kind) values ('test-skill', 'Test skill', 'skill'), ('test-module', 'Test module', 'module');
insert into public.catalog_lessons (id, skill_id, title, lesson_order) values ('test/lesson', 'test-skill', 'Test lesson', 1);
insert into public.catalog_check_items (lesson_id, item_id, skill_id, prompt, option_count) values ('test/lesson', 'q1', 'test-skill', 'Which?', 4);
insert into public.catalog_check_options (lesson_id, item_id, option_id, correct) values
  ('test/lesson', 'q1', 'a', false), ('test/lesson', 'q1', 'b', true), ('test/lesson', 'q1', 'c', false), ('test/lesson', 'q1', 'd', false);
-- Scenario: a --good/bad--> b --x--> end. "bad" lowers trust; at b with trust 0 only x is offered.
insert into public.catalog_scenarios (scenario_id, version, title, setting, difficulty, focus_skills, start_node, start_state) values
  ('test-scenario', 'v1', 'Test scenario', 'healthcare', 'introductory', array['test-skill'], 'a', 'trust=1');
insert into public.catalog_transitions (scenario_id, version, from_node, from_state, choice_id, offered_key, to_node, to_state) values
  ('test-scenario', 'v1', 'a', 'trust=1', 'good', 'bad,good', 'b', 'trust=2'),
  ('test-scenario', 'v1', 'a', 'trust=1', 'bad', 'bad,good', 'b', 'trust=0'),
  ('test-scenario', 'v1', 'b', 'trust=2', 'x', 'x,y', 'end', 'trust=2'),
  ('test-scenario', 'v1', 'b', 'trust=2', 'y', 'x,y', 'end', 'trust=1'),
  ('test-scenario', 'v1', 'b', 'trust=0', 'x', 'x', 'end', 'trust=0');
insert into public.catalog_decision_evidence (scenario_id, version, node_id, offered_key, choice_id, skill_id, code, best, worst, y, strength, why) values
  ('test-scenario', 'v1', 'a', 'bad,good', 'good', 'test-skill', 2, 2, -1, 1, 0.5, 'good'),
  ('test-scenario', 'v1', 'a', 'bad,good', 'bad', 'test-skill', -1, 2, -1, 0, 0.5, 'bad'),
  ('test-scenario', 'v1', 'b', 'x,y', 'x', 'test-skill', 2, 2, -2, 1, 0.6666666666666666, 'x'),
  ('test-scenario', 'v1', 'b', 'x,y', 'y', 'test-skill', -2, 2, -2, 0, 0.6666666666666666, 'y');
insert into public.catalog_endings (scenario_id, version, node_id, kind, title) values ('test-scenario', 'v1', 'end', 'good', 'The end');

insert into public.learner_assignments (organisation_id, user_id, item_kind, item_id, due_date, assigned_by)
values (tests.id('org_a'), tests.id('learner'), 'lesson', 'test/lesson', current_date + 3, tests.id('supervisor'));

-- One recorded event of the learner (a correct check answer), for the read tests.
insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
values (tests.id('event'), tests.id('learner'), 'check', now() - interval '1 day', 'test/lesson', 'q1', 'b');

-- One decision in an assessment attempt, so the learner has an attempt, evidence and statistics.
insert into public.activity_events (id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
values (gen_random_uuid(), tests.id('learner'), 'choice', now() - interval '1 day', '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'a', 'good', 'assessment');

-- Tries an operation as a persona and undoes it: 'allowed' when it reached the row(s),
-- 'denied' when privileges or row-level security stopped it, 'error: …' for anything else.
create or replace function tests.attempt(persona text, op text, tbl text, target text, insert_sql text, update_sql text)
returns text language plpgsql as $$
declare
  n integer;
begin
  begin
    perform tests.act_as(persona);
    if op = 'select' then
      execute format('select count(*) from public.%I where %s', tbl, target) into n;
    elsif op = 'insert' then
      execute insert_sql;
      get diagnostics n = row_count;
    elsif op = 'update' then
      execute format('update public.%I set %s where %s', tbl, update_sql, target);
      get diagnostics n = row_count;
    else
      execute format('delete from public.%I where %s', tbl, target);
      get diagnostics n = row_count;
    end if;
    raise exception 'undo:%', n;
  exception when others then
    if sqlerrm like 'undo:%' then
      return case when split_part(sqlerrm, ':', 2)::integer > 0 then 'allowed' else 'denied' end;
    elsif sqlstate = '42501' then
      return 'denied';
    end if;
    return 'error: ' || sqlerrm;
  end;
end
$$;
