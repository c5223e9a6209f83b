-- The database derives evidence itself and refuses what does not fit the catalogue:
-- forged, out-of-sequence and replayed events; knowledge-check answers; observations;
-- joining with invitations.
select plan(24);

select tests.act_as('learner');

-- Out of sequence: the attempt from the fixtures stands at node "b" now.
select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values (gen_random_uuid(), 'choice', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'a', 'bad', 'assessment')$$,
  '23514', 'Decision at "a" does not follow the attempt''s previous step (expected "b").',
  'a decision that does not follow the attempt''s previous step is refused');

-- Forged: a choice that is not on offer in that state.
select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values (gen_random_uuid(), 'choice', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'b', 'best-answer', 'assessment')$$,
  '23514', 'Choice "best-answer" is not on offer at "b" in scenario "test-scenario".',
  'a choice that was not on offer is refused');

select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values (gen_random_uuid(), 'choice', now(), gen_random_uuid(), 'test-scenario', 'v0', 'a', 'good', 'assessment')$$,
  '23503', 'Unknown scenario "test-scenario" at version "v0": refresh the page to get the published content.',
  'an unknown scenario version is refused');

select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values (gen_random_uuid(), 'choice', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'b', 'x', 'practice')$$,
  '23514', null, 'an attempt cannot change mode half-way');

select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, lesson_id, item_id, option_id) values (gen_random_uuid(), 'check', now(), 'test/lesson', 'q1', 'e')$$,
  '23503', 'Knowledge-check answer test/lesson / q1 / e does not exist in the published lessons.',
  'a knowledge-check option that does not exist is refused');

select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, ending_id, mode)
    values (gen_random_uuid(), 'completion', now(), gen_random_uuid(), 'test-scenario', 'v1', 'nowhere', 'assessment')$$,
  '23503', 'Ending "nowhere" does not exist in scenario "test-scenario".', 'a completion at an ending that does not exist is refused');

-- A valid next step is accepted and moves the attempt on; its evidence is derived.
select lives_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values ('80000000-0000-4000-8000-000000000001', 'choice', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'b', 'y', 'assessment')$$,
  'the next decision in sequence is accepted');
select is((select node_id || '/' || state from attempt_progress where attempt_id = '70000000-0000-4000-8000-000000000001'), 'end/trust=1', 'the attempt moved to where the choice leads');
select results_eq(
  $$select skill_id, round(weight::numeric, 6), score::numeric, run_key from evidence where event_id = '80000000-0000-4000-8000-000000000001'$$,
  $$values ('test-skill'::text, 0.666667::numeric, 0::numeric, 'run:70000000-0000-4000-8000-000000000001'::text)$$,
  'evidence is derived from the catalogue: y relative to the options on offer, strength from their spread');

-- Replayed: the same event id again is ignored, and nothing else changes.
select lives_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
    values ('80000000-0000-4000-8000-000000000001', 'choice', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'b', 'y', 'assessment')
    on conflict (id) do nothing$$,
  'a replayed event is accepted without error');
select is((select count(*)::integer from evidence where event_id = '80000000-0000-4000-8000-000000000001'), 1, 'a replayed event adds no evidence');
select is((select steps from attempt_progress where attempt_id = '70000000-0000-4000-8000-000000000001'), 2, 'a replayed event does not move the attempt');

-- The batch entry point reports each event separately; one bad event loses nothing else.
select is(
  (select jsonb_agg(r ->> 'status') from jsonb_array_elements(record_activity(jsonb_build_array(
    jsonb_build_object('id', '80000000-0000-4000-8000-000000000002', 'kind', 'check', 'occurred_at', now(), 'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'b'),
    jsonb_build_object('id', '80000000-0000-4000-8000-000000000003', 'kind', 'check', 'occurred_at', now(), 'lesson_id', 'test/lesson', 'item_id', 'q9', 'option_id', 'b'),
    jsonb_build_object('id', '80000000-0000-4000-8000-000000000001', 'kind', 'choice', 'occurred_at', now())
  ))) r),
  '["accepted", "refused", "duplicate"]'::jsonb,
  'record_activity accepts, refuses and ignores repeats event by event');

-- Check evidence: the formula score, weight r = 0.5 — a right answer 1, a wrong one −1/(m − 1).
select is((select (weight, score) from evidence where event_id = '80000000-0000-4000-8000-000000000002'), (0.5::double precision, 1::double precision),
  'a correct check answer scores 1 with the check''s weight');

-- Statistics follow: the learner's check run holds both of today's answers' weight.
select cmp_ok((select events from skill_stats where user_id = tests.id('learner') and skill_id = 'test-skill'), '>=', 3, 'statistics count every evidence unit');

-- Observations: a supervisor of the learner's cohort may record one; another may not.
select tests.act_as('supervisor');
select lives_ok(
  $$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, note, observed_by)
    values (gen_random_uuid(), tests.id('learner'), 'observation', now(), 'test-skill', 0.8, 1, 'Home visit', tests.id('supervisor'))$$,
  'a supervisor records an observation of a learner they supervise');
select tests.act_as('other_supervisor');
select throws_ok(
  $$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, note, observed_by)
    values (gen_random_uuid(), tests.id('learner'), 'observation', now(), 'test-skill', 0.8, 1, 'Forged', tests.id('other_supervisor'))$$,
  '42501', null, 'a supervisor of another cohort cannot record an observation of that learner');
select tests.act_as('learner');
select throws_ok(
  $$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, note, observed_by)
    values (gen_random_uuid(), tests.id('learner'), 'observation', now(), 'test-skill', 1, 1, 'Self-praise', tests.id('learner'))$$,
  '42501', null, 'a learner cannot observe themselves');

-- Invitations: single use, expiry, revocation.
select tests.act_as('other_admin');
select is((select role from join_organisation('testcode01', 'New Person')), 'learner', 'a valid code joins the agency with its role (case-insensitive)');
select is((select count(*)::integer from cohort_members where cohort_id = tests.id('cohort_a1') and user_id = tests.id('other_admin')), 1, 'and places the new member in the invitation''s cohort');
select tests.act_as('other_learner');
select throws_ok($$select join_organisation('TESTCODE01', 'Someone')$$, '22023', 'That invitation has already been used. Each code works once.', 'a used code cannot be used again');
reset role;
insert into invitations (organisation_id, code, role, expires_at) values (tests.id('org_a'), 'EXPIRED001', 'learner', now() - interval '1 day');
insert into invitations (organisation_id, code, role, revoked_at) values (tests.id('org_a'), 'REVOKED001', 'learner', now());
select tests.act_as('other_learner');
select throws_like($$select join_organisation('EXPIRED001', 'Someone')$$, 'That invitation expired on %', 'an expired code is refused');
select throws_ok($$select join_organisation('REVOKED001', 'Someone')$$, '22023', 'That invitation was revoked. Ask your agency admin for a new one.', 'a revoked code is refused');
select throws_ok($$select join_organisation('NOSUCHCODE', 'Someone')$$, '22023', 'That invitation code does not exist. Check it with your agency admin.', 'an unknown code is refused');

select * from finish();
