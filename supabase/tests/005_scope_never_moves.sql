-- Scope never moves. For every column of every table in the exposed schema, each persona of
-- the RLS matrix (anon, learner, other learner, supervisor of the learner's cohort, supervisor
-- of another cohort, admin of agency A, admin of agency B) tries to change it, on a row of
-- agency A (or of the learner) and on a row of agency B (or of B's admin): a scope column to
-- another agency's, cohort's, programme's or person's id, any other column to a new value.
-- Only the declared value columns may change, and only by the admin whose agency the row is
-- in; then once more as an admin of both agencies. Guards fail when a table, or a column `authenticated` may update, is not declared here.

-- Rows of agency B to aim at (the fixtures hold agency A's).
insert into public.cohorts (id, organisation_id, name) values ('30000000-0000-4000-8000-0000000000b1', tests.id('org_b'), 'Cohort B1');
insert into public.cohort_members (cohort_id, user_id, role) values ('30000000-0000-4000-8000-0000000000b1', tests.id('other_admin'), 'supervisor');
insert into public.invitations (id, organisation_id, code, role, cohort_id, created_by)
values ('50000000-0000-4000-8000-00000000000b', tests.id('org_b'), 'TESTCODEB1', 'supervisor', '30000000-0000-4000-8000-0000000000b1', tests.id('other_admin'));
insert into public.programmes (id, organisation_id, name) values ('40000000-0000-4000-8000-00000000000b', tests.id('org_b'), 'B essentials');
insert into public.programme_items (programme_id, position, item_kind, item_id) values ('40000000-0000-4000-8000-00000000000b', 1, 'lesson', 'test/lesson');
insert into public.cohort_programmes (cohort_id, programme_id) values ('30000000-0000-4000-8000-0000000000b1', '40000000-0000-4000-8000-00000000000b');
insert into public.skill_targets (organisation_id, cohort_id, skill_id, target) values (tests.id('org_b'), null, 'test-skill', 0.6);
insert into public.learner_assignments (organisation_id, user_id, item_kind, item_id, assigned_by) values (tests.id('org_b'), tests.id('other_admin'), 'lesson', 'test/lesson', tests.id('other_admin'));
insert into public.activity_events (id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
values ('60000000-0000-4000-8000-00000000000b', tests.id('other_admin'), 'choice', now() - interval '1 hour',
  '70000000-0000-4000-8000-00000000000b', 'test-scenario', 'v1', 'a', 'good', 'practice');

-- Per table: the row of A and the row of B to aim at; the value columns with a valid new
-- value; natural-key columns granted only so upserts work (a trigger refuses any change);
-- who may change the value columns on A's row and on B's row (one letter per persona).
create temporary table scope_cases (tbl text primary key, target_a text, target_b text, value_columns jsonb, key_columns text[],
  update_a text, update_b text) on commit drop;
insert into scope_cases values
  ('organisations', $$id = tests.id('org_a')$$, $$id = tests.id('org_b')$$,
   $${"name": "'Renamed agency'"}$$, '{}', 'DDDDDAD', 'DDDDDDA'),
  ('memberships', $$organisation_id = tests.id('org_a') and user_id = tests.id('learner')$$,
   $$organisation_id = tests.id('org_b') and user_id = tests.id('other_admin')$$,
   $${"role": "'supervisor'", "status": "'removed'"}$$, '{}', 'DDDDDAD', 'DDDDDDA'),
  ('cohorts', $$id = tests.id('cohort_a1')$$, $$id = '30000000-0000-4000-8000-0000000000b1'$$,
   $${"name": "'Renamed cohort'"}$$, '{}', 'DDDDDAD', 'DDDDDDA'),
  ('cohort_members', $$cohort_id = tests.id('cohort_a1') and user_id = tests.id('learner')$$,
   $$cohort_id = '30000000-0000-4000-8000-0000000000b1' and user_id = tests.id('other_admin')$$,
   '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('invitations', $$id = tests.id('invitation')$$, $$id = '50000000-0000-4000-8000-00000000000b'$$,
   $${"revoked_at": "now()"}$$, '{}', 'DDDDDAD', 'DDDDDDA'),
  ('programmes', $$id = tests.id('programme')$$, $$id = '40000000-0000-4000-8000-00000000000b'$$,
   $${"name": "'Renamed programme'", "description": "'New words'"}$$, '{}', 'DDDDDAD', 'DDDDDDA'),
  ('programme_items', $$programme_id = tests.id('programme')$$, $$programme_id = '40000000-0000-4000-8000-00000000000b'$$,
   $${"position": "9", "item_kind": "'scenario'", "item_id": "'test-scenario'", "required_mode": "'practice'"}$$, '{programme_id}', 'DDDDDAD', 'DDDDDDA'),
  ('cohort_programmes', $$programme_id = tests.id('programme')$$, $$programme_id = '40000000-0000-4000-8000-00000000000b'$$,
   $${"due_date": "current_date + 30"}$$, '{cohort_id, programme_id}', 'DDDDDAD', 'DDDDDDA'),
  ('skill_targets', $$organisation_id = tests.id('org_a')$$, $$organisation_id = tests.id('org_b')$$,
   $${"target": "0.5"}$$, '{organisation_id, cohort_id, skill_id}', 'DDDDDAD', 'DDDDDDA'),
  ('learner_assignments', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$,
   $${"due_date": "current_date + 30"}$$, '{}', 'DDDADAD', 'DDDDDDA'),
  ('activity_events', $$id = tests.id('event')$$, $$id = '60000000-0000-4000-8000-00000000000b'$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('attempt_progress', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('evidence', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('skill_run_stats', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('skill_stats', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD'),
  ('skill_format_stats', $$user_id = tests.id('learner')$$, $$user_id = tests.id('other_admin')$$, '{}', '{}', 'DDDDDDD', 'DDDDDDD');
-- The published catalogue: written by the service role only.
insert into scope_cases
select c.relname, 'true', null, '{}', '{}', 'DDDDDDD', null
from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname like 'catalog\_%';

-- The new value a persona tries: the declared one for a value column; for a scope column an
-- id from the other side (A's row moves to B, B's row to A); anything else simply changed.
create function tests.moved_value(col text, type text, side text, value_columns jsonb) returns text language sql immutable as $$
  select coalesce(value_columns ->> col, case
    when col = 'organisation_id' then case side when 'a' then $v$tests.id('org_b')$v$ else $v$tests.id('org_a')$v$ end
    when col = 'cohort_id' then case side when 'a' then $v$'30000000-0000-4000-8000-0000000000b1'::uuid$v$ else $v$tests.id('cohort_a1')$v$ end
    when col = 'programme_id' then case side when 'a' then $v$'40000000-0000-4000-8000-00000000000b'::uuid$v$ else $v$tests.id('programme')$v$ end
    when col in ('user_id', 'created_by', 'observed_by', 'used_by') then case side when 'a' then $v$tests.id('other_admin')$v$ else $v$tests.id('learner')$v$ end
    when type = 'uuid' then 'gen_random_uuid()'
    when type = 'text' then format('%I || ''-moved''', col)
    else quote_ident(col)
  end)
$$;

create temporary table outcomes on commit drop as
select c.tbl, a.attname::text as col, p.name as persona, s.side,
  tests.attempt(p.name, 'update', c.tbl, s.target, null,
    format('%I = %s', a.attname, tests.moved_value(a.attname, format_type(a.atttypid, a.atttypmod), s.side, c.value_columns))) as got,
  case when c.value_columns ? a.attname and substr(case s.side when 'a' then c.update_a else c.update_b end, p.position, 1) = 'A'
    then 'allowed' else 'denied' end as expected
from scope_cases c
join pg_class k on k.relname = c.tbl and k.relnamespace = 'public'::regnamespace
join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
cross join (values (1, 'anon'), (2, 'learner'), (3, 'other_learner'), (4, 'supervisor'), (5, 'other_supervisor'), (6, 'admin'), (7, 'other_admin')) p(position, name)
cross join lateral (values ('a', c.target_a), ('b', c.target_b)) s(side, target)
where s.target is not null;

-- The attacks of issue 11 came from someone who administers both sides (she created two
-- agencies): the admin of A becomes an admin of B too and tries again.
insert into public.memberships (organisation_id, user_id, role, display_name) values (tests.id('org_b'), tests.id('admin'), 'admin', 'Admin of both');
insert into outcomes
select c.tbl, a.attname::text, 'admin of A and B', s.side,
  tests.attempt('admin', 'update', c.tbl, s.target, null,
    format('%I = %s', a.attname, tests.moved_value(a.attname, format_type(a.atttypid, a.atttypmod), s.side, c.value_columns))),
  case when c.value_columns ? a.attname then 'allowed' else 'denied' end
from scope_cases c
join pg_class k on k.relname = c.tbl and k.relnamespace = 'public'::regnamespace
join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
cross join lateral (values ('a', c.target_a), ('b', c.target_b)) s(side, target)
where s.target is not null;

create function tests.row_count(tbl text, target text) returns integer language plpgsql as $$
declare
  n integer;
begin
  execute format('select count(*) from public.%I where %s', tbl, target) into n;
  return n;
end
$$;

select plan((select count(distinct (tbl, col))::integer from outcomes) + 6);

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname not in (select tbl from scope_cases)),
  null, 'every table in the exposed schema is declared here');

select is(
  (select array_agg(k.relname || '.' || a.attname order by k.relname, a.attname)
   from pg_class k join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
   left join scope_cases c on c.tbl = k.relname
   where k.relnamespace = 'public'::regnamespace and k.relkind = 'r'
     and has_column_privilege('authenticated', k.oid, a.attnum, 'UPDATE')
     and not (coalesce(c.value_columns ? a.attname, false) or a.attname = any (coalesce(c.key_columns, '{}')))),
  null, 'every column authenticated may update is declared here (a value column or a trigger-guarded key)');

select is(
  (select array_agg(c.tbl || '.' || col order by c.tbl, col)
   from scope_cases c
   cross join lateral (select jsonb_object_keys(c.value_columns) as col union select unnest(c.key_columns)) declared
   where not has_column_privilege('authenticated', ('public.' || c.tbl)::regclass, declared.col, 'UPDATE')),
  null, 'every declared column is one authenticated may update (no stale declarations)');

select is(
  (select array_agg(k.relname || '.' || a.attname order by k.relname, a.attname)
   from pg_class k join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
   where k.relnamespace = 'public'::regnamespace and k.relkind = 'r' and has_column_privilege('anon', k.oid, a.attnum, 'UPDATE')),
  null, 'anon may update no column');

select is(
  (select array_agg(c.tbl || ' ' || s.side order by c.tbl) from scope_cases c
   cross join lateral (values ('a', c.target_a), ('b', c.target_b)) s(side, target)
   where s.target is not null and tests.row_count(c.tbl, s.target) = 0),
  null, 'every row aimed at exists (no attempt is vacuous)');

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname not like 'catalog\_%'
     and not exists (select 1 from pg_trigger t join pg_proc f on f.oid = t.tgfoid where t.tgrelid = c.oid and f.proname = 'keep_scope')),
  null, 'every table outside the published catalogue keeps its scope columns by trigger');

select is(
  array_agg(persona || ' on ' || side || '''s row: ' || got order by persona, side) filter (where got <> expected),
  null,
  format('%s.%s: %s', tbl, col, case when bool_or(expected = 'allowed') then 'only the admin whose agency the row is in may change it'
    else 'nobody may move it' end))
from outcomes
group by tbl, col
order by tbl, col;

select * from finish();
