-- Who may select, insert, update and delete what: every table, four operations, seven
-- personas. Expected outcomes are written per operation as one letter per persona, in the
-- order anon, learner, other learner, supervisor of the learner's cohort, supervisor of
-- another cohort, admin of the agency, admin of another agency (A = allowed, D = denied).

create temporary table cases (tbl text, target text, insert_sql text, update_sql text, can_select text, can_insert text, can_update text, can_delete text) on commit drop;
grant select on cases to anon, authenticated;

insert into cases values
  ('organisations', $$id = tests.id('org_a')$$,
   $$insert into public.organisations (name, created_by) values ('New agency', auth.uid())$$, 'name = name',
   'DAAAAAD', 'DAAAAAA', 'DDDDDAD', 'DDDDDDD'),
  ('memberships', $$organisation_id = tests.id('org_a') and user_id = tests.id('learner')$$,
   $$insert into public.memberships (organisation_id, user_id, role, display_name) values (tests.id('org_a'), auth.uid(), 'admin', 'Me')$$, 'role = role',
   'DADADAD', 'DDDDDDD', 'DDDDDAD', 'DDDDDDD'),
  ('cohorts', $$id = tests.id('cohort_a1')$$,
   $$insert into public.cohorts (organisation_id, name) values (tests.id('org_a'), 'New cohort')$$, 'name = name',
   'DADADAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDAD'),
  ('cohort_members', $$cohort_id = tests.id('cohort_a1') and user_id = tests.id('learner') and role = 'learner'$$,
   $$insert into public.cohort_members (cohort_id, user_id, role) values (tests.id('cohort_a1'), tests.id('other_learner'), 'learner')$$, 'role = role',
   'DADADAD', 'DDDDDAD', 'DDDDDDD', 'DDDDDAD'),
  ('invitations', $$id = tests.id('invitation')$$,
   $$insert into public.invitations (organisation_id, role) values (tests.id('org_a'), 'learner')$$, 'revoked_at = now()',
   'DDDDDAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDDD'),
  ('programmes', $$id = tests.id('programme')$$,
   $$insert into public.programmes (organisation_id, name) values (tests.id('org_a'), 'Another programme')$$, 'name = name',
   'DADADAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDAD'),
  ('programme_items', $$programme_id = tests.id('programme') and position = 1$$,
   $$insert into public.programme_items (programme_id, position, item_kind, item_id) values (tests.id('programme'), 2, 'scenario', 'test-scenario')$$, 'item_id = item_id',
   'DADADAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDAD'),
  ('cohort_programmes', $$cohort_id = tests.id('cohort_a1') and programme_id = tests.id('programme')$$,
   $$insert into public.cohort_programmes (cohort_id, programme_id) values (tests.id('cohort_a2'), tests.id('programme'))$$, 'due_date = due_date',
   'DADADAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDAD'),
  ('skill_targets', $$organisation_id = tests.id('org_a') and cohort_id is null and skill_id = 'test-skill'$$,
   $$insert into public.skill_targets (organisation_id, cohort_id, skill_id, target) values (tests.id('org_a'), tests.id('cohort_a1'), 'test-skill', 0.8)$$, 'target = target',
   'DAAAAAD', 'DDDDDAD', 'DDDDDAD', 'DDDDDAD'),
  -- Insert here means: record activity in the learner's name.
  ('activity_events', $$id = tests.id('event')$$,
   $$insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id) values (gen_random_uuid(), tests.id('learner'), 'check', now(), 'test/lesson', 'q1', 'a')$$, 'note = note',
   'DADADAD', 'DADDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('attempt_progress', $$user_id = tests.id('learner')$$,
   $$insert into public.attempt_progress (attempt_id, user_id, scenario_id, scenario_version, mode, node_id, state) values (gen_random_uuid(), tests.id('learner'), 'test-scenario', 'v1', 'assessment', 'a', 'trust=1')$$, 'steps = steps',
   'DADADAD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('evidence', $$user_id = tests.id('learner')$$,
   $$insert into public.evidence (event_id, skill_id, user_id, run_key, weight, score, occurred_at) values (tests.id('event'), 'other', tests.id('learner'), 'x', 1, 1, now())$$, 'score = score',
   'DADADAD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('skill_run_stats', $$user_id = tests.id('learner')$$,
   $$insert into public.skill_run_stats (user_id, skill_id, run_key) values (tests.id('learner'), 'x', 'y')$$, 'w = w',
   'DADADAD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('skill_format_stats', $$user_id = tests.id('learner')$$,
   $$insert into public.skill_format_stats (user_id, skill_id, format) values (tests.id('learner'), 'test-skill', 'observation')$$, 'sw = sw',
   'DADADAD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('skill_stats', $$user_id = tests.id('learner')$$,
   $$insert into public.skill_stats (user_id, skill_id, t0) values (tests.id('learner'), 'x', 0)$$, 't0 = t0',
   'DADADAD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('learner_assignments', $$user_id = tests.id('learner')$$,
   $$insert into public.learner_assignments (organisation_id, user_id, item_kind, item_id) values (tests.id('org_a'), tests.id('learner'), 'scenario', 'test-scenario')$$, 'due_date = due_date',
   'DADADAD', 'DDDADAD', 'DDDADAD', 'DDDADAD'),
  ('catalog_skills', 'true', $$insert into public.catalog_skills (id, name, kind) values ('forged', 'Forged', 'skill')$$, 'name = name',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_lessons', 'true', $$insert into public.catalog_lessons (id, skill_id, title, lesson_order) values ('x/y', 'test-skill', 'X', 9)$$, 'title = title',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_check_items', 'true', $$insert into public.catalog_check_items (lesson_id, item_id, skill_id, prompt, option_count) values ('test/lesson', 'q9', 'test-skill', 'P', 3)$$, 'prompt = prompt',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_check_options', 'true', $$insert into public.catalog_check_options (lesson_id, item_id, option_id, correct) values ('test/lesson', 'q1', 'z', true)$$, 'correct = correct',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_scenarios', 'true', $$insert into public.catalog_scenarios (scenario_id, version, title, setting, difficulty, focus_skills, start_node, start_state) values ('forged', 'v', 'F', 'healthcare', 'introductory', '{}', 'a', '')$$, 'title = title',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_transitions', 'true', $$insert into public.catalog_transitions values ('test-scenario', 'v1', 'b', 'trust=0', 'y', 'x,y', 'end', 'trust=0')$$, 'to_node = to_node',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_decision_evidence', 'true', $$insert into public.catalog_decision_evidence values ('test-scenario', 'v1', 'b', 'x', 'x', 'test-skill', 3, 3, -3, 1, 1, 'forged')$$, 'y = y',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_choices', 'true', $$insert into public.catalog_choices (scenario_id, version, node_id, choice_id, text, feedback) values ('test-scenario', 'v1', 'a', 'z', 'Z', 'F')$$, 'text = text',
   'DDDDDDD', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD'),
  ('catalog_endings', 'true', $$insert into public.catalog_endings values ('test-scenario', 'v1', 'x', 'poor', 'X')$$, 'title = title',
   'AAAAAAA', 'DDDDDDD', 'DDDDDDD', 'DDDDDDD');

-- catalog_choices has no fixture rows, so its select case reads as denied: add one.
insert into public.catalog_choices (scenario_id, version, node_id, choice_id, text, feedback) values ('test-scenario', 'v1', 'a', 'good', 'Good', 'Fine');
update cases set can_select = 'AAAAAAA' where tbl = 'catalog_choices';

-- The exposed functions (RPC): who may call them. "Insert" runs the call.
create temporary table rpc_cases (name text, call text, can_call text) on commit drop;
grant select on rpc_cases to anon, authenticated;
insert into rpc_cases values
  ('join_organisation', $$select * from public.join_organisation('TESTCODE01', 'Someone')$$, 'DAAAAAA'),
  ('record_activity', $$select public.record_activity(jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'kind', 'check',
     'occurred_at', now(), 'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'a')))$$, 'DAAAAAA'),
  ('create_programme', $$select public.create_programme(tests.id('org_a'), 'Onboarding', '', '[{"kind": "lesson", "id": "test/lesson"}]')$$, 'DDDDDAD'),
  -- A cohort's statistics: its supervisors and its agency's admins.
  ('cohort_statistics', $$select * from public.cohort_statistics(tests.id('cohort_a1'))$$, 'DDDADAD'),
  -- An agency's dispersion sums: its admins.
  ('agency_dispersion', $$select * from public.agency_dispersion(tests.id('org_a'))$$, 'DDDDDAD'),
  -- An agency's item analysis: its admins.
  ('agency_item_analysis', $$select public.agency_item_analysis(tests.id('org_a'))$$, 'DDDDDAD'),
  ('invite_by_email', $$select public.invite_by_email(tests.id('org_a'), array['new.person@test.local'], 'learner', tests.id('cohort_a1'))$$, 'DDDDDAD'),
  ('resend_invitation', $$select public.resend_invitation('50000000-0000-4000-8000-000000000002')$$, 'DDDDDAD'),
  ('mail_delivery', $$select public.mail_delivery()$$, 'DAAAAAA'),
  ('assign_to_learners', $$select public.assign_to_learners(tests.id('org_a'), array[tests.id('learner')], 'scenario', 'test-scenario', current_date + 7)$$, 'DDDADAD'),
  ('set_programme_items', $$select public.set_programme_items(tests.id('programme'), '[{"kind": "scenario", "id": "test-scenario"}, {"kind": "lesson", "id": "test/lesson"}]')$$, 'DDDDDAD');

select plan((select count(*)::integer * 28 + 1 from cases) + (select count(*)::integer * 7 + 1 from rpc_cases));

select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'public'::regnamespace and p.proname not in (select name from rpc_cases)
     and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))),
  null, 'the matrix covers every function the API exposes');

select is(
  tests.attempt(persona.name, 'insert', 'rpc', 'true', r.call, null),
  case substr(r.can_call, persona.position, 1) when 'A' then 'allowed' else 'denied' end,
  format('rpc %s: %s', r.name, persona.name))
from rpc_cases r
cross join (values (1, 'anon'), (2, 'learner'), (3, 'other_learner'), (4, 'supervisor'), (5, 'other_supervisor'), (6, 'admin'), (7, 'other_admin')) persona(position, name)
order by r.name, persona.position;

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'r' and c.relname not in (select tbl from cases)),
  null, 'the matrix covers every table in the exposed schema');

select is(
  tests.attempt(persona.name, op.name, c.tbl, c.target, c.insert_sql, c.update_sql),
  case substr(case op.name when 'select' then c.can_select when 'insert' then c.can_insert when 'update' then c.can_update else c.can_delete end, persona.position, 1)
    when 'A' then 'allowed' else 'denied' end,
  format('%s: %s %s', c.tbl, persona.name, op.name))
from cases c
cross join (values ('select'), ('insert'), ('update'), ('delete')) op(name)
cross join (values (1, 'anon'), (2, 'learner'), (3, 'other_learner'), (4, 'supervisor'), (5, 'other_supervisor'), (6, 'admin'), (7, 'other_admin')) persona(position, name)
order by c.tbl, op.name, persona.position;

select * from finish();
