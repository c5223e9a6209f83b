-- What each learner has done, for programme progress: a lesson counts once any of its check
-- items is answered, a scenario once an attempt reaches an ending. One row per learner and
-- item, so a dashboard never has to fetch every event. security_invoker: the caller's RLS.
create view public.learner_completions with (security_invoker = true) as
select user_id, 'lesson'::text as item_kind, lesson_id as item_id, min(occurred_at) as first_done_at
from public.activity_events where kind = 'check'
group by user_id, lesson_id
union all
select user_id, 'scenario'::text, scenario_id, min(occurred_at)
from public.activity_events where kind = 'completion'
group by user_id, scenario_id;
grant select on public.learner_completions to authenticated, service_role;
