-- Item analysis for agency admins (issue 14, part 4): per knowledge-check item and scenario
-- decision, the aggregates the pure functions in src/domain/scoring/item-analysis.ts turn into
-- option shares, difficulty, discrimination, means by third of learners and authors' flags
-- (`figuresFromAggregates`). Aggregates only: no learner identity leaves the database, and a
-- cell — any group of learners summarised — of fewer than five learners is suppressed (its
-- figures are null; an item answered by fewer than five shows only that it was).
--
-- Conventions, the same as `aggregateItems` in TypeScript (a Vitest compares the two):
-- - the agency's members (current or removed: records stay with the agency), their evidence
--   on the measured skills (catalog_skills.kind = 'skill');
-- - each learner counts once per item, with their first answer (earliest time, then event id);
-- - y is the score of that answer (checks: 1 right, 0 wrong), code the chosen option's code
--   (checks: 1 right, 0 wrong);
-- - a learner's rest estimate of a skill is the Beta mean (prior α0 = β0 = 1, as
--   SCORING_CONFIG) of all their evidence on it except every answer to this item, undecayed
--   and uncapped;
-- - thirds: learners ranked by rest estimate (equal to 12 decimals: by user id), the lower
--   third the first ⌊n/3⌋, the middle up to ⌊2n/3⌋, the upper the rest;
-- - options offered: a check's every option; a decision's, those on offer at the answer.
--
-- The document (one JSON value: a hosted API caps a call's rows, which would cut a large
-- bank short):
--   [{"kind": "check" | "decision", "id": "<lesson>#<item>" | "<scenario>/<node>",
--     "answers": n | null,
--     "options": [{"id", "offered", "chosen"}],
--     "skills": [{"skill", "answers", "sums": {"y", "rest", "yy", "rr", "yr"} | null,
--                 "bands": [{"band": "lower" | "middle" | "upper", "learners", "code"}],
--                 "strong": [{"option", "other", "both", "chose"}]}]}]
-- `strong`: among the upper third, per ordered pair of options offered together, how many
-- were offered both and how many of them chose `option`.

create or replace function private.agency_item_analysis(organisation_id uuid)
returns json
language plpgsql stable security definer set search_path = ''
as $$
declare
  minimum constant integer := 5;
  result json;
begin
  if organisation_id is null or not coalesce(private.is_org_admin(organisation_id), false) then
    raise exception 'Only the agency''s admins can see its item analysis.' using errcode = '42501';
  end if;
  -- Window functions over one scan of the agency's evidence rather than joins between
  -- intermediate results: the planner cannot estimate those and, joined in nested loops,
  -- they grew with the square of the agency's answers.
  with units as (
    select e.user_id, e.skill_id, e.weight, e.score, e.event_id, e.occurred_at, a.kind, a.lesson_id, a.item_id,
           a.scenario_id, a.scenario_version, a.node_id, a.choice_id, a.offered_key,
           case a.kind when 'check' then a.lesson_id || '#' || a.item_id when 'choice' then a.scenario_id || '/' || a.node_id end as item,
           case a.kind when 'check' then a.option_id when 'choice' then a.choice_id end as chosen_option
    from public.evidence e
    join public.catalog_skills k on k.id = e.skill_id and k.kind = 'skill'
    join public.activity_events a on a.id = e.event_id
    where e.user_id in (select m.user_id from public.memberships m where m.organisation_id = agency_item_analysis.organisation_id)
  ),
  windowed as (
    select u.*,
           sum(u.weight) over per_skill as total_w,
           sum(u.weight * u.score) over per_skill as total_wy,
           sum(u.weight) over per_item_skill as own_w,
           sum(u.weight * u.score) over per_item_skill as own_wy,
           first_value(u.event_id) over (partition by u.user_id, u.item order by u.occurred_at, u.event_id) as first_event
    from units u
    window per_skill as (partition by u.user_id, u.skill_id),
           per_item_skill as (partition by u.user_id, u.skill_id, u.item)
  ),
  check_options as (
    select o.lesson_id, o.item_id, array_agg(o.option_id order by o.option_id collate "C") as options
    from public.catalog_check_options o group by o.lesson_id, o.item_id
  ),
  scored as (
    select w.user_id, w.item, case when w.kind = 'check' then 'check' else 'decision' end as item_kind, w.chosen_option,
           case when w.kind = 'check' then coalesce(o.options, '{}') else string_to_array(w.offered_key, ',') end as offered,
           w.skill_id, x.y, x.code,
           (1 + w.total_wy - w.own_wy) / (1 + 1 + w.total_w - w.own_w) as rest
    from windowed w
    left join check_options o on w.kind = 'check' and o.lesson_id = w.lesson_id and o.item_id = w.item_id
    left join public.catalog_check_options c
      on w.kind = 'check' and c.lesson_id = w.lesson_id and c.item_id = w.item_id and c.option_id = w.chosen_option
    left join public.catalog_decision_evidence d
      on w.kind = 'choice' and d.scenario_id = w.scenario_id and d.version = w.scenario_version and d.node_id = w.node_id
        and d.offered_key = w.offered_key and d.choice_id = w.choice_id and d.skill_id = w.skill_id
    cross join lateral (
      select case when w.kind = 'check' then (case when c.correct then 1 else 0 end)::double precision else w.score end as y,
             case when w.kind = 'check' then (case when c.correct then 1 else 0 end) else d.code end as code
    ) x
    where w.item is not null and w.event_id = w.first_event
  ),
  firsts as (
    select distinct on (s.user_id, s.item) s.user_id, s.item, s.item_kind, s.chosen_option, s.offered
    from scored s order by s.user_id, s.item
  ),
  banded as (
    select r.*, case when r.rank_index < r.n / 3 then 'lower' when r.rank_index < (2 * r.n) / 3 then 'middle' else 'upper' end as band
    from (
      select s.*,
             row_number() over (partition by s.item, s.skill_id order by floor(s.rest * 1e12 + 0.5), s.user_id) - 1 as rank_index,
             count(*) over (partition by s.item, s.skill_id) as n
      from scored s
    ) r
  ),
  item_cells as (
    select f.item, min(f.item_kind) as item_kind, count(*) as answers from firsts f group by f.item
  ),
  option_cells as (
    select f.item, x.option, count(*) as offered, count(*) filter (where f.chosen_option = x.option) as chosen
    from firsts f cross join lateral unnest(f.offered) as x (option)
    group by f.item, x.option
  ),
  option_lists as (
    select c.item, json_agg(json_build_object(
             'id', c.option,
             'offered', case when c.offered >= minimum then c.offered end,
             'chosen', case when c.offered >= minimum then c.chosen end) order by c.option collate "C") as options
    from option_cells c group by c.item
  ),
  pair_lists as (
    select p.item, p.skill_id, json_agg(json_build_object(
             'option', p.option, 'other', p.other,
             'both', case when p.offered_both >= minimum then p.offered_both end,
             'chose', case when p.offered_both >= minimum then p.chose end) order by p.option collate "C", p.other collate "C") as strong
    from (
      select b.item, b.skill_id, a.option, o.other, count(*) as offered_both, count(*) filter (where b.chosen_option = a.option) as chose
      from banded b
      cross join lateral unnest(b.offered) as a (option)
      cross join lateral unnest(b.offered) as o (other)
      where b.band = 'upper' and a.option <> o.other
      group by b.item, b.skill_id, a.option, o.other
    ) p
    group by p.item, p.skill_id
  ),
  skill_cells as (
    select b.item, b.skill_id, count(*) as answers, sum(b.y) as y, sum(b.rest) as rest, sum(b.y * b.y) as yy,
           sum(b.rest * b.rest) as rr, sum(b.y * b.rest) as yr,
           count(*) filter (where b.band = 'lower') as lower_n, coalesce(sum(b.code) filter (where b.band = 'lower'), 0) as lower_code,
           count(*) filter (where b.band = 'middle') as middle_n, coalesce(sum(b.code) filter (where b.band = 'middle'), 0) as middle_code,
           count(*) filter (where b.band = 'upper') as upper_n, coalesce(sum(b.code) filter (where b.band = 'upper'), 0) as upper_code
    from banded b group by b.item, b.skill_id
  ),
  skill_lists as (
    select s.item, json_agg(
             case when s.answers < minimum then
               json_build_object('skill', s.skill_id, 'answers', null, 'sums', null, 'bands', '[]'::json, 'strong', '[]'::json)
             else json_build_object(
               'skill', s.skill_id, 'answers', s.answers,
               'sums', json_build_object('y', s.y, 'rest', s.rest, 'yy', s.yy, 'rr', s.rr, 'yr', s.yr),
               'bands', json_build_array(
                 json_build_object('band', 'lower', 'learners', s.lower_n, 'code', case when s.lower_n >= minimum then s.lower_code end),
                 json_build_object('band', 'middle', 'learners', s.middle_n, 'code', case when s.middle_n >= minimum then s.middle_code end),
                 json_build_object('band', 'upper', 'learners', s.upper_n, 'code', case when s.upper_n >= minimum then s.upper_code end)),
               'strong', coalesce(p.strong, '[]'::json))
             end order by s.skill_id collate "C") as skills
    from skill_cells s
    left join pair_lists p on p.item = s.item and p.skill_id = s.skill_id
    group by s.item
  )
  select coalesce(json_agg(
    case when i.answers < minimum then
      json_build_object('kind', i.item_kind, 'id', i.item, 'answers', null, 'options', '[]'::json, 'skills', '[]'::json)
    else json_build_object(
      'kind', i.item_kind, 'id', i.item, 'answers', i.answers,
      'options', coalesce(o.options, '[]'::json),
      'skills', coalesce(s.skills, '[]'::json))
    end order by i.item collate "C"), '[]'::json)
  into result
  from item_cells i
  left join option_lists o on o.item = i.item
  left join skill_lists s on s.item = i.item;
  return result;
end
$$;
revoke all on function private.agency_item_analysis(uuid) from public, anon;
grant execute on function private.agency_item_analysis(uuid) to authenticated, service_role;

create or replace function public.agency_item_analysis(organisation_id uuid)
returns json
language sql stable security invoker set search_path = ''
as $$
  select private.agency_item_analysis(organisation_id)
$$;
revoke all on function public.agency_item_analysis(uuid) from public, anon;
grant execute on function public.agency_item_analysis(uuid) to authenticated;
comment on function public.agency_item_analysis(uuid) is
  'Item analysis aggregates of an agency''s learners per check item and scenario decision (cells under five learners suppressed), for its admins.';
