-- Item analysis for agency admins: aggregates per item, no learner identities, cells of fewer
-- than five learners suppressed; only the agency's admins may read it.
select plan(12);

-- Six more learners of agency A answer the check item q1: four right (b), two wrong (a, c).
insert into auth.users (id, email)
select ('11000000-0000-4000-8000-00000000000' || n)::uuid, 'answerer' || n || '@test.local' from generate_series(1, 6) n;
insert into public.memberships (organisation_id, user_id, role, display_name)
select tests.id('org_a'), ('11000000-0000-4000-8000-00000000000' || n)::uuid, 'learner', 'Answerer ' || n from generate_series(1, 6) n;
insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
select gen_random_uuid(), ('11000000-0000-4000-8000-00000000000' || n)::uuid, 'check', now() - interval '1 hour',
  'test/lesson', 'q1', case when n <= 4 then 'b' when n = 5 then 'a' else 'c' end
from generate_series(1, 6) n;
-- A later answer does not count: the first answer is the one before any feedback.
insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
values (gen_random_uuid(), '11000000-0000-4000-8000-000000000005', 'check', now() - interval '1 minute', 'test/lesson', 'q1', 'b');

select tests.act_as('learner');
select throws_ok($$select agency_item_analysis(tests.id('org_a'))$$, '42501', null, 'a learner gets no item analysis');
select tests.act_as('supervisor');
select throws_ok($$select agency_item_analysis(tests.id('org_a'))$$, '42501', null, 'nor does a supervisor');
select tests.act_as('other_admin');
select throws_ok($$select agency_item_analysis(tests.id('org_a'))$$, '42501', null, 'nor another agency''s admin');

select tests.act_as('admin');
create temporary table analysis on commit drop as select agency_item_analysis(tests.id('org_a')) as doc;
create temporary table q1 on commit drop as
select item from analysis, json_array_elements(doc) item where item ->> 'id' = 'test/lesson#q1';

select is((select item ->> 'answers' from q1), '7', 'the check item: seven learners'' first answers');
select is((select json_agg(json_build_array(o ->> 'id', (o ->> 'offered')::int, (o ->> 'chosen')::int) order by o ->> 'id')::text
  from q1, json_array_elements(item -> 'options') o),
  '[["a", 7, 1], ["b", 7, 5], ["c", 7, 1], ["d", 7, 0]]', 'each option: offered to all seven, chosen by how many');
-- Rest estimates: 1/2 for the six (no other evidence), (1 + 0.5)/(2 + 0.5) for the fixture
-- learner (her decision at "a" counts on test-skill).
select ok((select abs((s -> 'sums' ->> 'y')::float8 - 5) + abs((s -> 'sums' ->> 'rest')::float8 - 3.6) + abs((s -> 'sums' ->> 'yy')::float8 - 5)
    + abs((s -> 'sums' ->> 'rr')::float8 - 1.86) + abs((s -> 'sums' ->> 'yr')::float8 - 2.6) < 1e-12 and (s ->> 'answers')::int = 7
  from q1, json_array_elements(item -> 'skills') s where s ->> 'skill' = 'test-skill'),
  'the skill''s sums of scores and rest estimates');
select is((select json_agg(json_build_array(b ->> 'band', (b ->> 'learners')::int, b -> 'code'))::text
  from q1, json_array_elements(item -> 'skills') s, json_array_elements(s -> 'bands') b),
  '[["lower", 2, null], ["middle", 2, null], ["upper", 3, null]]', 'thirds of two, two and three learners: their codes suppressed');
select is((select count(*)::integer from q1, json_array_elements(item -> 'skills') s, json_array_elements(s -> 'strong') p
  where p -> 'both' is not null and json_typeof(p -> 'both') <> 'null'), 0, 'pairs among three strong learners: suppressed');
select is((select item::text from analysis, json_array_elements(doc) item where item ->> 'id' = 'test-scenario/a'),
  '{"kind" : "decision", "id" : "test-scenario/a", "answers" : null, "options" : [], "skills" : []}',
  'a decision one learner answered: listed, everything else suppressed');
reset role;
select is((select count(*)::integer from analysis a, auth.users u where position(u.id::text in a.doc::text) > 0), 0,
  'no learner''s id appears anywhere in it');
select is((select count(*)::integer from analysis a, public.memberships m where position(m.display_name in a.doc::text) > 0), 0,
  'nor any name');

-- An agency without answers: an empty list.
select tests.act_as('other_admin');
select is(agency_item_analysis(tests.id('org_b'))::text, '[]', 'an agency without answers gets an empty list');

select * from finish();
