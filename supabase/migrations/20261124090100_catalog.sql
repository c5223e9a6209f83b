-- The published content catalogue, generated from the repository by `npm run db:catalog`.
-- Scenario rows are keyed by content version, so publishing a new version never breaks
-- records made against an old one. Readable by everyone; written only by the service role.

create table public.catalog_skills (
  id text primary key,
  name text not null,
  kind text not null check (kind in ('skill', 'module'))
);

create table public.catalog_lessons (
  id text primary key,
  skill_id text not null references public.catalog_skills (id),
  title text not null,
  lesson_order integer not null
);

create table public.catalog_check_items (
  lesson_id text not null references public.catalog_lessons (id) on delete cascade,
  item_id text not null,
  skill_id text not null references public.catalog_skills (id),
  prompt text not null,
  option_count integer not null check (option_count between 2 and 6),
  primary key (lesson_id, item_id)
);

create table public.catalog_check_options (
  lesson_id text not null,
  item_id text not null,
  option_id text not null,
  correct boolean not null,
  primary key (lesson_id, item_id, option_id),
  foreign key (lesson_id, item_id) references public.catalog_check_items (lesson_id, item_id) on delete cascade
);

create table public.catalog_scenarios (
  scenario_id text not null,
  version text not null,
  title text not null,
  setting text not null,
  difficulty text not null,
  focus_skills text[] not null,
  start_node text not null,
  start_state text not null,
  is_current boolean not null default true,
  published_at timestamptz not null default now(),
  primary key (scenario_id, version)
);
create unique index catalog_scenarios_one_current on public.catalog_scenarios (scenario_id) where is_current;

-- Every choice on offer in every reachable state, and where it leads (from the validator's
-- state-space walk): the database checks "the node follows from the attempt's previous step"
-- and "the choice was on offer" by a lookup, with no condition language to evaluate.
create table public.catalog_transitions (
  scenario_id text not null,
  version text not null,
  from_node text not null,
  from_state text not null,
  choice_id text not null,
  offered_key text not null,
  to_node text not null,
  to_state text not null,
  primary key (scenario_id, version, from_node, from_state, choice_id),
  foreign key (scenario_id, version) references public.catalog_scenarios (scenario_id, version) on delete cascade
);

-- Evidence per (decision point, set of options on offer, choice, skill): y and the strength
-- (e_max − e_min) / 6 before the source weight, as SCORING.md defines them.
create table public.catalog_decision_evidence (
  scenario_id text not null,
  version text not null,
  node_id text not null,
  offered_key text not null,
  choice_id text not null,
  skill_id text not null,
  code integer not null,
  best integer not null,
  worst integer not null,
  y double precision not null check (y between 0 and 1),
  strength double precision not null check (strength > 0),
  why text not null default '',
  primary key (scenario_id, version, node_id, offered_key, choice_id, skill_id),
  foreign key (scenario_id, version) references public.catalog_scenarios (scenario_id, version) on delete cascade
);

create table public.catalog_choices (
  scenario_id text not null,
  version text not null,
  node_id text not null,
  choice_id text not null,
  text text not null,
  feedback text not null,
  flag_kind text check (flag_kind in ('safety', 'ethics')),
  flag_why text,
  primary key (scenario_id, version, node_id, choice_id),
  foreign key (scenario_id, version) references public.catalog_scenarios (scenario_id, version) on delete cascade
);

create table public.catalog_endings (
  scenario_id text not null,
  version text not null,
  node_id text not null,
  kind text not null check (kind in ('good', 'mixed', 'poor')),
  title text not null,
  primary key (scenario_id, version, node_id),
  foreign key (scenario_id, version) references public.catalog_scenarios (scenario_id, version) on delete cascade
);

do $$
declare
  t text;
begin
  foreach t in array array['catalog_skills', 'catalog_lessons', 'catalog_check_items', 'catalog_check_options',
    'catalog_scenarios', 'catalog_transitions', 'catalog_decision_evidence', 'catalog_choices', 'catalog_endings']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('grant select on public.%I to anon, authenticated', t);
    execute format('grant all on public.%I to service_role', t);
    execute format('create policy "published content is public" on public.%I for select to anon, authenticated using (true)', t);
  end loop;
end
$$;
