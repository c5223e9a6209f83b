-- Issue 16 §2: ingest on PostgreSQL 15 at thousands of events a second, with every event
-- still validated, scored and counted by the database. What a batch of record_activity spent
-- its time on (pg_stat_user_functions and pg_stat_statements, track = all, one learner's
-- 50-event batches), and what changes:
--
-- 1. `insert … on conflict (id) do nothing` names a conflict target, which makes PostgreSQL
--    require SELECT on activity_events and check the SELECT policy as well as the INSERT policy
--    on every row: private.viewable_learners() planned and run once per event (~0.85 ms, a
--    quarter of the time). The id is the table's only unique key, so `on conflict do nothing`
--    catches the same concurrent repeat without the SELECT check. The INSERT policy (the
--    learner's own records only) is unchanged.
-- 2. Each evidence unit went through record_evidence → add_evidence: an evidence insert, a
--    lock, three upserts of statistics and seven helper calls per unit, two to three units per
--    scenario choice. An event's units (one per skill the decision is evidence of; distinct by
--    the catalogue's key) now go through one call that does each step once for all of them
--    (`private.add_evidence_units`). add_evidence stays, as the same function on a single unit,
--    for the rebuild and the tests; the arithmetic is unchanged (statistics.ts addEvidence).
-- 3. skill_run_stats' format check called private.run_format (a SQL function with a fixed
--    search_path, which PostgreSQL cannot inline) on every upsert; the same condition is now
--    written out in the constraint.

-- ---------------------------------------------------------------------------
-- 2. One event's evidence units at once.

-- Adds evidence units of one run, at one time, for distinct skills of one learner, exactly as
-- add_evidence would one after another (the units touch different learner × skill rows, so
-- their order does not matter). Locks the learner × skill rows first, in skill order, so that
-- concurrent writers to the same statistics take turns and each sees the other's runs.
create or replace function private.add_evidence_units(
  p_user uuid, p_run text, p_cap double precision, p_at timestamptz,
  p_skills text[], p_weights double precision[], p_scores double precision[]
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  t double precision;
  h double precision := private.half_life_days();
  run_format text := private.run_format(p_run);
  bad record;
  rebased text[];
begin
  if coalesce(cardinality(p_skills), 0) = 0 and coalesce(cardinality(p_weights), 0) = 0
      and coalesce(cardinality(p_scores), 0) = 0 then
    return;
  end if;
  select u.w, u.y into bad
  from unnest(p_skills, p_weights, p_scores) as u (skill, w, y)
  where not coalesce(p_user is not null and u.skill is not null and p_run is not null and isfinite(p_at)
      and u.w > 0 and u.w <= 5 and u.y <= 1 and u.y >= -1 and (u.y >= 0 or run_format = 'check')
      and (p_cap is null or (p_cap > 0 and p_cap < 'infinity')), false)
  limit 1;
  if found then
    raise exception 'Evidence must be finite and in range (weight %, score %, cap %, time %).', bad.w, bad.y, p_cap, p_at
      using errcode = '22003';
  end if;
  if run_format is null then
    raise exception 'Run key "%" names no response format (run:, check: or observation:).', left(p_run, 100)
      using errcode = '22023';
  end if;
  if cardinality(p_skills) <> (select count(distinct s) from unnest(p_skills) s) then
    raise exception 'Evidence units of one run must be for distinct skills.' using errcode = '22023';
  end if;
  t := private.epoch_days(p_at);
  -- A learner × skill's first unit sets its epoch t0.
  insert into public.skill_stats (user_id, skill_id, t0)
  select p_user, s, floor(t) from unnest(p_skills) s
  on conflict (user_id, skill_id) do nothing;
  perform 1 from public.skill_stats s
  where s.user_id = p_user and s.skill_id = any (p_skills)
  order by s.skill_id
  for update;
  -- Rebase the decayed sums to a later epoch where this unit is 20 half-lives past it.
  select array_agg(s.skill_id) into rebased from public.skill_stats s
  where s.user_id = p_user and s.skill_id = any (p_skills) and (t - s.t0) / h > private.rebase_exponent();
  if rebased is not null then
    update public.skill_run_stats r set ap = r.ap * x.factor, am = r.am * x.factor
    from (select s.skill_id, power(2::double precision, -(floor(t) - s.t0) / h) as factor
          from public.skill_stats s where s.user_id = p_user and s.skill_id = any (rebased)) x
    where r.user_id = p_user and r.skill_id = x.skill_id;
    update public.skill_stats s set t0 = floor(t) where s.user_id = p_user and s.skill_id = any (rebased);
  end if;
  insert into public.skill_run_stats as r (user_id, skill_id, run_key, format, cap, w, ap, am, sw, swt, swy, swtt, swty, swyy, events, last_at)
  select p_user, u.skill, p_run, run_format, p_cap, u.w, u.w * u.y * d.decay, u.w * (1 - u.y) * d.decay,
         u.w, u.w * t, u.w * u.y, u.w * t * t, u.w * t * u.y, u.w * u.y * u.y, 1, p_at
  from unnest(p_skills, p_weights, p_scores) as u (skill, w, y)
  join public.skill_stats s on s.user_id = p_user and s.skill_id = u.skill
  cross join lateral (select power(2::double precision, (t - s.t0) / h) as decay) d
  on conflict (user_id, skill_id, run_key) do update set
    w = r.w + excluded.w, ap = r.ap + excluded.ap, am = r.am + excluded.am,
    sw = r.sw + excluded.sw, swt = r.swt + excluded.swt, swy = r.swy + excluded.swy,
    swtt = r.swtt + excluded.swtt, swty = r.swty + excluded.swty, swyy = r.swyy + excluded.swyy,
    events = r.events + 1, last_at = greatest(r.last_at, excluded.last_at);
  -- The run cap scales a whole run by k = min(1, cap / w): recompute the format's sums from
  -- its runs (every format's after a rebase), then the pooled sums from the formats.
  insert into public.skill_format_stats as f (user_id, skill_id, format, a_plus, a_minus, sw, swt, swy, swtt, swty, swyy,
    events, runs, snn, sna, saa, last_at)
  select p_user, r.skill_id, r.format, sum(r.k * r.ap), sum(r.k * r.am), sum(r.k * r.sw), sum(r.k * r.swt), sum(r.k * r.swy),
         sum(r.k * r.swtt), sum(r.k * r.swty), sum(r.k * r.swyy), sum(r.events)::integer, count(*)::integer,
         sum((r.k * r.sw) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.swy)), max(r.last_at)
  from (
    select r.*, case when r.cap is null or r.w <= r.cap then 1::double precision else r.cap / r.w end as k
    from public.skill_run_stats r
    where r.user_id = p_user and r.skill_id = any (p_skills)
      and (r.format = run_format or r.skill_id = any (coalesce(rebased, '{}')))
  ) r
  group by r.skill_id, r.format
  on conflict (user_id, skill_id, format) do update set
    a_plus = excluded.a_plus, a_minus = excluded.a_minus, sw = excluded.sw, swt = excluded.swt, swy = excluded.swy,
    swtt = excluded.swtt, swty = excluded.swty, swyy = excluded.swyy, events = excluded.events, runs = excluded.runs,
    snn = excluded.snn, sna = excluded.sna, saa = excluded.saa, last_at = excluded.last_at;
  update public.skill_stats s set
    a_plus = agg.a_plus, a_minus = agg.a_minus, sw = agg.sw, swt = agg.swt, swy = agg.swy,
    swtt = agg.swtt, swty = agg.swty, swyy = agg.swyy, events = agg.events, last_at = agg.last_at
  from (
    select f.skill_id, sum(f.a_plus) as a_plus, sum(f.a_minus) as a_minus, sum(f.sw) as sw, sum(f.swt) as swt,
           sum(f.swy) as swy, sum(f.swtt) as swtt, sum(f.swty) as swty, sum(f.swyy) as swyy,
           sum(f.events)::integer as events, max(f.last_at) as last_at
    from public.skill_format_stats f where f.user_id = p_user and f.skill_id = any (p_skills)
    group by f.skill_id
  ) agg
  where s.user_id = p_user and s.skill_id = agg.skill_id;
end
$$;
revoke all on function private.add_evidence_units(uuid, text, double precision, timestamptz, text[], double precision[], double precision[])
  from public, anon, authenticated;

-- One unit: the rebuild replays evidence through this, and tests feed it units directly.
create or replace function private.add_evidence(
  p_user uuid, p_skill text, p_run text, p_cap double precision,
  p_w double precision, p_y double precision, p_at timestamptz
) returns void
language sql security definer set search_path = ''
as $$
  select private.add_evidence_units(p_user, p_run, p_cap, p_at, array[p_skill], array[p_w], array[p_y])
$$;
revoke all on function private.add_evidence(uuid, text, text, double precision, double precision, double precision, timestamptz) from public, anon, authenticated;

-- An event's evidence, one unit per skill, and the statistics it moves — unless the event
-- comes through record_activity, which adds the statistics of its whole batch at the end
-- (`casecraft.statistics_by_batch`, set only by record_activity, for its own transaction;
-- PostgREST lets clients set request.* settings only).
create or replace function private.record_event_evidence(
  event public.activity_events, p_run text, p_cap double precision,
  p_skills text[], p_weights double precision[], p_scores double precision[]
) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.evidence (event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at)
  select event.id, u.skill, event.user_id, p_run, p_cap, u.w, u.y, event.occurred_at
  from unnest(p_skills, p_weights, p_scores) as u (skill, w, y);
  if coalesce(current_setting('casecraft.statistics_by_batch', true), '') <> 'on' then
    perform private.add_evidence_units(event.user_id, p_run, p_cap, event.occurred_at, p_skills, p_weights, p_scores);
  end if;
end
$$;

-- The statistics of a record_activity batch: the evidence of the events it stored (in the
-- order it stored them), added as add_evidence would add it unit by unit, but each step once
-- for the whole batch. Only the caller's own events stored by this transaction count
-- (received_at is the transaction's start), so a second call can add nothing that is not
-- the caller's own new evidence; it is not reachable through the API (schema private).
-- A learner × skill whose epoch must move on (20 half-lives) takes the unit-by-unit path.
create or replace function private.add_batch_statistics(p_events uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  h double precision := private.half_life_days();
  horizon double precision := private.rebase_exponent();
  unit record;
  users uuid[]; skills text[]; runs text[]; caps double precision[]; weights double precision[];
  scores double precision[]; times timestamptz[];
  late_users uuid[]; late_skills text[];
begin
  select array_agg(e.user_id order by x.ord, e.skill_id), array_agg(e.skill_id order by x.ord, e.skill_id),
         array_agg(e.run_key order by x.ord, e.skill_id), array_agg(e.cap order by x.ord, e.skill_id),
         array_agg(e.weight order by x.ord, e.skill_id), array_agg(e.score order by x.ord, e.skill_id),
         array_agg(e.occurred_at order by x.ord, e.skill_id)
  into users, skills, runs, caps, weights, scores, times
  from unnest(p_events) with ordinality as x (id, ord)
  join public.activity_events a on a.id = x.id and a.user_id = (select auth.uid()) and a.received_at = now()
  join public.evidence e on e.event_id = a.id;
  if users is null then
    return;
  end if;
  -- A learner × skill's first unit sets its epoch t0; then every pair is locked, in order.
  insert into public.skill_stats (user_id, skill_id, t0)
  select distinct on (u.user_id, u.skill_id) u.user_id, u.skill_id, floor(private.epoch_days(u.at))
  from unnest(users, skills, times) with ordinality as u (user_id, skill_id, at, ord)
  order by u.user_id, u.skill_id, u.ord
  on conflict (user_id, skill_id) do nothing;
  perform 1 from public.skill_stats s
  join (select distinct u.user_id, u.skill_id from unnest(users, skills) as u (user_id, skill_id)) p
    on p.user_id = s.user_id and p.skill_id = s.skill_id
  order by s.user_id, s.skill_id
  for update of s;
  select array_agg(p.user_id), array_agg(p.skill_id) into late_users, late_skills
  from (
    select distinct u.user_id, u.skill_id
    from unnest(users, skills, times) as u (user_id, skill_id, at)
    join public.skill_stats s on s.user_id = u.user_id and s.skill_id = u.skill_id
    where (private.epoch_days(u.at) - s.t0) / h > horizon
  ) p;
  if late_users is not null then
    for unit in
      select u.* from unnest(users, skills, runs, caps, weights, scores, times) with ordinality as u (user_id, skill_id, run_key, cap, w, y, at, ord)
      join unnest(late_users, late_skills) as l (user_id, skill_id) on l.user_id = u.user_id and l.skill_id = u.skill_id
      order by u.ord
    loop
      perform private.add_evidence_units(unit.user_id, unit.run_key, unit.cap, unit.at, array[unit.skill_id], array[unit.w], array[unit.y]);
    end loop;
  end if;
  -- Every other pair: its runs' sums gain the batch's units (a new run's cap is its first
  -- unit's), then the formats it touched are recomputed from their runs, then the pooled sums.
  insert into public.skill_run_stats as r (user_id, skill_id, run_key, format, cap, w, ap, am, sw, swt, swy, swtt, swty, swyy, events, last_at)
  select u.user_id, u.skill_id, u.run_key, private.run_format(u.run_key), (array_agg(u.cap order by u.ord))[1],
         sum(u.w), sum(u.w * u.y * d.decay), sum(u.w * (1 - u.y) * d.decay), sum(u.w), sum(u.w * d.t), sum(u.w * u.y),
         sum(u.w * d.t * d.t), sum(u.w * d.t * u.y), sum(u.w * u.y * u.y), count(*)::integer, max(u.at)
  from unnest(users, skills, runs, caps, weights, scores, times) with ordinality as u (user_id, skill_id, run_key, cap, w, y, at, ord)
  join public.skill_stats s on s.user_id = u.user_id and s.skill_id = u.skill_id
  cross join lateral (select private.epoch_days(u.at) as t) x
  cross join lateral (select x.t as t, power(2::double precision, (x.t - s.t0) / h) as decay) d
  where not exists (select 1 from unnest(late_users, late_skills) as l (user_id, skill_id)
                    where l.user_id = u.user_id and l.skill_id = u.skill_id)
  group by u.user_id, u.skill_id, u.run_key
  on conflict (user_id, skill_id, run_key) do update set
    w = r.w + excluded.w, ap = r.ap + excluded.ap, am = r.am + excluded.am,
    sw = r.sw + excluded.sw, swt = r.swt + excluded.swt, swy = r.swy + excluded.swy,
    swtt = r.swtt + excluded.swtt, swty = r.swty + excluded.swty, swyy = r.swyy + excluded.swyy,
    events = r.events + excluded.events, last_at = greatest(r.last_at, excluded.last_at);
  insert into public.skill_format_stats as f (user_id, skill_id, format, a_plus, a_minus, sw, swt, swy, swtt, swty, swyy,
    events, runs, snn, sna, saa, last_at)
  select r.user_id, r.skill_id, r.format, sum(r.k * r.ap), sum(r.k * r.am), sum(r.k * r.sw), sum(r.k * r.swt), sum(r.k * r.swy),
         sum(r.k * r.swtt), sum(r.k * r.swty), sum(r.k * r.swyy), sum(r.events)::integer, count(*)::integer,
         sum((r.k * r.sw) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.swy)), max(r.last_at)
  from (
    select r.*, case when r.cap is null or r.w <= r.cap then 1::double precision else r.cap / r.w end as k
    from public.skill_run_stats r
    join (select distinct u.user_id, u.skill_id, private.run_format(u.run_key) as format
          from unnest(users, skills, runs) as u (user_id, skill_id, run_key)) p
      on p.user_id = r.user_id and p.skill_id = r.skill_id and p.format = r.format
  ) r
  group by r.user_id, r.skill_id, r.format
  on conflict (user_id, skill_id, format) do update set
    a_plus = excluded.a_plus, a_minus = excluded.a_minus, sw = excluded.sw, swt = excluded.swt, swy = excluded.swy,
    swtt = excluded.swtt, swty = excluded.swty, swyy = excluded.swyy, events = excluded.events, runs = excluded.runs,
    snn = excluded.snn, sna = excluded.sna, saa = excluded.saa, last_at = excluded.last_at;
  update public.skill_stats s set
    a_plus = agg.a_plus, a_minus = agg.a_minus, sw = agg.sw, swt = agg.swt, swy = agg.swy,
    swtt = agg.swtt, swty = agg.swty, swyy = agg.swyy, events = agg.events, last_at = agg.last_at
  from (
    select f.user_id, f.skill_id, sum(f.a_plus) as a_plus, sum(f.a_minus) as a_minus, sum(f.sw) as sw, sum(f.swt) as swt,
           sum(f.swy) as swy, sum(f.swtt) as swtt, sum(f.swty) as swty, sum(f.swyy) as swyy,
           sum(f.events)::integer as events, max(f.last_at) as last_at
    from public.skill_format_stats f
    join (select distinct u.user_id, u.skill_id from unnest(users, skills) as u (user_id, skill_id)) p
      on p.user_id = f.user_id and p.skill_id = f.skill_id
    group by f.user_id, f.skill_id
  ) agg
  where s.user_id = agg.user_id and s.skill_id = agg.skill_id;
end
$$;
revoke all on function private.add_batch_statistics(uuid[]) from public, anon;
grant execute on function private.add_batch_statistics(uuid[]) to authenticated;
revoke all on function private.record_event_evidence(public.activity_events, text, double precision, text[], double precision[], double precision[])
  from public, anon, authenticated;

-- record_evidence (one unit) is replaced by record_event_evidence (an event's units).
drop function private.record_evidence(public.activity_events, text, text, double precision, double precision, double precision);

-- Derives evidence after insert, with the same formulas as src/domain/scoring/evidence.ts
-- (unchanged from 20261203130000, but an event's units are recorded together).
create or replace function private.derive_evidence()
returns trigger language plpgsql security definer set search_path = ''
as $$
declare
  r double precision;
  skills text[];
  weights double precision[];
  scores double precision[];
begin
  if new.kind = 'choice' then
    r := private.source_weight(new.mode);
    select array_agg(d.skill_id order by d.skill_id), array_agg(r * d.strength order by d.skill_id), array_agg(d.y order by d.skill_id)
    into skills, weights, scores
    from public.catalog_decision_evidence d
    where d.scenario_id = new.scenario_id and d.version = new.scenario_version and d.node_id = new.node_id
      and d.offered_key = new.offered_key and d.choice_id = new.choice_id;
    if skills is not null then
      perform private.record_event_evidence(new, 'run:' || new.attempt_id, private.run_cap(), skills, weights, scores);
    end if;
  elsif new.kind = 'check' then
    -- The formula score: right 1, wrong −1/(m − 1), weight r, so that guessing alone scores
    -- nothing on average; repeats of an item share one answer's weight (the run cap r).
    r := private.source_weight('check');
    select array[i.skill_id], array[r], array[private.check_score(o.correct, i.option_count)]
    into skills, weights, scores
    from public.catalog_check_options o
    join public.catalog_check_items i on i.lesson_id = o.lesson_id and i.item_id = o.item_id
    where o.lesson_id = new.lesson_id and o.item_id = new.item_id and o.option_id = new.option_id;
    perform private.record_event_evidence(new, 'check:' || new.lesson_id || '#' || new.item_id, r,
      coalesce(skills, array[null::text]), coalesce(weights, array[r]), coalesce(scores, array[null::double precision]));
  elsif new.kind = 'observation' then
    perform private.record_event_evidence(new, 'observation:' || new.id, null, array[new.skill_id], array[new.weight], array[new.score]);
  end if;
  return null;
end
$$;
revoke all on function private.derive_evidence() from public, anon, authenticated;

-- ---------------------------------------------------------------------------
-- 3. The run's format, written out (the same condition as private.run_format).

alter table public.skill_run_stats drop constraint skill_run_stats_format_check;
alter table public.skill_run_stats add constraint skill_run_stats_format_check
  check (format in ('choice', 'check', 'observation')
    and format = case when run_key like 'run:%' then 'choice' when run_key like 'check:%' then 'check'
                      when run_key like 'observation:%' then 'observation' end);

-- ---------------------------------------------------------------------------
-- 1. record_activity as in 20261203100100, but its insert names no conflict target (see 1
--    above; a repeat of an id already stored is still "duplicate"), and the statistics of the
--    events it stored are added once for the batch, after its loop (see 2).
create or replace function public.record_activity(events jsonb)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  item record;
  outcomes jsonb := '{}'::jsonb;
  outcome jsonb;
  inserted integer;
  stored uuid[] := '{}';
  event_id text;
  event_seq integer;
  event_time timestamptz;
  failure_state text;
  failure_message text;
  failure_detail text;
  info jsonb;
  failure_code text;
  uuid_pattern constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
begin
  if events is null or jsonb_typeof(events) <> 'array' then
    raise exception 'record_activity expects a JSON array of events.' using errcode = '22023';
  end if;
  if jsonb_array_length(events) > 200 then
    raise exception 'Send at most 200 events at a time (this batch has %).', jsonb_array_length(events)
      using errcode = '22023', detail = '{"code":"too_large"}';
  end if;
  perform set_config('casecraft.statistics_by_batch', 'on', true);
  for item in
    select k.event, k.pos, k.size, k.raw_id
    from (
      select b.*, case when b.attempt_key is null then b.pos else min(b.pos) over (partition by b.attempt_key) end as place
      from (
        select case when s.size > 4096 then null else e.value end as event, e.pos, s.size,
               case when jsonb_typeof(e.value) = 'object' and jsonb_typeof(e.value -> 'id') = 'string'
                    then left(e.value ->> 'id', 100) end as raw_id,
               case when s.size <= 4096 and jsonb_typeof(e.value) = 'object' and jsonb_typeof(e.value -> 'seq') = 'number'
                      and jsonb_typeof(e.value -> 'attempt_id') = 'string' then lower(e.value ->> 'attempt_id') end as attempt_key,
               case when s.size <= 4096 and jsonb_typeof(e.value) = 'object' and jsonb_typeof(e.value -> 'seq') = 'number'
                    then (e.value ->> 'seq')::numeric end as seq_value
        from jsonb_array_elements(events) with ordinality as e(value, pos)
        cross join lateral (select pg_column_size(e.value) as size) s
      ) b
    ) k
    order by k.place, case when k.attempt_key is not null then k.seq_value end nulls first, k.pos
  loop
    event_id := item.raw_id;
    begin
      if item.size > 4096 then
        perform private.refuse('too_large', format('An event may be at most 4 KB; this one is %s bytes.', item.size));
      end if;
      if jsonb_typeof(item.event) <> 'object' then
        perform private.refuse('invalid_field', 'Each event must be a JSON object.');
      end if;
      if event_id is null or event_id !~ uuid_pattern then
        perform private.refuse('invalid_field', 'Each event needs an id that is a UUID.');
      end if;
      if item.event ->> 'kind' = 'observation' then
        perform private.refuse('forbidden', 'Observations are recorded by a supervisor on the learner''s profile, not synced.');
      end if;
      if coalesce(item.event -> 'attempt_id', 'null'::jsonb) <> 'null'::jsonb
          and coalesce(item.event ->> 'attempt_id', '') !~ uuid_pattern then
        perform private.refuse('invalid_field', 'attempt_id must be a UUID.');
      end if;
      event_seq := null;
      if coalesce(item.event -> 'seq', 'null'::jsonb) <> 'null'::jsonb then
        if jsonb_typeof(item.event -> 'seq') <> 'number' or (item.event ->> 'seq')::numeric not between 1 and 1000
            or (item.event ->> 'seq')::numeric % 1 <> 0 then
          perform private.refuse('invalid_field', 'seq must be a whole number from 1 to 1000.');
        end if;
        event_seq := (item.event ->> 'seq')::integer;
      end if;
      begin
        event_time := (item.event ->> 'occurred_at')::timestamptz;
      exception when others then
        perform private.refuse('bad_time', 'occurred_at must be a time (ISO 8601, with its time zone).');
      end;
      insert into public.activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id,
        ending_id, mode, lesson_id, item_id, option_id, seq)
      values (event_id::uuid, item.event ->> 'kind', event_time, (item.event ->> 'attempt_id')::uuid,
        item.event ->> 'scenario_id', item.event ->> 'scenario_version', item.event ->> 'node_id', item.event ->> 'choice_id',
        item.event ->> 'ending_id', item.event ->> 'mode', item.event ->> 'lesson_id', item.event ->> 'item_id',
        item.event ->> 'option_id', event_seq)
      on conflict do nothing;
      get diagnostics inserted = row_count;
      if inserted = 1 then
        stored := stored || event_id::uuid;
      end if;
      outcome := jsonb_build_object('id', event_id, 'status', case when inserted = 1 then 'accepted' else 'duplicate' end);
    exception when others then
      get stacked diagnostics failure_state = returned_sqlstate, failure_message = message_text, failure_detail = pg_exception_detail;
      info := null;
      if failure_detail like '{%' then
        begin
          info := failure_detail::jsonb;
        exception when others then
          info := null;
        end;
      end if;
      failure_code := coalesce(info ->> 'code', case
        when failure_state = '42501' then 'forbidden'
        when failure_state = '23503' then 'unknown_content'
        when failure_state in ('22001', '54000') then 'too_large'
        when failure_state in ('22007', '22008') then 'bad_time'
        else 'invalid_field' end);
      outcome := jsonb_build_object(
        'id', event_id,
        'status', case when failure_code = 'awaiting_predecessor' then 'deferred' else 'refused' end,
        'code', failure_code,
        'error', case when info ? 'code' then failure_message
                      when failure_state = '42501' then 'You may record only your own activity.'
                      else 'The record is not valid: ' || left(failure_message, 300) end)
        || case when info ? 'waiting_for' then jsonb_build_object('waiting_for', info -> 'waiting_for') else '{}'::jsonb end;
    end;
    outcomes := outcomes || jsonb_build_object(item.pos::text, outcome);
  end loop;
  perform set_config('casecraft.statistics_by_batch', 'off', true);
  perform private.add_batch_statistics(stored);
  return (select coalesce(jsonb_agg(outcomes -> (position::text) order by position), '[]'::jsonb)
          from generate_series(1, jsonb_array_length(events)) as position);
end
$$;
revoke all on function public.record_activity(jsonb) from public, anon;
grant execute on function public.record_activity(jsonb) to authenticated;

