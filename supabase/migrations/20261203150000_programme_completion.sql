-- Issue 19 §2: progress that means what it says. What completes a programme item is data:
--
-- * a lesson item is done when every one of the lesson's published check items has been
--   answered (one wrong answer out of five no longer counts as "done");
-- * a scenario item is done when an attempt reached an ending in the item's `required_mode`:
--   'assessment' needs an assessed attempt; 'practice' is met by an attempt in either mode
--   (an assessed attempt is the stricter of the two).
--
-- New scenario items require 'assessment' unless the admin picks 'practice'. Items written
-- before this migration get 'practice': they were created when any ending counted, and a
-- learner who finished one that way keeps it done; an admin can tighten it. Lesson items
-- have no mode (a mode given for one is dropped, as the item kind decides).
--
-- The server derives it from its own records: `learner_completions` gains `first_assessed_at`
-- (a scenario's first ended assessed attempt), and its lesson rows now need every check item
-- of the lesson as published. One row per learner and item, as before.

alter table public.programme_items add column required_mode text;
comment on column public.programme_items.required_mode is
  'Scenario items: the mode an attempt must end in for the item to be done (practice: either mode; assessment: an assessed attempt). Null for lessons.';

update public.programme_items set required_mode = 'practice' where item_kind = 'scenario';

-- The kind decides: a scenario without a mode requires assessment, a lesson has none.
create or replace function private.programme_item_mode()
returns trigger language plpgsql set search_path = ''
as $$
begin
  if new.item_kind = 'scenario' then
    new.required_mode := coalesce(new.required_mode, 'assessment');
  else
    new.required_mode := null;
  end if;
  return new;
end
$$;
create trigger programme_items_mode before insert or update on public.programme_items
for each row execute function private.programme_item_mode();

alter table public.programme_items add constraint programme_items_required_mode check (
  (item_kind = 'scenario' and required_mode in ('practice', 'assessment'))
  or (item_kind <> 'scenario' and required_mode is null));

-- What the item says, not whose it is: the admin who may edit the item may change it.
grant update (required_mode) on public.programme_items to authenticated;

create or replace view public.learner_completions with (security_invoker = true) as
with answered as (
  select e.user_id, e.lesson_id, e.item_id, min(e.occurred_at) as first_answered_at
  from public.activity_events e
  join public.catalog_check_items i on i.lesson_id = e.lesson_id and i.item_id = e.item_id
  where e.kind = 'check'
  group by e.user_id, e.lesson_id, e.item_id
)
select a.user_id, 'lesson'::text as item_kind, a.lesson_id as item_id,
  max(a.first_answered_at) as first_done_at, null::timestamptz as first_assessed_at
from answered a
group by a.user_id, a.lesson_id
having count(*) = (select count(*) from public.catalog_check_items i where i.lesson_id = a.lesson_id)
union all
select user_id, 'scenario'::text, scenario_id, min(ended_at),
  min(ended_at) filter (where mode = 'assessment')
from public.attempt_progress where ended_at is not null
group by user_id, scenario_id;

-- create_programme (20261203100100_scope_and_limits.sql) takes each scenario item's mode:
-- {"kind": "scenario", "id": …, "mode": "practice" | "assessment"} (default assessment).
create or replace function public.create_programme(organisation_id uuid, name text, description text default '', items jsonb default '[]'::jsonb)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  programme uuid;
  item record;
  item_kind text;
  item_id text;
  item_mode text;
begin
  if not coalesce(private.is_org_admin(create_programme.organisation_id), false) then
    raise exception 'Only an admin of this agency can create its programmes.' using errcode = '42501';
  end if;
  if char_length(trim(coalesce(create_programme.name, ''))) not between 2 and 120 then
    raise exception 'A programme''s name has 2 to 120 characters.' using errcode = '22023';
  end if;
  if char_length(coalesce(create_programme.description, '')) > 2000 then
    raise exception 'A programme''s description has at most 2,000 characters.' using errcode = '22023';
  end if;
  if items is null or jsonb_typeof(items) <> 'array' then
    raise exception 'items must be a JSON array of {"kind": "lesson" | "scenario", "id": …}.' using errcode = '22023';
  end if;
  if jsonb_array_length(items) > 100 then
    raise exception 'A programme has at most 100 items.' using errcode = '22023';
  end if;
  insert into public.programmes (organisation_id, name, description)
  values (create_programme.organisation_id, trim(create_programme.name), coalesce(create_programme.description, ''))
  returning id into programme;
  for item in select value, ordinality from jsonb_array_elements(items) with ordinality loop
    item_kind := case when jsonb_typeof(item.value) = 'object' then item.value ->> 'kind' end;
    item_id := case when jsonb_typeof(item.value) = 'object' then left(item.value ->> 'id', 101) end;
    item_mode := case when jsonb_typeof(item.value) = 'object' then left(item.value ->> 'mode', 20) end;
    if item_kind = 'lesson' and exists (select 1 from public.catalog_lessons l where l.id = item_id) then
      if item_mode is not null then
        raise exception 'Item %: a lesson has no mode (it is done when all its check items are answered).', item.ordinality using errcode = '22023';
      end if;
    elsif item_kind = 'scenario' and exists (select 1 from public.catalog_scenarios s where s.scenario_id = item_id) then
      if item_mode is not null and item_mode not in ('practice', 'assessment') then
        raise exception 'Item %: a scenario''s mode is "practice" or "assessment".', item.ordinality using errcode = '22023';
      end if;
    elsif item_kind in ('lesson', 'scenario') then
      raise exception 'Item %: there is no published % "%".', item.ordinality, item_kind, left(item_id, 100) using errcode = '22023';
    else
      raise exception 'Item %: give {"kind": "lesson" | "scenario", "id": …}.', item.ordinality using errcode = '22023';
    end if;
    insert into public.programme_items (programme_id, position, item_kind, item_id, required_mode)
    values (programme, item.ordinality, item_kind, item_id, item_mode);
  end loop;
  return programme;
end
$$;
