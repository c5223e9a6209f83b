-- The sync contract of record_activity: one outcome per event in the order sent (accepted,
-- duplicate, deferred "not yet", refused "never" with a machine code), sequenced records
-- processed in seq order whatever order they arrive in, and completions derived from the
-- attempt's own decisions, never from the client's word.
select plan(45);

create function tests.choice(id text, attempt text, node text, choice text, seq integer default null, mode text default 'assessment')
returns jsonb language sql as $$
  select jsonb_strip_nulls(jsonb_build_object('id', id, 'kind', 'choice', 'occurred_at', now(), 'attempt_id', attempt,
    'scenario_id', 'test-scenario', 'scenario_version', 'v1', 'node_id', node, 'choice_id', choice, 'mode', mode, 'seq', seq))
$$;
create function tests.completion(id text, attempt text, seq integer default null, ending text default 'end')
returns jsonb language sql as $$
  select jsonb_strip_nulls(jsonb_build_object('id', id, 'kind', 'completion', 'occurred_at', now(), 'attempt_id', attempt,
    'scenario_id', 'test-scenario', 'scenario_version', 'v1', 'ending_id', ending, 'mode', 'assessment', 'seq', seq))
$$;
create function tests.check_answer(id text, at text default null)
returns jsonb language sql as $$
  select jsonb_build_object('id', id, 'kind', 'check', 'occurred_at', coalesce(at, now()::text), 'lesson_id', 'test/lesson',
    'item_id', 'q1', 'option_id', 'b')
$$;
-- The one outcome of a single event.
create function tests.outcome(event jsonb) returns jsonb language sql as $$
  select public.record_activity(jsonb_build_array(event)) -> 0
$$;
grant execute on all functions in schema tests to authenticated;

-- The fixture attempt 7000…01 of the learner has one decision (a → b).
select tests.act_as('learner');

-- Arrival order does not matter: completion, decision 2, a check answer, decision 1.
select is(
  record_activity(jsonb_build_array(
    tests.completion('81000000-0000-4000-8000-000000000003', '71000000-0000-4000-8000-000000000001', 3),
    tests.choice('81000000-0000-4000-8000-000000000002', '71000000-0000-4000-8000-000000000001', 'b', 'x', 2),
    tests.check_answer('81000000-0000-4000-8000-000000000009'),
    tests.choice('81000000-0000-4000-8000-000000000001', '71000000-0000-4000-8000-000000000001', 'a', 'good', 1))),
  '[{"id": "81000000-0000-4000-8000-000000000003", "status": "accepted"},
    {"id": "81000000-0000-4000-8000-000000000002", "status": "accepted"},
    {"id": "81000000-0000-4000-8000-000000000009", "status": "accepted"},
    {"id": "81000000-0000-4000-8000-000000000001", "status": "accepted"}]'::jsonb,
  'records of one attempt are applied in seq order and answered in the order sent');
select is((select steps || '/' || ending_id from attempt_progress where attempt_id = '71000000-0000-4000-8000-000000000001'), '2/end',
  'the attempt reached its ending through its own decisions');
select is((select seq from activity_events where id = '81000000-0000-4000-8000-000000000002'), 2, 'seq is stored');
select is((select count(*)::integer from learner_completions where user_id = tests.id('learner') and item_kind = 'scenario' and item_id = 'test-scenario'),
  1, 'the completion is derived from the attempt');

-- Replayed: the same id again is a duplicate, whatever arrives with it.
select is(tests.outcome(tests.choice('81000000-0000-4000-8000-000000000001', '71000000-0000-4000-8000-000000000001', 'a', 'good', 1)),
  '{"id": "81000000-0000-4000-8000-000000000001", "status": "duplicate"}'::jsonb, 'a replayed record is a duplicate');

-- Not yet: a decision whose predecessor has not arrived is deferred and nothing is stored.
select is(tests.outcome(tests.choice('81000000-0000-4000-8000-000000000011', '71000000-0000-4000-8000-000000000002', 'b', 'x', 2)),
  '{"id": "81000000-0000-4000-8000-000000000011", "status": "deferred", "code": "awaiting_predecessor", "waiting_for": 1,
    "error": "Decision 2 of attempt 71000000-0000-4000-8000-000000000002 waits for decision 1, which has not arrived yet."}'::jsonb,
  'decision 2 of an attempt the server has not seen is deferred, waiting for decision 1');
select is((select count(*)::integer from attempt_progress where attempt_id = '71000000-0000-4000-8000-000000000002'), 0,
  'a deferred record leaves no attempt behind');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'b', 'x', 3))) - 'id' - 'error',
  '{"status": "deferred", "code": "awaiting_predecessor", "waiting_for": 2}'::jsonb,
  'decision 3 of an attempt at step 1 waits for decision 2');
select is((tests.outcome(tests.completion(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 4))) ->> 'waiting_for', '2',
  'a completion after decision 3 of an attempt at step 1 waits for decision 2');
-- …and is applied once its predecessor lands (the client retries).
select is(jsonb_path_query_array(record_activity(jsonb_build_array(
    tests.choice('81000000-0000-4000-8000-000000000012', '71000000-0000-4000-8000-000000000002', 'a', 'bad', 1),
    tests.choice('81000000-0000-4000-8000-000000000011', '71000000-0000-4000-8000-000000000002', 'b', 'x', 2))), '$[*].status'),
  '["accepted", "accepted"]'::jsonb, 'the deferred decision is accepted once its predecessor is stored');

-- Never: a step already taken by another record.
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'a', 'bad', 1))) ->> 'code',
  'out_of_sequence', 'a second decision 1 with another id is refused');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'a', 'bad'))) - 'id',
  '{"status": "refused", "code": "out_of_sequence",
    "error": "Decision at \"a\" does not follow the attempt''s previous step (expected \"b\")."}'::jsonb,
  'without seq (older clients) an out-of-order decision is refused for good, as before');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '71000000-0000-4000-8000-000000000001', 'end', 'x', 3))) ->> 'code',
  'out_of_sequence', 'no decision is accepted after the attempt ended');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'b', 'best-answer', 2))) - 'id',
  '{"status": "refused", "code": "not_on_offer", "error": "Choice \"best-answer\" is not on offer at \"b\" in scenario \"test-scenario\"."}'::jsonb,
  'a choice that was not on offer is refused');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'b', 'x', 2, 'practice'))) ->> 'code',
  'attempt_mismatch', 'an attempt cannot change mode half-way');
select is((tests.outcome(jsonb_set(tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, 'a', 'good', 1), '{scenario_version}', '"v0"'))) ->> 'code',
  'unknown_content', 'an unknown scenario version is refused');

-- Forged completions are refused and count nowhere.
select tests.act_as('other_learner');
select is((tests.outcome(tests.completion('82000000-0000-4000-8000-000000000001', '72000000-0000-4000-8000-000000000001'))) - 'id',
  '{"status": "refused", "code": "not_at_ending",
    "error": "Attempt 72000000-0000-4000-8000-000000000001 has not reached the ending \"end\": a completion is recorded only after the decisions that lead there."}'::jsonb,
  'a completion of an attempt the server never saw is refused');
select is((tests.outcome(tests.completion(gen_random_uuid()::text, '72000000-0000-4000-8000-000000000002', 1))) ->> 'code',
  'not_at_ending', 'so is one that claims to be the first record of its attempt');
select is(jsonb_path_query_array(record_activity(jsonb_build_array(
    tests.choice('82000000-0000-4000-8000-000000000002', '72000000-0000-4000-8000-000000000003', 'a', 'good', 1),
    tests.completion('82000000-0000-4000-8000-000000000003', '72000000-0000-4000-8000-000000000003', 2))), '$[*].code'),
  '["not_at_ending"]'::jsonb, 'a completion after one decision is refused (the decision itself is accepted)');
select is((tests.outcome(tests.completion(gen_random_uuid()::text, '72000000-0000-4000-8000-000000000003'))) ->> 'code',
  'not_at_ending', 'also without seq');
select is((select count(*)::integer from learner_completions where user_id = tests.id('other_learner') and item_kind = 'scenario'), 0,
  'forged completions count nowhere');
select is((select count(*)::integer from activity_events where user_id = tests.id('other_learner') and kind = 'completion'), 0,
  'and nothing of them is stored');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, '70000000-0000-4000-8000-000000000001', 'b', 'x', 2))) - 'id',
  '{"status": "refused", "code": "forbidden", "error": "Attempt 70000000-0000-4000-8000-000000000001 belongs to another learner."}'::jsonb,
  'a decision in another learner''s attempt is refused');

select tests.act_as('learner');
select is((tests.outcome(tests.completion(gen_random_uuid()::text, '71000000-0000-4000-8000-000000000001', 3))) ->> 'code',
  'out_of_sequence', 'a second completion of one attempt is refused');
select is((select count(*)::integer from activity_events where attempt_id = '71000000-0000-4000-8000-000000000001' and kind = 'completion'), 1,
  'the confirmation is stored once');

-- Times: finite, from 2020, at most five minutes ahead.
select is(jsonb_path_query_array(record_activity(jsonb_build_array(
    tests.check_answer(gen_random_uuid()::text, '-infinity'),
    tests.check_answer(gen_random_uuid()::text, 'infinity'),
    tests.check_answer(gen_random_uuid()::text, '2019-12-31T23:59:59Z'),
    tests.check_answer(gen_random_uuid()::text, (now() + interval '1 hour')::text),
    tests.check_answer(gen_random_uuid()::text, 'yesterday-ish'),
    tests.check_answer(gen_random_uuid()::text, (now() + interval '4 minutes')::text))), '$[*].code'),
  '["bad_time", "bad_time", "bad_time", "bad_time", "bad_time"]'::jsonb,
  'non-finite, pre-2020, future and unreadable times are refused; four minutes of clock skew is not');
select is((tests.outcome(tests.check_answer(gen_random_uuid()::text, '-infinity'))) ->> 'error',
  'The time -infinity is outside what can be recorded (from 2020-01-01 to five minutes from now): check the device''s clock.',
  'the refusal says why');

-- Sizes and shapes.
select is((tests.outcome(tests.check_answer(gen_random_uuid()::text) || jsonb_build_object('note', repeat('x', 5000)))) ->> 'code',
  'too_large', 'an event over 4 KB is refused, even in a field its kind does not use');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, repeat('n', 101), 'good', 1))) - 'id',
  '{"status": "refused", "code": "too_large", "error": "Too long: node_id (ids at most 100 characters, a note at most 2,000)."}'::jsonb,
  'an id over 100 characters is refused');
select is((tests.outcome(tests.check_answer(gen_random_uuid()::text) || '{"node_id": "a"}')) - 'id',
  '{"status": "refused", "code": "invalid_field", "error": "A check record does not use node_id."}'::jsonb,
  'a field the kind does not use is refused');
select is((tests.outcome(tests.check_answer(gen_random_uuid()::text) - 'option_id')) ->> 'error',
  'A check record needs option_id.', 'a missing field is named');
select is(jsonb_path_query_array(record_activity(jsonb_build_array(
    tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, 'a', 'good') || '{"seq": 0}',
    tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, 'a', 'good') || '{"seq": 1.5}',
    tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, 'a', 'good') || '{"seq": "1"}',
    tests.choice(gen_random_uuid()::text, gen_random_uuid()::text, 'a', 'good') || '{"seq": 1001}',
    tests.check_answer(gen_random_uuid()::text) || '{"seq": 1}')), '$[*].code'),
  '["invalid_field", "invalid_field", "invalid_field", "invalid_field", "invalid_field"]'::jsonb,
  'seq is a whole number from 1 to 1000, on choices and completions only');
select is(record_activity('[42, {"id": "not-a-uuid", "kind": "check"}]'::jsonb),
  '[{"id": null, "status": "refused", "code": "invalid_field", "error": "Each event must be a JSON object."},
    {"id": "not-a-uuid", "status": "refused", "code": "invalid_field", "error": "Each event needs an id that is a UUID."}]'::jsonb,
  'malformed events are refused one by one');
select is((tests.outcome(tests.check_answer(gen_random_uuid()::text) || '{"kind": "rumour"}')) ->> 'code', 'invalid_field',
  'an unknown kind is refused');
select is((tests.outcome(jsonb_build_object('id', gen_random_uuid(), 'kind', 'observation', 'occurred_at', now(), 'skill_id', 'test-skill'))) ->> 'code',
  'forbidden', 'observations cannot be synced');
select is((tests.outcome(tests.choice(gen_random_uuid()::text, 'attempt-1', 'a', 'good', 1))) ->> 'error',
  'attempt_id must be a UUID.', 'attempt_id must be a UUID');
select is((select count(*)::integer from activity_events where occurred_at > now() + interval '5 minutes' or occurred_at < '2020-01-01'), 0,
  'nothing refused was stored');

select throws_ok(
  $$select record_activity((select jsonb_agg(tests.check_answer(gen_random_uuid()::text)) from generate_series(1, 201)))$$,
  '22023', 'Send at most 200 events at a time (this batch has 201).', 'a batch over 200 events is refused as a whole');
select throws_ok($$select record_activity('{"id": 1}'::jsonb)$$, '22023', 'record_activity expects a JSON array of events.',
  'record_activity needs an array');

-- Direct inserts meet the same rules, with the code in the error's detail.
select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, ending_id, mode)
    values (gen_random_uuid(), 'completion', now(), '70000000-0000-4000-8000-000000000001', 'test-scenario', 'v1', 'end', 'assessment')$$,
  '23514', 'Attempt 70000000-0000-4000-8000-000000000001 has not reached the ending "end": a completion is recorded only after the decisions that lead there.',
  'a forged completion inserted directly is refused');
select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, lesson_id, item_id, option_id) values (gen_random_uuid(), 'check', '-infinity', 'test/lesson', 'q1', 'b')$$,
  '22008', null, 'a non-finite time inserted directly is refused');
select throws_ok(
  $$insert into activity_events (id, kind, occurred_at, lesson_id, item_id, option_id) values (gen_random_uuid(), 'check', now(), repeat('l', 101), 'q1', 'b')$$,
  '22001', null, 'an oversized field inserted directly is refused');
select lives_ok(
  $$insert into activity_events (id, kind, occurred_at, lesson_id, item_id, option_id, offered_key) values ('83000000-0000-4000-8000-000000000001', 'check', now(), 'test/lesson', 'q1', 'b', 'forged')$$,
  'the server''s own columns are not taken from the client…');
select is((select offered_key from activity_events where id = '83000000-0000-4000-8000-000000000001'), null, '…they are overwritten');

-- Attempts that already stood at an ending before this contract count as completed.
reset role;
update attempt_progress set ending_id = null, ended_at = null where user_id = tests.id('learner');
select is((select count(*)::integer from learner_completions where user_id = tests.id('learner') and item_kind = 'scenario'), 0,
  'an attempt without an ending is not a completion, whatever records it has');

select * from finish();
