-- The checks Supabase's database linter makes, as assertions: RLS and policies on every
-- exposed table, no open write policies, security-definer functions kept out of reach,
-- fixed search paths, no policies reading user-editable metadata, indexes for policy columns.
select plan(10);

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity),
  null, 'row-level security is enabled on every table in the exposed schema');

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'r'
     and not exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname)),
  null, 'every exposed table has at least one policy');

select is(
  (select array_agg(tablename || '.' || policyname order by tablename) from pg_policies
   where schemaname = 'public' and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
     and (coalesce(qual, '') ~* '^\(?true\)?$' or coalesce(with_check, '') ~* '^\(?true\)?$')),
  null, 'no write policy is using (true) or with check (true)');

select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where p.prosecdef and n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')),
  null, 'no security-definer function is executable by anon');

select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where p.prosecdef and n.nspname = 'public'),
  null, 'no security-definer function sits in the exposed schema');

select is(
  (select array_agg(n.nspname || '.' || p.proname order by p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.prokind = 'f'
     and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
     and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) setting where setting like 'search_path=%')),
  null, 'every function has a fixed search_path');

select is(
  (select array_agg(tablename || '.' || policyname) from pg_policies
   where schemaname = 'public' and (coalesce(qual, '') || coalesce(with_check, '')) ~* 'user_metadata'),
  null, 'no policy reads user_metadata');

select is(
  (select array_agg(c.relname::text) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'v'
     and not coalesce(c.reloptions::text[] @> array['security_invoker=true'], false)),
  null, 'every view is security_invoker');

-- Each column a policy filters on by user or organisation leads an index.
select is(
  (select array_agg(t.tbl || '.' || t.col order by t.tbl) from (values
     ('memberships', 'user_id'), ('cohorts', 'organisation_id'), ('cohort_members', 'user_id'), ('invitations', 'organisation_id'),
     ('programmes', 'organisation_id'), ('cohort_programmes', 'programme_id'), ('skill_targets', 'cohort_id'),
     ('activity_events', 'user_id'), ('activity_events', 'observed_by'), ('attempt_progress', 'user_id'), ('evidence', 'user_id'),
     ('skill_run_stats', 'user_id'), ('skill_stats', 'user_id')) t(tbl, col)
   where not exists (
     select 1 from pg_index i join pg_class c on c.oid = i.indrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
     where c.relname = t.tbl and a.attname = t.col)),
  null, 'every column a policy filters on is the first column of an index');

-- Every input has a size: each text, number and time column of an exposed table is named by
-- a check constraint (a length, a range, a time window).
select is(
  (select array_agg(k.relname || '.' || a.attname order by k.relname, a.attname)
   from pg_class k join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
   where k.relnamespace = 'public'::regnamespace and k.relkind = 'r'
     and a.atttypid in ('text'::regtype, 'text[]'::regtype, 'integer'::regtype, 'double precision'::regtype, 'numeric'::regtype,
       'timestamp with time zone'::regtype, 'date'::regtype)
     and not exists (select 1 from pg_constraint c where c.conrelid = k.oid and c.contype = 'c' and a.attnum = any (c.conkey))),
  null, 'every text, number and time column has a check constraint');

select * from finish();
