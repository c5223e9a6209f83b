-- Issue 14, the database half: statistics per response format, formula-scored knowledge
-- checks, and the reads team views need at agency scale (issue 16).
--
-- The TypeScript engine (src/domain/scoring, docs/scoring-model.md) keeps every learner ×
-- skill's sums per response format — graded scenario choices, knowledge-check answers,
-- supervisors' observations — because one unit of weight is worth a different amount of
-- information in each (the dispersion φ), and scores a check answer by the formula score
-- (right 1, wrong −1/(m − 1), weight r). The database now does the same:
--
-- 1. `skill_run_stats.format`, from the run key (`run:` choice, `check:` check,
--    `observation:` observation); `skill_format_stats`, one row per learner × skill × format
--    with the capped decayed sums, the six trend sums, the number of runs and the run-level
--    moments Σ N², Σ A·N, Σ A² the dispersion estimate needs (N_r = k·Σw, A_r = k·Σw·y, k the
--    run's cap factor). `skill_stats` keeps the epoch t0 and, as before, the pooled sums: the
--    SUM of its format rows.
-- 2. `derive_evidence` formula-scores check answers; `evidence.score` of a check may be
--    negative (from −1); existing check evidence is re-derived from its activity events and
--    every statistic rebuilt from the evidence (`rebuild_all_statistics`, set-based).
-- 3. `skill_format_totals` (security invoker): the per-format sums decayed to now.
-- 4. `cohort_statistics(cohort_id)`: one round trip for a cohort's dashboard — every
--    learner × skill × format row of the cohort's learners, for the cohort's supervisors and
--    its agency's admins. `agency_dispersion(organisation_id)`: per format the sums φ is
--    estimated from (aggregates only), for the agency's admins. Both run as the caller and
--    check who the caller is once, then read the statistics without per-row policies.
-- 5. The scope triggers of the statistics tables (and attempt_progress, updated on every
--    decision) fire only when an UPDATE names a scope column (`before update of …`): the
--    guarantee is the same (a column no SET names cannot change), the hot path skips them.

-- ---------------------------------------------------------------------------
-- 1. Formats.

-- The response format of a run, from its key; null for a key that names none.
create or replace function private.run_format(run_key text) returns text
language sql immutable set search_path = '' as $$
  select case
    when run_key like 'run:%' then 'choice'
    when run_key like 'check:%' then 'check'
    when run_key like 'observation:%' then 'observation'
  end
$$;

alter table public.skill_run_stats add column format text;
comment on column public.skill_run_stats.format is
  'Response format of the run: choice (a scenario attempt), check (one knowledge-check item) or observation; from the run key.';

create table public.skill_format_stats (
  user_id uuid not null,
  skill_id text not null,
  format text not null constraint skill_format_stats_format_check check (format in ('choice', 'check', 'observation')),
  a_plus double precision not null default 0,
  a_minus double precision not null default 0,
  sw double precision not null default 0,
  swt double precision not null default 0,
  swy double precision not null default 0,
  swtt double precision not null default 0,
  swty double precision not null default 0,
  swyy double precision not null default 0,
  events integer not null default 0,
  runs integer not null default 0,
  snn double precision not null default 0,
  sna double precision not null default 0,
  saa double precision not null default 0,
  last_at timestamptz,
  primary key (user_id, skill_id, format),
  foreign key (user_id, skill_id) references public.skill_stats (user_id, skill_id) on delete cascade
);
comment on table public.skill_format_stats is
  'Per learner × skill × response format: capped sums decayed to the epoch t0 of skill_stats (a_plus, a_minus), undecayed capped trend sums, runs, and Σ N², Σ A·N, Σ A² over runs for the dispersion estimate. Kept by add_evidence.';

-- Adds one evidence unit, exactly as statistics.ts addEvidence, and keeps the run's format
-- row and the pooled sums. Evidence is finite and in range before it reaches statistics; a
-- check's formula score may be negative (from −1).
create or replace function private.add_evidence(
  p_user uuid, p_skill text, p_run text, p_cap double precision,
  p_w double precision, p_y double precision, p_at timestamptz
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  t double precision;
  h double precision := private.half_life_days();
  run_format text := private.run_format(p_run);
  stats public.skill_stats;
  factor double precision;
  decay double precision;
  rebased boolean := false;
begin
  if not coalesce(p_user is not null and p_skill is not null and p_run is not null and isfinite(p_at)
      and p_w > 0 and p_w <= 5 and p_y <= 1 and p_y >= -1 and (p_y >= 0 or run_format = 'check')
      and (p_cap is null or (p_cap > 0 and p_cap < 'infinity')), false) then
    raise exception 'Evidence must be finite and in range (weight %, score %, cap %, time %).', p_w, p_y, p_cap, p_at
      using errcode = '22003';
  end if;
  if run_format is null then
    raise exception 'Run key "%" names no response format (run:, check: or observation:).', left(p_run, 100)
      using errcode = '22023';
  end if;
  t := private.epoch_days(p_at);
  select * into stats from public.skill_stats s where s.user_id = p_user and s.skill_id = p_skill for update;
  if not found then
    insert into public.skill_stats (user_id, skill_id, t0) values (p_user, p_skill, floor(t)) returning * into stats;
  elsif (t - stats.t0) / h > private.rebase_exponent() then
    factor := power(2::double precision, -(floor(t) - stats.t0) / h);
    update public.skill_run_stats r set ap = r.ap * factor, am = r.am * factor
    where r.user_id = p_user and r.skill_id = p_skill;
    update public.skill_stats s set t0 = floor(t) where s.user_id = p_user and s.skill_id = p_skill;
    stats.t0 := floor(t);
    rebased := true;
  end if;
  decay := power(2::double precision, (t - stats.t0) / h);
  insert into public.skill_run_stats as r (user_id, skill_id, run_key, format, cap, w, ap, am, sw, swt, swy, swtt, swty, swyy, events, last_at)
  values (p_user, p_skill, p_run, run_format, p_cap, p_w, p_w * p_y * decay, p_w * (1 - p_y) * decay,
          p_w, p_w * t, p_w * p_y, p_w * t * t, p_w * t * p_y, p_w * p_y * p_y, 1, p_at)
  on conflict (user_id, skill_id, run_key) do update set
    w = r.w + excluded.w, ap = r.ap + excluded.ap, am = r.am + excluded.am,
    sw = r.sw + excluded.sw, swt = r.swt + excluded.swt, swy = r.swy + excluded.swy,
    swtt = r.swtt + excluded.swtt, swty = r.swty + excluded.swty, swyy = r.swyy + excluded.swyy,
    events = r.events + 1, last_at = greatest(r.last_at, excluded.last_at);
  -- The run cap scales a whole run by k = min(1, cap / w): recompute the format's sums from
  -- its runs (every format's after a rebase), then the pooled sums from the formats.
  insert into public.skill_format_stats as f (user_id, skill_id, format, a_plus, a_minus, sw, swt, swy, swtt, swty, swyy,
    events, runs, snn, sna, saa, last_at)
  select p_user, p_skill, r.format, sum(r.k * r.ap), sum(r.k * r.am), sum(r.k * r.sw), sum(r.k * r.swt), sum(r.k * r.swy),
         sum(r.k * r.swtt), sum(r.k * r.swty), sum(r.k * r.swyy), sum(r.events)::integer, count(*)::integer,
         sum((r.k * r.sw) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.swy)), max(r.last_at)
  from (
    select r.*, case when r.cap is null or r.w <= r.cap then 1::double precision else r.cap / r.w end as k
    from public.skill_run_stats r
    where r.user_id = p_user and r.skill_id = p_skill and (rebased or r.format = run_format)
  ) r
  group by r.format
  on conflict (user_id, skill_id, format) do update set
    a_plus = excluded.a_plus, a_minus = excluded.a_minus, sw = excluded.sw, swt = excluded.swt, swy = excluded.swy,
    swtt = excluded.swtt, swty = excluded.swty, swyy = excluded.swyy, events = excluded.events, runs = excluded.runs,
    snn = excluded.snn, sna = excluded.sna, saa = excluded.saa, last_at = excluded.last_at;
  update public.skill_stats s set
    a_plus = agg.a_plus, a_minus = agg.a_minus, sw = agg.sw, swt = agg.swt, swy = agg.swy,
    swtt = agg.swtt, swty = agg.swty, swyy = agg.swyy, events = agg.events, last_at = agg.last_at
  from (
    select sum(f.a_plus) as a_plus, sum(f.a_minus) as a_minus, sum(f.sw) as sw, sum(f.swt) as swt, sum(f.swy) as swy,
           sum(f.swtt) as swtt, sum(f.swty) as swty, sum(f.swyy) as swyy, sum(f.events)::integer as events, max(f.last_at) as last_at
    from public.skill_format_stats f where f.user_id = p_user and f.skill_id = p_skill
  ) agg
  where s.user_id = p_user and s.skill_id = p_skill;
end
$$;
revoke all on function private.add_evidence(uuid, text, text, double precision, double precision, double precision, timestamptz) from public, anon, authenticated;

-- ---------------------------------------------------------------------------
-- 2. Formula-scored checks.

-- Derives evidence after insert, with the same formulas as src/domain/scoring/evidence.ts
-- (SCORING_CONFIG.checkScoring = 'formula').
create or replace function private.derive_evidence()
returns trigger language plpgsql security definer set search_path = ''
as $$
declare
  item record;
  option_correct boolean;
  options integer;
  skill text;
  r double precision;
begin
  if new.kind = 'choice' then
    r := private.source_weight(new.mode);
    for item in
      select d.skill_id, d.y, d.strength from public.catalog_decision_evidence d
      where d.scenario_id = new.scenario_id and d.version = new.scenario_version and d.node_id = new.node_id
        and d.offered_key = new.offered_key and d.choice_id = new.choice_id
    loop
      perform private.record_evidence(new, item.skill_id, 'run:' || new.attempt_id, private.run_cap(), r * item.strength, item.y);
    end loop;
  elsif new.kind = 'check' then
    -- The formula score: right 1, wrong −1/(m − 1), weight r, so that guessing alone scores
    -- nothing on average; repeats of an item share one answer's weight (the run cap r).
    r := private.source_weight('check');
    select o.correct, i.option_count, i.skill_id into option_correct, options, skill
    from public.catalog_check_options o
    join public.catalog_check_items i on i.lesson_id = o.lesson_id and i.item_id = o.item_id
    where o.lesson_id = new.lesson_id and o.item_id = new.item_id and o.option_id = new.option_id;
    perform private.record_evidence(new, skill, 'check:' || new.lesson_id || '#' || new.item_id, r, r,
      private.check_score(option_correct, options));
  elsif new.kind = 'observation' then
    perform private.record_evidence(new, new.skill_id, 'observation:' || new.id, null, new.weight, new.score);
  end if;
  return null;
end
$$;
revoke all on function private.derive_evidence() from public, anon, authenticated;

create or replace function private.check_score(correct boolean, options integer) returns double precision
language sql immutable set search_path = '' as $$
  select case when correct then 1::double precision when options > 1 then -1::double precision / (options - 1) else 0::double precision end
$$;

grant execute on function private.run_format(text), private.check_score(boolean, integer) to authenticated, service_role;

alter table public.evidence drop constraint evidence_score_check;
alter table public.evidence add constraint evidence_score_range
  check (score <= 1 and (score >= 0 or (run_key like 'check:%' and score >= -1)));

-- Rebuilds every statistic from the evidence in one set-based pass: what add_evidence would
-- leave after receiving each learner × skill's evidence in time order (the epoch t0 is the
-- first unit's day; a run's cap is its first unit's). Pairs whose evidence spans more than
-- the rebase horizon (20 half-lives, ten years) are replayed unit by unit instead. Used by
-- this migration and by the benchmark's bulk fixtures (which prove it equals the triggers).
create or replace function private.rebuild_all_statistics()
returns void language plpgsql security definer set search_path = ''
as $$
declare
  h double precision := private.half_life_days();
  pair record;
begin
  delete from public.skill_format_stats where true;
  delete from public.skill_run_stats where true;
  delete from public.skill_stats where true;
  insert into public.skill_stats (user_id, skill_id, t0)
  select e.user_id, e.skill_id, floor(min(private.epoch_days(e.occurred_at)))
  from public.evidence e group by e.user_id, e.skill_id;
  insert into public.skill_run_stats (user_id, skill_id, run_key, format, cap, w, ap, am, sw, swt, swy, swtt, swty, swyy, events, last_at)
  select e.user_id, e.skill_id, e.run_key, private.run_format(e.run_key), (array_agg(e.cap order by e.occurred_at, e.event_id))[1],
         sum(e.weight), sum(e.weight * e.score * e.decay), sum(e.weight * (1 - e.score) * e.decay),
         sum(e.weight), sum(e.weight * e.t), sum(e.weight * e.score), sum(e.weight * e.t * e.t), sum(e.weight * e.t * e.score),
         sum(e.weight * e.score * e.score), count(*)::integer, max(e.occurred_at)
  from (
    select e.*, x.t, power(2::double precision, (x.t - s.t0) / h) as decay
    from public.evidence e
    join public.skill_stats s on s.user_id = e.user_id and s.skill_id = e.skill_id
    cross join lateral (select private.epoch_days(e.occurred_at) as t) x
  ) e
  group by e.user_id, e.skill_id, e.run_key;
  insert into public.skill_format_stats (user_id, skill_id, format, a_plus, a_minus, sw, swt, swy, swtt, swty, swyy,
    events, runs, snn, sna, saa, last_at)
  select r.user_id, r.skill_id, r.format, sum(r.k * r.ap), sum(r.k * r.am), sum(r.k * r.sw), sum(r.k * r.swt), sum(r.k * r.swy),
         sum(r.k * r.swtt), sum(r.k * r.swty), sum(r.k * r.swyy), sum(r.events)::integer, count(*)::integer,
         sum((r.k * r.sw) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.sw)), sum((r.k * r.swy) * (r.k * r.swy)), max(r.last_at)
  from (
    select r.*, case when r.cap is null or r.w <= r.cap then 1::double precision else r.cap / r.w end as k
    from public.skill_run_stats r
  ) r
  group by r.user_id, r.skill_id, r.format;
  update public.skill_stats s set
    a_plus = agg.a_plus, a_minus = agg.a_minus, sw = agg.sw, swt = agg.swt, swy = agg.swy,
    swtt = agg.swtt, swty = agg.swty, swyy = agg.swyy, events = agg.events, last_at = agg.last_at
  from (
    select f.user_id, f.skill_id, sum(f.a_plus) as a_plus, sum(f.a_minus) as a_minus, sum(f.sw) as sw, sum(f.swt) as swt,
           sum(f.swy) as swy, sum(f.swtt) as swtt, sum(f.swty) as swty, sum(f.swyy) as swyy,
           sum(f.events)::integer as events, max(f.last_at) as last_at
    from public.skill_format_stats f group by f.user_id, f.skill_id
  ) agg
  where s.user_id = agg.user_id and s.skill_id = agg.skill_id;
  for pair in
    select s.user_id, s.skill_id from public.skill_stats s
    where (private.epoch_days(s.last_at) - s.t0) / h > private.rebase_exponent()
  loop
    perform private.rebuild_statistics(pair.user_id, pair.skill_id);
  end loop;
end
$$;
revoke all on function private.rebuild_all_statistics() from public, anon, authenticated;

-- Re-derive existing check evidence by the formula score, from its activity events and the
-- published item (answers to items no longer published keep their evidence), then rebuild
-- every statistic. The per-pair rebuild trigger is off meanwhile: the full rebuild follows.
alter table public.evidence disable trigger evidence_removed;
create temporary table rederived_checks as
select e.event_id, e.skill_id, e.user_id, e.run_key, e.cap, private.source_weight('check') as weight,
       private.check_score(o.correct, i.option_count) as score, e.occurred_at
from public.evidence e
join public.activity_events a on a.id = e.event_id and a.kind = 'check'
join public.catalog_check_options o on o.lesson_id = a.lesson_id and o.item_id = a.item_id and o.option_id = a.option_id
join public.catalog_check_items i on i.lesson_id = o.lesson_id and i.item_id = o.item_id
where e.run_key like 'check:%';
delete from public.evidence e using rederived_checks c where e.event_id = c.event_id and e.skill_id = c.skill_id;
insert into public.evidence (event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at)
select event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at from rederived_checks;
alter table public.evidence enable trigger evidence_removed;
drop table rederived_checks;
select private.rebuild_all_statistics();

alter table public.skill_run_stats alter column format set not null;
alter table public.skill_run_stats add constraint skill_run_stats_format_check
  check (format in ('choice', 'check', 'observation') and format = private.run_format(run_key));

-- ---------------------------------------------------------------------------
-- Sizes, finite values, row-level security and scope of the new table.

alter table public.skill_format_stats
  add constraint skill_format_stats_ids_size check (char_length(skill_id) <= 100),
  add constraint skill_format_stats_values_finite check (
    abs(a_plus) + abs(a_minus) + abs(sw) + abs(swt) + abs(swy) + abs(swtt) + abs(swty) + abs(swyy)
    + abs(snn) + abs(sna) + abs(saa) < 'infinity'::double precision and events >= 0 and runs >= 0),
  add constraint skill_format_stats_last_at_window check (isfinite(last_at) and last_at >= '2020-01-01T00:00:00Z');

alter table public.skill_format_stats enable row level security;
grant select on public.skill_format_stats to authenticated;
grant all on public.skill_format_stats to service_role;
create policy "format statistics are read like activity" on public.skill_format_stats for select to authenticated
  using (user_id = any (select private.viewable_learners()));

-- Scope triggers that fire only when an UPDATE names a scope column (see 5 above).
drop trigger skill_run_stats_keep_scope on public.skill_run_stats;
create trigger skill_run_stats_keep_scope before update of user_id, skill_id, run_key, cap, format on public.skill_run_stats
for each row execute function private.keep_scope('user_id', 'skill_id', 'run_key', 'cap', 'format');
drop trigger skill_stats_keep_scope on public.skill_stats;
create trigger skill_stats_keep_scope before update of user_id, skill_id on public.skill_stats
for each row execute function private.keep_scope('user_id', 'skill_id');
create trigger skill_format_stats_keep_scope before update of user_id, skill_id, format on public.skill_format_stats
for each row execute function private.keep_scope('user_id', 'skill_id', 'format');
drop trigger attempt_progress_keep_scope on public.attempt_progress;
create trigger attempt_progress_keep_scope before update of attempt_id, user_id, scenario_id, scenario_version, mode on public.attempt_progress
for each row execute function private.keep_scope('attempt_id', 'user_id', 'scenario_id', 'scenario_version', 'mode');

-- ---------------------------------------------------------------------------
-- 3. The per-format sums decayed to now; TypeScript builds SkillTotals.formats from them.

create view public.skill_format_totals with (security_invoker = true) as
select
  f.user_id,
  f.skill_id,
  f.format,
  f.a_plus * power(2::double precision, -(private.epoch_days(now()) - s.t0) / private.half_life_days()) as s_plus,
  f.a_minus * power(2::double precision, -(private.epoch_days(now()) - s.t0) / private.half_life_days()) as s_minus,
  f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.events, f.runs, f.snn, f.sna, f.saa, f.last_at
from public.skill_format_stats f
join public.skill_stats s on s.user_id = f.user_id and s.skill_id = f.skill_id;
grant select on public.skill_format_totals to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- 4. Team reads at scale.

-- A cohort's statistics for its dashboard: per learner × skill × format, the sums the
-- estimate and the trend need, decayed to now (as skill_format_totals). For the cohort's
-- supervisors and its agency's admins (active members); anyone else gets 42501, whether or
-- not the cohort exists. Checked once, then read by primary key, with no per-row policy.
--
-- One JSON document rather than a set of rows: a hosted API caps a call's rows (1,000 by
-- default), which would cut a large cohort short, and numbers in arrays are a third of the
-- size of one object per row. Its shape:
--   {"at_ms": <the instant S± are decayed to, ms since 1970>,
--    "columns": ["skill", "format", "s_plus", "s_minus", "sw", "swt", "swy", "swtt", "swty",
--                "swyy", "events", "last_at_ms"],
--    "learners": [["<user id>", [[<one value per column>], …]], …]}
-- Learners of the cohort without any statistics are not listed.
create or replace function private.cohort_statistics(cohort_id uuid)
returns json
language plpgsql stable security definer set search_path = ''
as $$
declare
  -- Whole milliseconds, so that a client can score anything else at exactly this instant.
  at timestamptz := date_trunc('milliseconds', now());
  now_days double precision := private.epoch_days(at);
  h double precision := private.half_life_days();
  result json;
begin
  if cohort_id is null or not (private.supervises_cohort(cohort_id) or coalesce(private.is_org_admin(private.cohort_org(cohort_id)), false)) then
    raise exception 'Only the cohort''s supervisors and its agency''s admins can see its statistics.' using errcode = '42501';
  end if;
  select json_build_object(
    'at_ms', floor(extract(epoch from at) * 1000)::bigint,
    'columns', json_build_array('skill', 'format', 's_plus', 's_minus', 'sw', 'swt', 'swy', 'swtt', 'swty', 'swyy', 'events', 'last_at_ms'),
    'learners', coalesce(json_agg(json_build_array(learner.user_id, learner.rows)), '[]'::json))
  into result
  from (
    select m.user_id, json_agg(json_build_array(
             f.skill_id, f.format,
             f.a_plus * power(2::double precision, -(now_days - s.t0) / h),
             f.a_minus * power(2::double precision, -(now_days - s.t0) / h),
             f.sw, f.swt, f.swy, f.swtt, f.swty, f.swyy, f.events,
             floor(extract(epoch from f.last_at) * 1000)::bigint)) as rows
    from public.cohort_members m
    join public.skill_stats s on s.user_id = m.user_id
    join public.skill_format_stats f on f.user_id = s.user_id and f.skill_id = s.skill_id
    where m.cohort_id = cohort_statistics.cohort_id and m.role = 'learner'
    group by m.user_id
  ) learner;
  return result;
end
$$;
revoke all on function private.cohort_statistics(uuid) from public, anon;
grant execute on function private.cohort_statistics(uuid) to authenticated, service_role;

create or replace function public.cohort_statistics(cohort_id uuid)
returns json
language sql stable security invoker set search_path = ''
as $$
  select private.cohort_statistics(cohort_id)
$$;
revoke all on function public.cohort_statistics(uuid) from public, anon;
grant execute on function public.cohort_statistics(uuid) to authenticated;
comment on function public.cohort_statistics(uuid) is
  'A cohort''s per-learner, per-skill, per-format statistics (decayed to now) in one JSON document, for its supervisors and its agency''s admins.';

-- An agency's dispersion data: per response format, the method-of-moments sums φ is estimated
-- from (src/domain/scoring/dispersion.ts cellDispersion, summed over cells), over every
-- learner × skill cell of the agency's members (current or removed: records stay with the
-- agency) with at least two runs of the format and a mean strictly between 0 and 1.
-- Aggregates only — no learner appears in the result — and only for the agency's admins.
-- The client shrinks them towards the prior (estimateDispersion); nothing is stored.
create or replace function private.agency_dispersion(organisation_id uuid)
returns table (format text, numerator double precision, denominator double precision, df bigint, cells bigint)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if organisation_id is null or not coalesce(private.is_org_admin(organisation_id), false) then
    raise exception 'Only the agency''s admins can see its dispersion estimate.' using errcode = '42501';
  end if;
  return query
  select formats.format, coalesce(sum(c.num), 0), coalesce(sum(c.den), 0), coalesce(sum(c.runs - 1), 0)::bigint, count(c.num)
  from (values ('choice'), ('check'), ('observation')) as formats (format)
  left join (
    select x.format, x.sw, x.num, x.sw * x.p * (1 - x.p) + x.num / x.sw as den, x.runs
    from (
      select y.format, y.sw, y.runs, y.p,
             greatest(0, y.saa - 2 * y.p * y.sna + y.p * y.p * y.snn) * y.runs / (y.runs - 1) as num
      from (
        select f.format, f.sw, f.runs, f.saa, f.sna, f.snn, f.swy / f.sw as p
        from (select distinct m.user_id from public.memberships m where m.organisation_id = agency_dispersion.organisation_id) members
        join public.skill_format_stats f on f.user_id = members.user_id
        where f.runs >= 2 and f.sw > 0
      ) y
      where y.p > 0 and y.p < 1
    ) x
  ) c on c.format = formats.format and c.den > 1e-12 * c.sw
  group by formats.format
  order by formats.format;
end
$$;
revoke all on function private.agency_dispersion(uuid) from public, anon;
grant execute on function private.agency_dispersion(uuid) to authenticated, service_role;

create or replace function public.agency_dispersion(organisation_id uuid)
returns table (format text, numerator double precision, denominator double precision, df bigint, cells bigint)
language sql stable security invoker set search_path = ''
as $$
  select * from private.agency_dispersion(organisation_id)
$$;
revoke all on function public.agency_dispersion(uuid) from public, anon;
grant execute on function public.agency_dispersion(uuid) to authenticated;
comment on function public.agency_dispersion(uuid) is
  'Per response format, the sums an agency''s dispersion φ is estimated from (numerator, denominator, df = Σ(runs − 1), cells): aggregates only, for the agency''s admins.';
