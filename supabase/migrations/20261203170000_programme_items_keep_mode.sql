-- Editing a programme keeps what completes each item.
-- set_programme_items (20261203140000) replaces a programme's items in one call but predates
-- programme_items.required_mode (20261203150000): it inserted without a mode, so saving a
-- reordered list reset every practice scenario item to the default (assessment). It now reads
-- each item's "mode" exactly as create_programme does: lessons have none, a scenario's is
-- "practice" or "assessment" (left out: assessment).
create or replace function public.set_programme_items(programme_id uuid, items jsonb)
returns integer
language plpgsql security invoker set search_path = ''
as $$
declare
  item record;
  kind text;
  ref text;
  item_mode text;
  n integer := 0;
begin
  if not coalesce(private.is_org_admin(private.programme_org(set_programme_items.programme_id)), false) then
    raise exception 'Only an admin of this programme''s agency can change its items.' using errcode = '42501';
  end if;
  if items is null or jsonb_typeof(items) <> 'array' then
    raise exception 'items must be a JSON array of {"kind": "lesson" | "scenario", "id": …, "mode"?: …}.' using errcode = '22023';
  end if;
  if jsonb_array_length(items) = 0 then
    raise exception 'A programme has at least one item.' using errcode = '22023';
  end if;
  if jsonb_array_length(items) > 100 then
    raise exception 'A programme has at most 100 items.' using errcode = '22023';
  end if;
  -- Serialise edits of one programme: two admins saving at once leave one list, not a mix.
  perform 1 from public.programmes p where p.id = set_programme_items.programme_id for update;
  delete from public.programme_items pi where pi.programme_id = set_programme_items.programme_id;
  for item in select value, ordinality from jsonb_array_elements(items) with ordinality loop
    kind := case when jsonb_typeof(item.value) = 'object' then item.value ->> 'kind' end;
    ref := case when jsonb_typeof(item.value) = 'object' then left(item.value ->> 'id', 101) end;
    item_mode := case when jsonb_typeof(item.value) = 'object' then left(item.value ->> 'mode', 20) end;
    if kind = 'lesson' and exists (select 1 from public.catalog_lessons l where l.id = ref) then
      if item_mode is not null then
        raise exception 'Item %: a lesson has no mode (it is done when all its check items are answered).', item.ordinality using errcode = '22023';
      end if;
    elsif kind = 'scenario' and exists (select 1 from public.catalog_scenarios s where s.scenario_id = ref) then
      if item_mode is not null and item_mode not in ('practice', 'assessment') then
        raise exception 'Item %: a scenario''s mode is "practice" or "assessment".', item.ordinality using errcode = '22023';
      end if;
    elsif kind in ('lesson', 'scenario') then
      raise exception 'Item %: there is no published % "%".', item.ordinality, kind, left(ref, 100) using errcode = '22023';
    else
      raise exception 'Item %: give {"kind": "lesson" | "scenario", "id": …}.', item.ordinality using errcode = '22023';
    end if;
    if exists (select 1 from public.programme_items pi
               where pi.programme_id = set_programme_items.programme_id and pi.item_kind = kind and pi.item_id = ref) then
      raise exception 'Item %: % "%" is already in the programme.', item.ordinality, kind, ref using errcode = '22023';
    end if;
    insert into public.programme_items (programme_id, position, item_kind, item_id, required_mode)
    values (set_programme_items.programme_id, item.ordinality, kind, ref, item_mode);
    n := n + 1;
  end loop;
  return n;
end
$$;
revoke all on function public.set_programme_items(uuid, jsonb) from public, anon;
grant execute on function public.set_programme_items(uuid, jsonb) to authenticated;
