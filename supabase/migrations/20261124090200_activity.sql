-- Activity events (append-only, client-made UUIDs), the evidence the database derives from
-- them against the catalogue, and per learner × skill statistics kept exactly as
-- SCORING.md describes (decayed sums rebased to an epoch t0, per-run caps, trend sums).

create table public.activity_events (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  kind text not null check (kind in ('choice', 'completion', 'check', 'observation')),
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  -- scenario choices and completions
  attempt_id uuid,
  scenario_id text,
  scenario_version text,
  node_id text,
  choice_id text,
  ending_id text,
  mode text check (mode in ('practice', 'assessment')),
  -- knowledge-check answers
  lesson_id text,
  item_id text,
  option_id text,
  -- observations of practice, recorded by a supervisor
  skill_id text,
  score double precision,
  weight double precision,
  note text,
  observed_by uuid references auth.users (id) on delete set null,
  -- derived on insert: the state the choice was made in and the options then on offer
  from_state text,
  offered_key text,
  constraint choice_fields check (kind <> 'choice' or (attempt_id is not null and scenario_id is not null and scenario_version is not null and node_id is not null and choice_id is not null and mode is not null)),
  constraint completion_fields check (kind <> 'completion' or (attempt_id is not null and scenario_id is not null and scenario_version is not null and ending_id is not null and mode is not null)),
  constraint check_fields check (kind <> 'check' or (lesson_id is not null and item_id is not null and option_id is not null)),
  constraint observation_fields check (kind <> 'observation' or (skill_id is not null and score between 0 and 1 and weight > 0 and weight <= 5 and observed_by is not null)),
  constraint occurred_not_future check (occurred_at <= now() + interval '1 day')
);
comment on table public.activity_events is 'What learners did (and supervisors observed). Append-only; a repeated id is ignored.';
create index activity_events_user_id_idx on public.activity_events (user_id, occurred_at);
create index activity_events_attempt_id_idx on public.activity_events (attempt_id);
create index activity_events_observed_by_idx on public.activity_events (observed_by);

-- Where each scenario attempt stands: the next decision must be taken from here.
create table public.attempt_progress (
  attempt_id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  scenario_id text not null,
  scenario_version text not null,
  mode text not null,
  node_id text not null,
  state text not null,
  steps integer not null default 0,
  updated_at timestamptz not null default now()
);
create index attempt_progress_user_id_idx on public.attempt_progress (user_id);

create table public.evidence (
  event_id uuid not null references public.activity_events (id) on delete cascade,
  skill_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  run_key text not null,
  cap double precision,
  weight double precision not null check (weight > 0),
  score double precision not null check (score between 0 and 1),
  occurred_at timestamptz not null,
  primary key (event_id, skill_id)
);
create index evidence_user_id_idx on public.evidence (user_id, skill_id);

-- Additive sums per learner × skill × run (see src/domain/scoring/statistics.ts).
create table public.skill_run_stats (
  user_id uuid not null references auth.users (id) on delete cascade,
  skill_id text not null,
  run_key text not null,
  cap double precision,
  w double precision not null default 0,
  ap double precision not null default 0,
  am double precision not null default 0,
  sw double precision not null default 0,
  swt double precision not null default 0,
  swy double precision not null default 0,
  swtt double precision not null default 0,
  swty double precision not null default 0,
  swyy double precision not null default 0,
  events integer not null default 0,
  last_at timestamptz,
  primary key (user_id, skill_id, run_key)
);

-- Per learner × skill: the capped sums, decayed sums relative to epoch t0 (days since
-- 2020-01-01). Current S± = a_plus/a_minus · 2^(−(now − t0)/h).
create table public.skill_stats (
  user_id uuid not null references auth.users (id) on delete cascade,
  skill_id text not null,
  t0 double precision not null,
  a_plus double precision not null default 0,
  a_minus double precision not null default 0,
  sw double precision not null default 0,
  swt double precision not null default 0,
  swy double precision not null default 0,
  swtt double precision not null default 0,
  swty double precision not null default 0,
  swyy double precision not null default 0,
  events integer not null default 0,
  last_at timestamptz,
  primary key (user_id, skill_id)
);

-- ---------------------------------------------------------------------------
-- Scoring constants: the same values as src/domain/scoring/config.ts (a parity test checks).

create or replace function private.half_life_days() returns double precision
language sql immutable set search_path = '' as $$ select 180::double precision $$;
create or replace function private.rebase_exponent() returns double precision
language sql immutable set search_path = '' as $$ select 20::double precision $$;
create or replace function private.run_cap() returns double precision
language sql immutable set search_path = '' as $$ select 3::double precision $$;
create or replace function private.source_weight(source text) returns double precision
language sql immutable set search_path = '' as $$
  select case source when 'assessment' then 1.0 when 'practice' then 0.5 when 'check' then 0.5 else 1.0 end::double precision
$$;
-- Days since the trend epoch 2020-01-01T00:00:00Z.
create or replace function private.epoch_days(at timestamptz) returns double precision
language sql immutable set search_path = '' as $$
  select (extract(epoch from at)::double precision - 1577836800) / 86400
$$;

-- Adds one evidence unit to a learner × skill, exactly as statistics.ts addEvidence.
create or replace function private.add_evidence(
  p_user uuid, p_skill text, p_run text, p_cap double precision,
  p_w double precision, p_y double precision, p_at timestamptz
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  t double precision := private.epoch_days(p_at);
  h double precision := private.half_life_days();
  stats public.skill_stats;
  factor double precision;
  decay double precision;
begin
  select * into stats from public.skill_stats s where s.user_id = p_user and s.skill_id = p_skill for update;
  if not found then
    insert into public.skill_stats (user_id, skill_id, t0) values (p_user, p_skill, floor(t)) returning * into stats;
  elsif (t - stats.t0) / h > private.rebase_exponent() then
    factor := power(2::double precision, -(floor(t) - stats.t0) / h);
    update public.skill_run_stats r set ap = r.ap * factor, am = r.am * factor
    where r.user_id = p_user and r.skill_id = p_skill;
    update public.skill_stats s set t0 = floor(t) where s.user_id = p_user and s.skill_id = p_skill;
    stats.t0 := floor(t);
  end if;
  decay := power(2::double precision, (t - stats.t0) / h);
  insert into public.skill_run_stats as r (user_id, skill_id, run_key, cap, w, ap, am, sw, swt, swy, swtt, swty, swyy, events, last_at)
  values (p_user, p_skill, p_run, p_cap, p_w, p_w * p_y * decay, p_w * (1 - p_y) * decay,
          p_w, p_w * t, p_w * p_y, p_w * t * t, p_w * t * p_y, p_w * p_y * p_y, 1, p_at)
  on conflict (user_id, skill_id, run_key) do update set
    w = r.w + excluded.w, ap = r.ap + excluded.ap, am = r.am + excluded.am,
    sw = r.sw + excluded.sw, swt = r.swt + excluded.swt, swy = r.swy + excluded.swy,
    swtt = r.swtt + excluded.swtt, swty = r.swty + excluded.swty, swyy = r.swyy + excluded.swyy,
    events = r.events + 1, last_at = greatest(r.last_at, excluded.last_at);
  -- The run cap scales a whole run by min(1, cap / w): recompute the skill's sums from its runs.
  update public.skill_stats s set
    a_plus = agg.a_plus, a_minus = agg.a_minus, sw = agg.sw, swt = agg.swt, swy = agg.swy,
    swtt = agg.swtt, swty = agg.swty, swyy = agg.swyy, events = agg.events, last_at = agg.last_at
  from (
    select sum(k * r.ap) as a_plus, sum(k * r.am) as a_minus, sum(k * r.sw) as sw, sum(k * r.swt) as swt,
           sum(k * r.swy) as swy, sum(k * r.swtt) as swtt, sum(k * r.swty) as swty, sum(k * r.swyy) as swyy,
           sum(r.events)::integer as events, max(r.last_at) as last_at
    from (
      select r.*, case when r.cap is null or r.w <= r.cap then 1::double precision else r.cap / r.w end as k
      from public.skill_run_stats r where r.user_id = p_user and r.skill_id = p_skill
    ) r
  ) agg
  where s.user_id = p_user and s.skill_id = p_skill;
end
$$;

-- ---------------------------------------------------------------------------
-- Validation before insert: refuse what does not match the catalogue, ignore repeats.

create or replace function private.validate_activity()
returns trigger language plpgsql security definer set search_path = ''
as $$
declare
  scenario public.catalog_scenarios;
  attempt public.attempt_progress;
  transition public.catalog_transitions;
  expected_node text;
  expected_state text;
begin
  -- A repeated event id is ignored, whoever sent it (and nothing about it is revealed).
  if exists (select 1 from public.activity_events e where e.id = new.id) then
    return null;
  end if;
  new.received_at := now();

  if new.kind in ('choice', 'completion') then
    select * into scenario from public.catalog_scenarios c
    where c.scenario_id = new.scenario_id and c.version = new.scenario_version;
    if not found then
      raise exception 'Unknown scenario "%" at version "%": refresh the page to get the published content.', new.scenario_id, new.scenario_version
        using errcode = '23503';
    end if;
    select * into attempt from public.attempt_progress a where a.attempt_id = new.attempt_id for update;
    if found and (attempt.user_id <> new.user_id or attempt.scenario_id <> new.scenario_id
        or attempt.scenario_version <> new.scenario_version or attempt.mode <> new.mode) then
      raise exception 'Attempt % belongs to another learner, scenario, version or mode.', new.attempt_id using errcode = '23514';
    end if;
  end if;

  if new.kind = 'choice' then
    if attempt.attempt_id is null then
      expected_node := scenario.start_node;
      expected_state := scenario.start_state;
    else
      expected_node := attempt.node_id;
      expected_state := attempt.state;
    end if;
    if new.node_id <> expected_node then
      raise exception 'Decision at "%" does not follow the attempt''s previous step (expected "%").', new.node_id, expected_node
        using errcode = '23514';
    end if;
    select * into transition from public.catalog_transitions t
    where t.scenario_id = new.scenario_id and t.version = new.scenario_version
      and t.from_node = new.node_id and t.from_state = expected_state and t.choice_id = new.choice_id;
    if not found then
      raise exception 'Choice "%" is not on offer at "%" in scenario "%".', new.choice_id, new.node_id, new.scenario_id
        using errcode = '23514';
    end if;
    new.from_state := expected_state;
    new.offered_key := transition.offered_key;
    insert into public.attempt_progress (attempt_id, user_id, scenario_id, scenario_version, mode, node_id, state, steps)
    values (new.attempt_id, new.user_id, new.scenario_id, new.scenario_version, new.mode, transition.to_node, transition.to_state, 1)
    on conflict (attempt_id) do update set node_id = excluded.node_id, state = excluded.state,
      steps = public.attempt_progress.steps + 1, updated_at = now();
  elsif new.kind = 'completion' then
    if not exists (select 1 from public.catalog_endings e where e.scenario_id = new.scenario_id
        and e.version = new.scenario_version and e.node_id = new.ending_id) then
      raise exception 'Ending "%" does not exist in scenario "%".', new.ending_id, new.scenario_id using errcode = '23503';
    end if;
  elsif new.kind = 'check' then
    if not exists (select 1 from public.catalog_check_options o where o.lesson_id = new.lesson_id
        and o.item_id = new.item_id and o.option_id = new.option_id) then
      raise exception 'Knowledge-check answer % / % / % does not exist in the published lessons.', new.lesson_id, new.item_id, new.option_id
        using errcode = '23503';
    end if;
  elsif new.kind = 'observation' then
    if not exists (select 1 from public.catalog_skills s where s.id = new.skill_id and s.kind = 'skill') then
      raise exception 'Unknown skill "%".', new.skill_id using errcode = '23503';
    end if;
  end if;
  return new;
end
$$;

-- One evidence row, and its unit added to the learner × skill statistics.
create or replace function private.record_evidence(
  event public.activity_events, p_skill text, p_run text, p_cap double precision, p_w double precision, p_y double precision
) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.evidence (event_id, skill_id, user_id, run_key, cap, weight, score, occurred_at)
  values (event.id, p_skill, event.user_id, p_run, p_cap, p_w, p_y, event.occurred_at);
  perform private.add_evidence(event.user_id, p_skill, p_run, p_cap, p_w, p_y, event.occurred_at);
end
$$;

-- Derives evidence after insert, with the same formulas as src/domain/scoring/evidence.ts.
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
    -- A correct answer to an m-option item counts (1 − 1/m)·r; repeats share one answer's weight.
    r := private.source_weight('check');
    select o.correct, i.option_count, i.skill_id into option_correct, options, skill
    from public.catalog_check_options o
    join public.catalog_check_items i on i.lesson_id = o.lesson_id and i.item_id = o.item_id
    where o.lesson_id = new.lesson_id and o.item_id = new.item_id and o.option_id = new.option_id;
    perform private.record_evidence(new, skill, 'check:' || new.lesson_id || '#' || new.item_id, r,
      case when option_correct then (1 - 1.0 / options) * r else r end, case when option_correct then 1 else 0 end);
  elsif new.kind = 'observation' then
    perform private.record_evidence(new, new.skill_id, 'observation:' || new.id, null, new.weight, new.score);
  end if;
  return null;
end
$$;

revoke all on function private.add_evidence(uuid, text, text, double precision, double precision, double precision, timestamptz) from public, anon, authenticated;
revoke all on function private.validate_activity() from public, anon, authenticated;
revoke all on function private.derive_evidence() from public, anon, authenticated;
revoke all on function private.record_evidence(public.activity_events, text, text, double precision, double precision, double precision) from public, anon, authenticated;

create trigger activity_events_validate before insert on public.activity_events
for each row execute function private.validate_activity();
create trigger activity_events_derive after insert on public.activity_events
for each row execute function private.derive_evidence();

-- ---------------------------------------------------------------------------
-- Row-level security.

alter table public.activity_events enable row level security;
alter table public.attempt_progress enable row level security;
alter table public.evidence enable row level security;
alter table public.skill_run_stats enable row level security;
alter table public.skill_stats enable row level security;

grant select, insert on public.activity_events to authenticated;
grant select on public.attempt_progress, public.evidence, public.skill_run_stats, public.skill_stats to authenticated;
grant all on public.activity_events, public.attempt_progress, public.evidence, public.skill_run_stats, public.skill_stats to service_role;

create policy "learners, their supervisors and admins read activity" on public.activity_events for select to authenticated
  using (user_id = any (select private.viewable_learners()));
create policy "learners record their own activity" on public.activity_events for insert to authenticated
  with check (kind in ('choice', 'completion', 'check') and user_id = (select auth.uid()) and observed_by is null);
create policy "supervisors and admins record observations of their learners" on public.activity_events for insert to authenticated
  with check (kind = 'observation' and observed_by = (select auth.uid()) and private.can_observe_learner(user_id));

create policy "attempts are read like activity" on public.attempt_progress for select to authenticated
  using (user_id = any (select private.viewable_learners()));
create policy "evidence is read like activity" on public.evidence for select to authenticated
  using (user_id = any (select private.viewable_learners()));
create policy "run statistics are read like activity" on public.skill_run_stats for select to authenticated
  using (user_id = any (select private.viewable_learners()));
create policy "skill statistics are read like activity" on public.skill_stats for select to authenticated
  using (user_id = any (select private.viewable_learners()));

-- Current sums per learner × skill, decayed to now; the TypeScript engine turns them into
-- estimates. security_invoker: the caller's RLS applies.
create view public.skill_totals with (security_invoker = true) as
select
  s.user_id,
  s.skill_id,
  s.a_plus * power(2::double precision, -(private.epoch_days(now()) - s.t0) / private.half_life_days()) as s_plus,
  s.a_minus * power(2::double precision, -(private.epoch_days(now()) - s.t0) / private.half_life_days()) as s_minus,
  s.sw, s.swt, s.swy, s.swtt, s.swty, s.swyy, s.events, s.last_at
from public.skill_stats s;
grant select on public.skill_totals to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Batch recording for the sync outbox: each event accepted, ignored as a repeat, or
-- refused with its reason; one bad event never loses the others.

create or replace function public.record_activity(events jsonb)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  event jsonb;
  results jsonb := '[]'::jsonb;
  inserted integer;
begin
  if jsonb_typeof(events) <> 'array' then
    raise exception 'record_activity expects a JSON array of events' using errcode = '22023';
  end if;
  if jsonb_array_length(events) > 200 then
    raise exception 'Send at most 200 events at a time' using errcode = '22023';
  end if;
  for event in select value from jsonb_array_elements(events)
  loop
    begin
      insert into public.activity_events (id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, ending_id, mode,
        lesson_id, item_id, option_id)
      values ((event ->> 'id')::uuid, event ->> 'kind', (event ->> 'occurred_at')::timestamptz, (event ->> 'attempt_id')::uuid,
        event ->> 'scenario_id', event ->> 'scenario_version', event ->> 'node_id', event ->> 'choice_id', event ->> 'ending_id', event ->> 'mode',
        event ->> 'lesson_id', event ->> 'item_id', event ->> 'option_id')
      on conflict (id) do nothing;
      get diagnostics inserted = row_count;
      results := results || jsonb_build_object('id', event ->> 'id', 'status', case when inserted = 1 then 'accepted' else 'duplicate' end);
    exception when others then
      results := results || jsonb_build_object('id', event ->> 'id', 'status', 'refused', 'error', sqlerrm);
    end;
  end loop;
  return results;
end
$$;
revoke all on function public.record_activity(jsonb) from public, anon;
grant execute on function public.record_activity(jsonb) to authenticated;
