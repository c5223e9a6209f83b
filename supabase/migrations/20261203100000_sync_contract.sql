-- The sync contract (issue 19) and derived completions (issue 11, finding 6).
--
-- * Choice and completion records may carry `seq`, their place in the attempt: a choice is
--   1 + the number of earlier recorded choices of the attempt, a completion is the number of
--   recorded choices + 1. `record_activity` processes each attempt's sequenced records in seq
--   order whatever order they arrive in, and answers "not yet" (deferred) for a record whose
--   predecessor has not landed, so an offline outbox can never lose a decision to ordering.
-- * A completion is a fact the server derives: the choice trigger marks the attempt ended when
--   it reaches an ending node, and `learner_completions` counts ended attempts only. A
--   completion record is accepted only as a confirmation of an attempt that is at that ending.
--
-- Outcomes of `record_activity`, one per event in the order sent:
--   {"id": "<event id>", "status": "accepted"}     stored now
--   {"id": …, "status": "duplicate"}               that id was stored before; nothing changed
--   {"id": …, "status": "deferred", "code": "awaiting_predecessor", "waiting_for": <seq>,
--    "error": "<sentence>"}                        not yet: nothing stored; send it again after
--                                                  the record with seq `waiting_for` is stored
--   {"id": …, "status": "refused", "code": <code>, "error": "<sentence>"}   never: nothing stored
--
-- Refusal codes (also the JSON in DETAIL of the same errors on a direct insert):
--   unknown_content    scenario version, ending, lesson item/option or skill not published
--   not_on_offer       the choice was not on offer at that point of the attempt
--   out_of_sequence    the decision does not follow the attempt's previous step; or its step
--                      (seq ≤ steps) or the attempt's completion is already recorded by
--                      another record; or a decision after the attempt ended
--   not_at_ending      a completion for an attempt the server has not seen reach that ending
--   attempt_mismatch   the attempt is another scenario, version or mode than the record says
--   forbidden          another learner's attempt; a kind that cannot be recorded this way
--   invalid_field      a missing, malformed or unexpected field (one the kind does not use)
--   too_large          a field over its limit (ids 100 characters, notes 2,000), an event
--                      over 4 KB, a batch over 200 events (the whole call fails, HTTP 400)
--   bad_time           occurred_at missing, not a time, not finite, before 2020-01-01, or
--                      more than five minutes ahead of the server's clock

alter table public.activity_events
  add column seq integer constraint activity_events_seq_range check (seq between 1 and 1000);
comment on column public.activity_events.seq is
  'Place in the attempt: a choice is 1 + the earlier recorded choices, a completion the recorded choices + 1. Optional (older clients, imports).';

alter table public.attempt_progress
  add column ending_id text,
  add column ended_at timestamptz,
  add constraint attempt_progress_ended_together check ((ending_id is null) = (ended_at is null));
comment on column public.attempt_progress.ended_at is
  'When the decision that reached an ending was made (the learner''s time). Completions are derived from this, never from a completion record.';

-- Attempts that already stand at an ending were completed by their own decisions.
update public.attempt_progress a
set ending_id = a.node_id,
    ended_at = coalesce(
      (select max(e.occurred_at) from public.activity_events e where e.attempt_id = a.attempt_id and e.kind = 'choice'),
      a.updated_at)
from public.catalog_endings ce
where ce.scenario_id = a.scenario_id and ce.version = a.scenario_version and ce.node_id = a.node_id;

-- Raises a refusal with its machine code (and, for a deferral, the seq awaited) as JSON in
-- DETAIL, so record_activity can report it and a direct insert gets a 4xx with the same code.
create or replace function private.refuse(code text, message text, waiting_for integer default null)
returns void language plpgsql set search_path = ''
as $$
begin
  raise exception using
    message = message,
    errcode = case code
      when 'forbidden' then '42501'
      when 'unknown_content' then '23503'
      when 'too_large' then '22001'
      when 'bad_time' then '22008'
      when 'invalid_field' then '22023'
      else '23514'
    end,
    detail = (jsonb_build_object('code', code)
      || case when waiting_for is null then '{}'::jsonb else jsonb_build_object('waiting_for', waiting_for) end)::text;
end
$$;
-- Only raises: record_activity (running as the caller) uses it too.
revoke all on function private.refuse(text, text, integer) from public, anon;
grant execute on function private.refuse(text, text, integer) to authenticated, service_role;

-- Validation before insert: refuse what does not match the catalogue, defer what comes too
-- early, ignore repeats. Sizes first, so nothing oversized is looked at further.
create or replace function private.validate_activity()
returns trigger language plpgsql security definer set search_path = ''
as $$
declare
  scenario public.catalog_scenarios;
  attempt public.attempt_progress;
  transition public.catalog_transitions;
  fields jsonb;
  used text[];
  listed text;
  steps integer;
  ending_node text;
begin
  -- A repeated event id is ignored, whoever sent it (and nothing about it is revealed).
  if exists (select 1 from public.activity_events e where e.id = new.id) then
    return null;
  end if;
  -- The server's own columns.
  new.received_at := now();
  new.from_state := null;
  new.offered_key := null;

  fields := to_jsonb(new);
  select string_agg(key, ', ' order by key) into listed from jsonb_each(fields)
  where jsonb_typeof(value) = 'string' and char_length(value #>> '{}') > case key when 'note' then 2000 else 100 end;
  if listed is not null then
    perform private.refuse('too_large', format('Too long: %s (ids at most 100 characters, a note at most 2,000).', listed));
  end if;

  used := case new.kind
    when 'choice' then array['attempt_id', 'scenario_id', 'scenario_version', 'node_id', 'choice_id', 'mode', 'seq']
    when 'completion' then array['attempt_id', 'scenario_id', 'scenario_version', 'ending_id', 'mode', 'seq']
    when 'check' then array['lesson_id', 'item_id', 'option_id']
    when 'observation' then array['skill_id', 'score', 'weight', 'observed_by', 'note']
  end;
  if used is null then
    perform private.refuse('invalid_field',
      format('Unknown kind of record "%s": expected choice, completion, check or observation.', coalesce(new.kind, '')));
  end if;
  select string_agg(key, ', ' order by key) into listed from jsonb_each(fields)
  where value <> 'null'::jsonb
    and key <> all (used || array['id', 'user_id', 'kind', 'occurred_at', 'received_at', 'from_state', 'offered_key']);
  if listed is not null then
    perform private.refuse('invalid_field', format('A %s record does not use %s.', new.kind, listed));
  end if;
  select string_agg(key, ', ' order by position) into listed from unnest(used) with ordinality as u(key, position)
  where key not in ('seq', 'note') and coalesce(fields -> key, 'null'::jsonb) = 'null'::jsonb;
  if listed is not null then
    perform private.refuse('invalid_field', format('A %s record needs %s.', new.kind, listed));
  end if;
  if new.kind in ('choice', 'completion') and new.mode not in ('practice', 'assessment') then
    perform private.refuse('invalid_field', 'mode must be practice or assessment.');
  end if;
  if new.occurred_at is null or not isfinite(new.occurred_at) or new.occurred_at < '2020-01-01T00:00:00Z'
      or new.occurred_at > now() + interval '5 minutes' then
    perform private.refuse('bad_time', format(
      'The time %s is outside what can be recorded (from 2020-01-01 to five minutes from now): check the device''s clock.',
      coalesce(new.occurred_at::text, '(missing)')));
  end if;
  if new.kind = 'observation' and not (new.score >= 0 and new.score <= 1 and new.weight > 0 and new.weight <= 5) then
    perform private.refuse('invalid_field', 'An observation''s score must be from 0 to 1 and its weight above 0 and at most 5.');
  end if;

  if new.kind in ('choice', 'completion') then
    select * into scenario from public.catalog_scenarios c
    where c.scenario_id = new.scenario_id and c.version = new.scenario_version;
    if not found then
      perform private.refuse('unknown_content', format(
        'Unknown scenario "%s" at version "%s": refresh the page to get the published content.', new.scenario_id, new.scenario_version));
    end if;
    select * into attempt from public.attempt_progress a where a.attempt_id = new.attempt_id for update;
    if not found and new.kind = 'choice' then
      -- Claim the attempt before deciding, so two first decisions sent at once cannot both
      -- count as step 1 (the second waits for the first and then sees its step taken).
      insert into public.attempt_progress (attempt_id, user_id, scenario_id, scenario_version, mode, node_id, state, steps)
      values (new.attempt_id, new.user_id, new.scenario_id, new.scenario_version, new.mode, scenario.start_node, scenario.start_state, 0)
      on conflict (attempt_id) do nothing;
      select * into attempt from public.attempt_progress a where a.attempt_id = new.attempt_id for update;
    end if;
    if attempt.attempt_id is not null then
      if attempt.user_id <> new.user_id then
        perform private.refuse('forbidden', format('Attempt %s belongs to another learner.', new.attempt_id));
      end if;
      if attempt.scenario_id <> new.scenario_id or attempt.scenario_version <> new.scenario_version or attempt.mode <> new.mode then
        perform private.refuse('attempt_mismatch', format(
          'Attempt %s is a %s attempt at scenario "%s" version "%s", not %s / "%s" / "%s".', new.attempt_id,
          attempt.mode, attempt.scenario_id, attempt.scenario_version, new.mode, new.scenario_id, new.scenario_version));
      end if;
    end if;
    steps := coalesce(attempt.steps, 0);
  end if;

  if new.kind = 'choice' then
    if attempt.ended_at is not null then
      perform private.refuse('out_of_sequence', format(
        'Attempt %s already ended at "%s": no decision comes after an ending.', new.attempt_id, attempt.ending_id));
    end if;
    if new.seq is not null and new.seq > steps + 1 then
      perform private.refuse('awaiting_predecessor', format(
        'Decision %s of attempt %s waits for decision %s, which has not arrived yet.', new.seq, new.attempt_id, steps + 1),
        steps + 1);
    end if;
    if new.seq is not null and new.seq <= steps then
      perform private.refuse('out_of_sequence', format(
        'Decision %s of attempt %s was already recorded by another record.', new.seq, new.attempt_id));
    end if;
    if new.node_id <> attempt.node_id then
      perform private.refuse('out_of_sequence', format(
        'Decision at "%s" does not follow the attempt''s previous step (expected "%s").', new.node_id, attempt.node_id));
    end if;
    select * into transition from public.catalog_transitions t
    where t.scenario_id = new.scenario_id and t.version = new.scenario_version
      and t.from_node = new.node_id and t.from_state = attempt.state and t.choice_id = new.choice_id;
    if not found then
      perform private.refuse('not_on_offer', format(
        'Choice "%s" is not on offer at "%s" in scenario "%s".', new.choice_id, new.node_id, new.scenario_id));
    end if;
    new.from_state := attempt.state;
    new.offered_key := transition.offered_key;
    select e.node_id into ending_node from public.catalog_endings e
    where e.scenario_id = new.scenario_id and e.version = new.scenario_version and e.node_id = transition.to_node;
    update public.attempt_progress a
    set node_id = transition.to_node, state = transition.to_state, steps = a.steps + 1, updated_at = now(),
        ending_id = ending_node, ended_at = case when ending_node is not null then new.occurred_at end
    where a.attempt_id = new.attempt_id;
  elsif new.kind = 'completion' then
    if not exists (select 1 from public.catalog_endings e where e.scenario_id = new.scenario_id
        and e.version = new.scenario_version and e.node_id = new.ending_id) then
      perform private.refuse('unknown_content', format('Ending "%s" does not exist in scenario "%s".', new.ending_id, new.scenario_id));
    end if;
    if new.seq is not null and new.seq > steps + 1 then
      perform private.refuse('awaiting_predecessor', format(
        'The completion of attempt %s waits for decision %s, which has not arrived yet.', new.attempt_id, steps + 1),
        steps + 1);
    end if;
    if attempt.ended_at is null or attempt.ending_id <> new.ending_id then
      perform private.refuse('not_at_ending', format(
        'Attempt %s has not reached the ending "%s": a completion is recorded only after the decisions that lead there.',
        new.attempt_id, new.ending_id));
    end if;
    if new.seq is not null and new.seq <> steps + 1 then
      perform private.refuse('out_of_sequence', format(
        'The completion of attempt %s comes after decision %s, so its seq is %s, not %s.', new.attempt_id, steps, steps + 1, new.seq));
    end if;
    if exists (select 1 from public.activity_events e where e.attempt_id = new.attempt_id and e.kind = 'completion') then
      perform private.refuse('out_of_sequence', format(
        'The completion of attempt %s was already recorded by another record.', new.attempt_id));
    end if;
  elsif new.kind = 'check' then
    if not exists (select 1 from public.catalog_check_options o where o.lesson_id = new.lesson_id
        and o.item_id = new.item_id and o.option_id = new.option_id) then
      perform private.refuse('unknown_content', format(
        'Knowledge-check answer %s / %s / %s does not exist in the published lessons.', new.lesson_id, new.item_id, new.option_id));
    end if;
  elsif new.kind = 'observation' then
    if not exists (select 1 from public.catalog_skills s where s.id = new.skill_id and s.kind = 'skill') then
      perform private.refuse('unknown_content', format('Unknown skill "%s".', new.skill_id));
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.validate_activity() from public, anon, authenticated;

-- What each learner has done, for programme progress: a lesson counts once any of its check
-- items is answered; a scenario once the server saw an attempt's decisions reach an ending.
create or replace view public.learner_completions with (security_invoker = true) as
select user_id, 'lesson'::text as item_kind, lesson_id as item_id, min(occurred_at) as first_done_at
from public.activity_events where kind = 'check'
group by user_id, lesson_id
union all
select user_id, 'scenario'::text, scenario_id, min(ended_at)
from public.attempt_progress where ended_at is not null
group by user_id, scenario_id;

-- Batch recording for the sync outbox (see the outcomes and codes above). At most 200 events
-- a call. Each attempt's sequenced records (attempt_id and seq) are processed together, in seq
-- order, at the place of the attempt's first one; everything else in the order sent.
create or replace function public.record_activity(events jsonb)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  item record;
  outcomes jsonb := '{}'::jsonb;
  outcome jsonb;
  inserted integer;
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
  for item in
    select k.event, k.pos
    from (
      select b.event, b.pos, b.attempt_key, b.seq_value,
             case when b.attempt_key is null then b.pos else min(b.pos) over (partition by b.attempt_key) end as place
      from (
        select value as event, ordinality as pos,
               case when jsonb_typeof(value) = 'object' and jsonb_typeof(value -> 'seq') = 'number'
                      and jsonb_typeof(value -> 'attempt_id') = 'string' then lower(value ->> 'attempt_id') end as attempt_key,
               case when jsonb_typeof(value) = 'object' and jsonb_typeof(value -> 'seq') = 'number'
                      then (value ->> 'seq')::numeric end as seq_value
        from jsonb_array_elements(events) with ordinality
      ) b
    ) k
    order by k.place, case when k.attempt_key is not null then k.seq_value end nulls first, k.pos
  loop
    event_id := case when jsonb_typeof(item.event) = 'object' and jsonb_typeof(item.event -> 'id') = 'string'
                     then left(item.event ->> 'id', 100) end;
    begin
      if jsonb_typeof(item.event) <> 'object' then
        perform private.refuse('invalid_field', 'Each event must be a JSON object.');
      end if;
      if octet_length(item.event::text) > 4096 then
        perform private.refuse('too_large', format('An event may be at most 4 KB; this one is %s bytes.', octet_length(item.event::text)));
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
      on conflict (id) do nothing;
      get diagnostics inserted = row_count;
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
  return (select coalesce(jsonb_agg(outcomes -> (position::text) order by position), '[]'::jsonb)
          from generate_series(1, jsonb_array_length(events)) as position);
end
$$;
revoke all on function public.record_activity(jsonb) from public, anon;
grant execute on function public.record_activity(jsonb) to authenticated;
