-- Issue 11, the database half: scope never moves, every input has a size, facts come from
-- the server's own records.
--
-- 1. Scope columns (the agency, cohort, programme or person a row belongs to) never change:
--    `authenticated` may update only the columns listed in the grants below, and a trigger
--    refuses any change of the scope columns for everyone (a column marked "?" may only be
--    cleared, as ON DELETE SET NULL does). The natural-key columns of cohort_programmes,
--    programme_items and skill_targets stay granted because an upsert (PostgREST's
--    `on conflict do update`) sets them to their own value; the trigger refuses a real change.
-- 2. Every UPDATE policy's `with check` is at least the INSERT policy's scope check.
-- 3. Observations only from a supervisor of a cohort the learner is in, or an admin of an
--    agency the learner is an active member of.
-- 4. Size and range checks on every text, number and time column (added NOT VALID, then
--    validated where existing rows allow: rows written before these limits are reported, not
--    lost, and every new row is checked); evidence must be finite before it reaches statistics.
-- 5. An unknown invitation code is a 400 with a clear sentence (it was a 500); a programme an
--    admin just inserted is visible to them (insert … returning); create_programme inserts a
--    programme and its items in one call.

-- ---------------------------------------------------------------------------
-- 1. Column-level update grants.

revoke update on all tables in schema public from anon, authenticated;
grant update (name) on public.organisations to authenticated;
grant update (role, status) on public.memberships to authenticated;
grant update (name) on public.cohorts to authenticated;
grant update (revoked_at) on public.invitations to authenticated;
grant update (name, description) on public.programmes to authenticated;
grant update (programme_id, position, item_kind, item_id) on public.programme_items to authenticated;
grant update (cohort_id, programme_id, due_date) on public.cohort_programmes to authenticated;
grant update (organisation_id, cohort_id, skill_id, target) on public.skill_targets to authenticated;

-- The listed columns never change once written; a name ending in "?" may only be cleared.
create or replace function private.keep_scope()
returns trigger language plpgsql set search_path = ''
as $$
declare
  spec text;
  column_name text;
  before_update jsonb := to_jsonb(old);
  after_update jsonb := to_jsonb(new);
begin
  foreach spec in array tg_argv loop
    column_name := rtrim(spec, '?');
    if (after_update -> column_name) is distinct from (before_update -> column_name)
        and not (spec like '%?' and after_update -> column_name = 'null'::jsonb) then
      raise exception 'The % of a row in % cannot change: rows never move to another agency, cohort, programme or person.',
        column_name, tg_table_name using errcode = '42501';
    end if;
  end loop;
  return new;
end
$$;
revoke all on function private.keep_scope() from public, anon, authenticated;

create trigger organisations_keep_scope before update on public.organisations
for each row execute function private.keep_scope('id', 'created_by?', 'is_demo', 'created_at');
create trigger memberships_keep_scope before update on public.memberships
for each row execute function private.keep_scope('organisation_id', 'user_id', 'joined_at');
create trigger cohorts_keep_scope before update on public.cohorts
for each row execute function private.keep_scope('id', 'organisation_id', 'created_at');
create trigger cohort_members_keep_scope before update on public.cohort_members
for each row execute function private.keep_scope('cohort_id', 'user_id', 'role', 'added_at');
create trigger invitations_keep_scope before update on public.invitations
for each row execute function private.keep_scope('id', 'organisation_id', 'code', 'role', 'cohort_id?', 'expires_at', 'created_by?', 'created_at');
create trigger programmes_keep_scope before update on public.programmes
for each row execute function private.keep_scope('id', 'organisation_id', 'created_at');
create trigger programme_items_keep_scope before update on public.programme_items
for each row execute function private.keep_scope('programme_id');
create trigger cohort_programmes_keep_scope before update on public.cohort_programmes
for each row execute function private.keep_scope('cohort_id', 'programme_id', 'assigned_at');
create trigger skill_targets_keep_scope before update on public.skill_targets
for each row execute function private.keep_scope('id', 'organisation_id', 'cohort_id', 'skill_id');
-- Activity and evidence are append-only (a supervisor's deleted account clears observed_by).
create trigger activity_events_keep_scope before update on public.activity_events
for each row execute function private.keep_scope('id', 'user_id', 'kind', 'occurred_at', 'received_at', 'attempt_id',
  'scenario_id', 'scenario_version', 'node_id', 'choice_id', 'ending_id', 'mode', 'lesson_id', 'item_id', 'option_id',
  'skill_id', 'score', 'weight', 'note', 'observed_by?', 'from_state', 'offered_key', 'seq');
create trigger attempt_progress_keep_scope before update on public.attempt_progress
for each row execute function private.keep_scope('attempt_id', 'user_id', 'scenario_id', 'scenario_version', 'mode');
create trigger evidence_keep_scope before update on public.evidence
for each row execute function private.keep_scope('event_id', 'skill_id', 'user_id', 'run_key', 'cap', 'weight', 'score', 'occurred_at');
create trigger skill_run_stats_keep_scope before update on public.skill_run_stats
for each row execute function private.keep_scope('user_id', 'skill_id', 'run_key', 'cap');
create trigger skill_stats_keep_scope before update on public.skill_stats
for each row execute function private.keep_scope('user_id', 'skill_id');

-- A revocation is the server's fact and final: stamped with the server's time (an admin's
-- clock may be off), never undone or moved.
create or replace function private.stamp_revocation()
returns trigger language plpgsql set search_path = ''
as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'This invitation was revoked on %; a revocation is final.', to_char(old.revoked_at, 'YYYY-MM-DD')
      using errcode = '22023';
  elsif old.revoked_at is null and new.revoked_at is not null then
    new.revoked_at := now();
  end if;
  return new;
end
$$;
revoke all on function private.stamp_revocation() from public, anon, authenticated;
create trigger invitations_stamp_revocation before update on public.invitations
for each row execute function private.stamp_revocation();

-- ---------------------------------------------------------------------------
-- 2. Policies: updates as strict as inserts; reads of what one just inserted; cross-agency.

alter policy "admins revoke invitations" on public.invitations
  using (private.is_org_admin(organisation_id))
  with check (private.is_org_admin(organisation_id) and (cohort_id is null or private.cohort_org(cohort_id) = organisation_id));
alter policy "admins change due dates" on public.cohort_programmes
  using (private.is_org_admin(private.cohort_org(cohort_id)))
  with check (private.is_org_admin(private.cohort_org(cohort_id)) and private.programme_org(programme_id) = private.cohort_org(cohort_id));
alter policy "admins change targets" on public.skill_targets
  using (private.is_org_admin(organisation_id))
  with check (private.is_org_admin(organisation_id) and (cohort_id is null or private.cohort_org(cohort_id) = organisation_id));
alter policy "anyone signed in creates an agency" on public.organisations
  with check (created_by = (select auth.uid()) and not is_demo);
-- The row's own agency first: a programme just inserted is not yet visible to the lookup
-- in is_programme_visible, so `insert … returning` failed with 42501.
alter policy "admins and assigned cohorts see programmes" on public.programmes
  using (private.is_org_admin(organisation_id) or private.is_programme_visible(id));
-- A supervisor sees the memberships of their learners in the supervisor's own agencies only.
alter policy "see own memberships, admins see their agency's" on public.memberships
  using (user_id = (select auth.uid()) or private.is_org_admin(organisation_id)
    or (private.is_org_member(organisation_id) and user_id = any (select private.viewable_learners())));

-- ---------------------------------------------------------------------------
-- 3. Who may observe a learner: a supervisor of a cohort the learner is in, or an admin of
--    an agency the learner is an active member of (both active members themselves).
create or replace function private.can_observe_learner(learner uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select learner <> (select auth.uid()) and (
    exists (
      select 1
      from public.cohort_members s
      join public.cohort_members l on l.cohort_id = s.cohort_id and l.role = 'learner' and l.user_id = learner
      join public.cohorts c on c.id = s.cohort_id
      join public.memberships sm on sm.organisation_id = c.organisation_id and sm.user_id = s.user_id and sm.status = 'active'
      join public.memberships lm on lm.organisation_id = c.organisation_id and lm.user_id = learner and lm.status = 'active'
      where s.user_id = (select auth.uid()) and s.role = 'supervisor'
    ) or exists (
      select 1
      from public.memberships am
      join public.memberships lm on lm.organisation_id = am.organisation_id and lm.user_id = learner and lm.status = 'active'
      where am.user_id = (select auth.uid()) and am.role = 'admin' and am.status = 'active'
    )
  )
$$;

-- ---------------------------------------------------------------------------
-- 4. Sizes and ranges. Times: finite, from 2020-01-01, at most five minutes ahead (an
--    invitation's expiry: at most a year after it was made; a due date: before 2100).
--    First evidence and statistics, then a repair of what got through, then the checks.

-- Evidence reaches the statistics only finite and in range (the sums are additive: one
-- non-finite unit would poison a learner's skill for good).
create or replace function private.add_evidence(
  p_user uuid, p_skill text, p_run text, p_cap double precision,
  p_w double precision, p_y double precision, p_at timestamptz
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  t double precision;
  h double precision := private.half_life_days();
  stats public.skill_stats;
  factor double precision;
  decay double precision;
begin
  if not coalesce(p_user is not null and p_skill is not null and p_run is not null and isfinite(p_at)
      and p_w > 0 and p_w <= 5 and p_y >= 0 and p_y <= 1 and (p_cap is null or (p_cap > 0 and p_cap < 'infinity')), false) then
    raise exception 'Evidence must be finite and in range (weight %, score %, cap %, time %).', p_w, p_y, p_cap, p_at
      using errcode = '22003';
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

-- Statistics follow their evidence: when evidence goes (an event deleted by the service role,
-- an account removed), the learner's statistics for that skill are rebuilt from what remains,
-- so a deleted forgery leaves nothing behind.
create or replace function private.rebuild_statistics(p_user uuid, p_skill text)
returns void language plpgsql security definer set search_path = ''
as $$
declare
  unit public.evidence;
begin
  delete from public.skill_run_stats r where r.user_id = p_user and r.skill_id = p_skill;
  delete from public.skill_stats s where s.user_id = p_user and s.skill_id = p_skill;
  if not exists (select 1 from auth.users u where u.id = p_user) then
    return;
  end if;
  for unit in select * from public.evidence e where e.user_id = p_user and e.skill_id = p_skill order by e.occurred_at, e.event_id loop
    perform private.add_evidence(unit.user_id, unit.skill_id, unit.run_key, unit.cap, unit.weight, unit.score, unit.occurred_at);
  end loop;
end
$$;
revoke all on function private.rebuild_statistics(uuid, text) from public, anon, authenticated;

create or replace function private.rebuild_after_evidence_removed()
returns trigger language plpgsql security definer set search_path = ''
as $$
declare
  pair record;
begin
  for pair in select distinct g.user_id, g.skill_id from removed g loop
    perform private.rebuild_statistics(pair.user_id, pair.skill_id);
  end loop;
  return null;
end
$$;
revoke all on function private.rebuild_after_evidence_removed() from public, anon, authenticated;
create trigger evidence_removed after delete on public.evidence
referencing old table as removed for each statement execute function private.rebuild_after_evidence_removed();

-- Repair what the old checks let through: evidence that is not finite or not in the window
-- goes, and the statistics it touched are rebuilt from the rest (the events stay, for audit).
delete from public.evidence e
where not coalesce(isfinite(e.occurred_at) and e.occurred_at >= '2020-01-01T00:00:00Z' and e.weight > 0 and e.weight <= 5
  and e.score >= 0 and e.score <= 1 and (e.cap is null or (e.cap > 0 and e.cap < 'infinity')), false);

-- An observation keeps its record when its observer's account is deleted (observed_by is
-- cleared by ON DELETE SET NULL, which the old check forbade, so such accounts could not be
-- deleted); who observed is still required when it is recorded (trigger and policy).
alter table public.activity_events drop constraint observation_fields;
alter table public.activity_events add constraint observation_fields
  check (kind <> 'observation' or (skill_id is not null and score >= 0 and score <= 1 and weight > 0 and weight <= 5));

-- The checks themselves (after the repair above).
do $$
declare
  rule record;
begin
  for rule in
    select * from (values
    ('organisations', 'organisations_name_size', 'char_length(name) <= 120'),
    ('memberships', 'memberships_display_name_size', 'char_length(display_name) <= 120'),
    ('cohorts', 'cohorts_name_size', 'char_length(name) <= 120'),
    ('invitations', 'invitations_code_size', 'char_length(code) between 6 and 64'),
    ('invitations', 'invitations_expires_at_window',
      'isfinite(expires_at) and expires_at >= ''2020-01-01T00:00:00Z'' and expires_at <= created_at + interval ''1 year'''),
    ('programmes', 'programmes_name_size', 'char_length(name) <= 120'),
    ('programmes', 'programmes_description_size', 'char_length(description) <= 2000'),
    ('programme_items', 'programme_items_item_id_size', 'char_length(item_id) <= 100'),
    ('programme_items', 'programme_items_position_range', 'position <= 1000'),
    ('cohort_programmes', 'cohort_programmes_due_date_window',
      'isfinite(due_date) and due_date between ''2020-01-01''::date and ''2100-12-31''::date'),
    ('skill_targets', 'skill_targets_skill_id_size', 'char_length(skill_id) <= 100'),
    ('activity_events', 'activity_events_ids_size',
      'greatest(char_length(scenario_id), char_length(scenario_version), char_length(node_id), char_length(choice_id), '
      'char_length(ending_id), char_length(lesson_id), char_length(item_id), char_length(option_id), char_length(skill_id)) <= 100'),
    ('activity_events', 'activity_events_note_size', 'char_length(note) <= 2000'),
    ('activity_events', 'activity_events_derived_size', 'greatest(char_length(from_state), char_length(offered_key)) <= 1000'),
    ('activity_events', 'activity_events_score_range', 'score >= 0 and score <= 1'),
    ('activity_events', 'activity_events_weight_range', 'weight > 0 and weight <= 5'),
    ('attempt_progress', 'attempt_progress_ids_size',
      'greatest(char_length(scenario_id), char_length(scenario_version), char_length(node_id), char_length(ending_id)) <= 100'),
    ('attempt_progress', 'attempt_progress_state_size', 'char_length(state) <= 1000'),
    ('attempt_progress', 'attempt_progress_mode_check', 'mode in (''practice'', ''assessment'')'),
    ('attempt_progress', 'attempt_progress_steps_range', 'steps between 0 and 10000'),
    ('evidence', 'evidence_ids_size', 'char_length(skill_id) <= 100 and char_length(run_key) <= 250'),
    ('evidence', 'evidence_values_finite', 'weight <= 5 and abs(cap) < ''infinity''::double precision and cap > 0'),
    ('skill_run_stats', 'skill_run_stats_ids_size', 'char_length(skill_id) <= 100 and char_length(run_key) <= 250'),
    ('skill_run_stats', 'skill_run_stats_values_finite',
      'abs(cap) < ''infinity''::double precision and abs(w) + abs(ap) + abs(am) + abs(sw) + abs(swt) + abs(swy) + abs(swtt) '
      '+ abs(swty) + abs(swyy) < ''infinity''::double precision and events >= 0'),
    ('skill_stats', 'skill_stats_ids_size', 'char_length(skill_id) <= 100'),
    ('skill_stats', 'skill_stats_values_finite',
      'abs(t0) + abs(a_plus) + abs(a_minus) + abs(sw) + abs(swt) + abs(swy) + abs(swtt) + abs(swty) + abs(swyy) '
      '< ''infinity''::double precision and events >= 0'),
    ('catalog_skills', 'catalog_skills_size', 'char_length(id) <= 100 and char_length(name) <= 200'),
    ('catalog_lessons', 'catalog_lessons_size',
      'char_length(id) <= 100 and char_length(skill_id) <= 100 and char_length(title) <= 200 and lesson_order between -10000 and 10000'),
    ('catalog_check_items', 'catalog_check_items_size',
      'greatest(char_length(lesson_id), char_length(item_id), char_length(skill_id)) <= 100 and char_length(prompt) <= 2000'),
    ('catalog_check_options', 'catalog_check_options_size',
      'greatest(char_length(lesson_id), char_length(item_id), char_length(option_id)) <= 100'),
    ('catalog_scenarios', 'catalog_scenarios_size',
      'greatest(char_length(scenario_id), char_length(version), char_length(setting), char_length(difficulty), char_length(start_node)) <= 100 '
      'and char_length(title) <= 200 and char_length(start_state) <= 1000 and cardinality(focus_skills) <= 20 '
      'and char_length(array_to_string(focus_skills, '','')) <= 2000'),
    ('catalog_transitions', 'catalog_transitions_size',
      'greatest(char_length(scenario_id), char_length(version), char_length(from_node), char_length(choice_id), char_length(to_node)) <= 100 '
      'and greatest(char_length(from_state), char_length(to_state), char_length(offered_key)) <= 1000'),
    ('catalog_decision_evidence', 'catalog_decision_evidence_size',
      'greatest(char_length(scenario_id), char_length(version), char_length(node_id), char_length(choice_id), char_length(skill_id)) <= 100 '
      'and char_length(offered_key) <= 1000 and char_length(why) <= 4000'),
    ('catalog_decision_evidence', 'catalog_decision_evidence_range',
      'strength < ''infinity''::double precision and code between -100 and 100 and best between -100 and 100 and worst between -100 and 100'),
    ('catalog_choices', 'catalog_choices_size',
      'greatest(char_length(scenario_id), char_length(version), char_length(node_id), char_length(choice_id)) <= 100 '
      'and char_length(text) <= 2000 and greatest(char_length(feedback), char_length(flag_why)) <= 4000'),
    ('catalog_endings', 'catalog_endings_size',
      'greatest(char_length(scenario_id), char_length(version), char_length(node_id)) <= 100 and char_length(title) <= 200')
    ) as listed (tbl, name, expr)
    union all
    -- Every "when it happened" column (all timestamptz columns but an invitation's expiry). The
    -- statistics' latest times are derived from evidence already in the window: only finite.
    select c.table_name::text, left(c.table_name || '_' || c.column_name, 56) || '_window',
      format('isfinite(%1$I) and %1$I >= ''2020-01-01T00:00:00Z''', c.column_name)
      || case when c.table_name in ('skill_stats', 'skill_run_stats') then ''
              else format(' and %I <= now() + interval ''5 minutes''', c.column_name) end
    from information_schema.columns c
    where c.table_schema = 'public' and c.data_type = 'timestamp with time zone'
      and c.table_name in (select t.table_name from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE')
      and (c.table_name::text, c.column_name::text) <> ('invitations', 'expires_at')
  loop
    execute format('alter table public.%I add constraint %I check (%s) not valid', rule.tbl, rule.name, rule.expr);
    begin
      execute format('alter table public.%I validate constraint %I', rule.tbl, rule.name);
    exception when check_violation then
      raise notice 'public.%: existing rows break % — kept for new rows; correct those rows, then VALIDATE CONSTRAINT.', rule.tbl, rule.name;
    end;
  end loop;
end
$$;

-- ---------------------------------------------------------------------------
-- 5. Joining: clear 4xx refusals for every bad input, and the invitation's cohort must be its
--    agency's (the update policy now ensures it; checked again where it is used).
create or replace function private.join_organisation(invitation_code text, display_name text)
returns public.memberships
language plpgsql security definer set search_path = ''
as $$
declare
  invitation public.invitations;
  membership public.memberships;
  me uuid := (select auth.uid());
  name text := trim(coalesce(display_name, ''));
begin
  if me is null then
    raise exception 'Sign in before joining an agency.' using errcode = '42501';
  end if;
  if char_length(name) = 0 then
    raise exception 'Enter the name your colleagues will see.' using errcode = '22023';
  end if;
  if char_length(name) > 120 then
    raise exception 'Your name can be at most 120 characters.' using errcode = '22023';
  end if;
  if char_length(coalesce(invitation_code, '')) <= 64 then
    select * into invitation from public.invitations i
    where i.code = upper(trim(invitation_code)) for update;
  end if;
  if invitation.id is null then
    raise exception 'That invitation code does not exist. Check it with your agency admin.' using errcode = '22023';
  end if;
  if invitation.revoked_at is not null then
    raise exception 'That invitation was revoked. Ask your agency admin for a new one.' using errcode = '22023';
  end if;
  if invitation.used_at is not null then
    raise exception 'That invitation has already been used. Each code works once.' using errcode = '22023';
  end if;
  if invitation.expires_at < now() then
    raise exception 'That invitation expired on %. Ask your agency admin for a new one.', to_char(invitation.expires_at, 'YYYY-MM-DD') using errcode = '22023';
  end if;
  if invitation.cohort_id is not null and private.cohort_org(invitation.cohort_id) is distinct from invitation.organisation_id then
    raise exception 'That invitation is not valid. Ask your agency admin for a new one.' using errcode = '22023';
  end if;

  insert into public.memberships (organisation_id, user_id, role, display_name)
  values (invitation.organisation_id, me, invitation.role, name)
  on conflict (organisation_id, user_id) do update
    set role = excluded.role, status = 'active', removed_at = null, display_name = excluded.display_name
  returning * into membership;

  if invitation.cohort_id is not null then
    insert into public.cohort_members (cohort_id, user_id, role)
    values (invitation.cohort_id, me, case when invitation.role = 'supervisor' then 'supervisor' else 'learner' end)
    on conflict do nothing;
  end if;

  update public.invitations set used_by = me, used_at = now() where id = invitation.id;
  return membership;
end
$$;

-- One call creates a programme and its items, or nothing. Runs as the caller, so row-level
-- security applies to every write; the checks before them only give clearer refusals.
create or replace function public.create_programme(organisation_id uuid, name text, description text default '', items jsonb default '[]'::jsonb)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  programme uuid;
  item record;
  item_kind text;
  item_id text;
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
    if item_kind = 'lesson' and exists (select 1 from public.catalog_lessons l where l.id = item_id) then
      null;
    elsif item_kind = 'scenario' and exists (select 1 from public.catalog_scenarios s where s.scenario_id = item_id) then
      null;
    elsif item_kind in ('lesson', 'scenario') then
      raise exception 'Item %: there is no published % "%".', item.ordinality, item_kind, left(item_id, 100) using errcode = '22023';
    else
      raise exception 'Item %: give {"kind": "lesson" | "scenario", "id": …}.', item.ordinality using errcode = '22023';
    end if;
    insert into public.programme_items (programme_id, position, item_kind, item_id)
    values (programme, item.ordinality, item_kind, item_id);
  end loop;
  return programme;
end
$$;
revoke all on function public.create_programme(uuid, text, text, jsonb) from public, anon;
grant execute on function public.create_programme(uuid, text, text, jsonb) to authenticated;

-- ---------------------------------------------------------------------------
-- 6. record_activity (outcomes and codes: 20261203100000_sync_contract.sql) measures each event
--    once, first, and carries an oversized one no further than its refusal: a 50 MB event cost
--    seconds of copying through the ordering before it was refused.
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
