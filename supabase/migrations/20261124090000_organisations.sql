-- Agencies, their people, cohorts, invitations, programmes and skill targets.
-- Row-level security on every table; helpers live in the non-exposed `private` schema.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Nothing is reachable through the API unless granted explicitly below.
alter default privileges in schema public revoke all on tables from public, anon, authenticated;
alter default privileges in schema public revoke all on functions from public, anon, authenticated;
alter default privileges in schema private revoke all on functions from public, anon, authenticated;

create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(trim(name)) between 2 and 120),
  is_demo boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.organisations is 'Agencies that onboard staff. is_demo marks the seeded demo agency.';

create table public.memberships (
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('learner', 'supervisor', 'admin')),
  display_name text not null check (char_length(trim(display_name)) between 1 and 120),
  status text not null default 'active' check (status in ('active', 'removed')),
  joined_at timestamptz not null default now(),
  removed_at timestamptz,
  primary key (organisation_id, user_id)
);
comment on table public.memberships is 'Who belongs to which agency, in which role. Removing a member ends their access; their records stay.';
create index memberships_user_id_idx on public.memberships (user_id);

create table public.cohorts (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (char_length(trim(name)) between 1 and 120),
  created_at timestamptz not null default now(),
  unique (organisation_id, name)
);
create index cohorts_organisation_id_idx on public.cohorts (organisation_id);

create table public.cohort_members (
  cohort_id uuid not null references public.cohorts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('learner', 'supervisor')),
  added_at timestamptz not null default now(),
  primary key (cohort_id, user_id, role)
);
create index cohort_members_user_id_idx on public.cohort_members (user_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  code text not null unique default upper(encode(extensions.gen_random_bytes(6), 'hex')),
  role text not null check (role in ('learner', 'supervisor', 'admin')),
  cohort_id uuid references public.cohorts (id) on delete set null,
  expires_at timestamptz not null default now() + interval '14 days',
  used_by uuid references auth.users (id) on delete set null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
comment on table public.invitations is 'Single-use join codes with a role, an optional cohort and an expiry; revocable.';
create index invitations_organisation_id_idx on public.invitations (organisation_id);

create table public.programmes (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (char_length(trim(name)) between 2 and 120),
  description text not null default '',
  created_at timestamptz not null default now()
);
create index programmes_organisation_id_idx on public.programmes (organisation_id);

create table public.programme_items (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  position integer not null check (position >= 1),
  item_kind text not null check (item_kind in ('lesson', 'scenario')),
  item_id text not null,
  primary key (programme_id, position)
);

create table public.cohort_programmes (
  cohort_id uuid not null references public.cohorts (id) on delete cascade,
  programme_id uuid not null references public.programmes (id) on delete cascade,
  due_date date,
  assigned_at timestamptz not null default now(),
  primary key (cohort_id, programme_id)
);
create index cohort_programmes_programme_id_idx on public.cohort_programmes (programme_id);

-- Target proficiency per skill: the organisation's default (cohort_id null) or a cohort's own.
create table public.skill_targets (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete cascade,
  skill_id text not null,
  target numeric(4, 3) not null check (target > 0 and target < 1),
  unique nulls not distinct (organisation_id, cohort_id, skill_id)
);
create index skill_targets_cohort_id_idx on public.skill_targets (cohort_id);

-- ---------------------------------------------------------------------------
-- Security-definer helpers: they read memberships without recursing into RLS.

create or replace function private.is_org_member(target_org uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.organisation_id = target_org and m.user_id = (select auth.uid()) and m.status = 'active'
  )
$$;

create or replace function private.is_org_admin(target_org uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.organisation_id = target_org and m.user_id = (select auth.uid())
      and m.status = 'active' and m.role = 'admin'
  )
$$;

create or replace function private.cohort_org(target_cohort uuid)
returns uuid language sql stable security definer set search_path = ''
as $$
  select c.organisation_id from public.cohorts c where c.id = target_cohort
$$;

-- The current user supervises this cohort (and is still an active member of its agency).
create or replace function private.supervises_cohort(target_cohort uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.cohort_members s
    join public.cohorts c on c.id = s.cohort_id
    join public.memberships m on m.organisation_id = c.organisation_id and m.user_id = s.user_id
    where s.cohort_id = target_cohort and s.user_id = (select auth.uid())
      and s.role = 'supervisor' and m.status = 'active'
  )
$$;

create or replace function private.in_cohort(target_cohort uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.cohort_members cm
    join public.cohorts c on c.id = cm.cohort_id
    join public.memberships m on m.organisation_id = c.organisation_id and m.user_id = cm.user_id
    where cm.cohort_id = target_cohort and cm.user_id = (select auth.uid()) and m.status = 'active'
  )
$$;

-- Whose records the current user may see: their own; learners of cohorts they supervise;
-- members (current or removed: records stay with the agency) of agencies they administer.
-- A set, so policies test membership with one hashed lookup per row (`= any (select …)`)
-- instead of running joins for every row of a large table.
create or replace function private.viewable_learners()
returns setof uuid language sql stable security definer set search_path = ''
as $$
  select (select auth.uid())
  union
  select l.user_id
  from public.cohort_members s
  join public.cohort_members l on l.cohort_id = s.cohort_id and l.role = 'learner'
  join public.cohorts c on c.id = s.cohort_id
  join public.memberships sm on sm.organisation_id = c.organisation_id and sm.user_id = s.user_id
  where s.user_id = (select auth.uid()) and s.role = 'supervisor' and sm.status = 'active'
  union
  select lm.user_id
  from public.memberships am
  join public.memberships lm on lm.organisation_id = am.organisation_id
  where am.user_id = (select auth.uid()) and am.role = 'admin' and am.status = 'active'
$$;

create or replace function private.can_view_learner(learner uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select learner in (select private.viewable_learners())
$$;

-- The current user may record an observation about this learner (supervisor or admin).
create or replace function private.can_observe_learner(learner uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select learner <> (select auth.uid()) and private.can_view_learner(learner)
$$;

create or replace function private.is_programme_visible(target_programme uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.programmes p
    where p.id = target_programme and private.is_org_admin(p.organisation_id)
  ) or exists (
    select 1 from public.cohort_programmes cp
    where cp.programme_id = target_programme and private.in_cohort(cp.cohort_id)
  )
$$;

create or replace function private.programme_org(target_programme uuid)
returns uuid language sql stable security definer set search_path = ''
as $$
  select p.organisation_id from public.programmes p where p.id = target_programme
$$;

grant execute on all functions in schema private to authenticated, service_role;

-- The creator of an agency becomes its first admin.
create or replace function private.add_creator_as_admin()
returns trigger language plpgsql security definer set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.memberships (organisation_id, user_id, role, display_name)
    values (
      new.id, new.created_by, 'admin',
      coalesce(
        (select nullif(u.raw_user_meta_data ->> 'display_name', '') from auth.users u where u.id = new.created_by),
        (select split_part(u.email, '@', 1) from auth.users u where u.id = new.created_by),
        'Admin'
      )
    )
    on conflict do nothing;
  end if;
  return new;
end
$$;
revoke all on function private.add_creator_as_admin() from public, anon, authenticated;

create trigger organisations_add_creator after insert on public.organisations
for each row execute function private.add_creator_as_admin();

-- ---------------------------------------------------------------------------
-- Row-level security.

alter table public.organisations enable row level security;
alter table public.memberships enable row level security;
alter table public.cohorts enable row level security;
alter table public.cohort_members enable row level security;
alter table public.invitations enable row level security;
alter table public.programmes enable row level security;
alter table public.programme_items enable row level security;
alter table public.cohort_programmes enable row level security;
alter table public.skill_targets enable row level security;

grant select, insert, update on public.organisations to authenticated;
grant select, update on public.memberships to authenticated;
grant select, insert, update, delete on public.cohorts to authenticated;
grant select, insert, delete on public.cohort_members to authenticated;
grant select, insert, update on public.invitations to authenticated;
grant select, insert, update, delete on public.programmes to authenticated;
grant select, insert, update, delete on public.programme_items to authenticated;
grant select, insert, update, delete on public.cohort_programmes to authenticated;
grant select, insert, update, delete on public.skill_targets to authenticated;
grant all on all tables in schema public to service_role;

create policy "members see their agency" on public.organisations for select to authenticated
  using (private.is_org_member(id) or created_by = (select auth.uid()));
create policy "anyone signed in creates an agency" on public.organisations for insert to authenticated
  with check (created_by = (select auth.uid()));
create policy "admins rename their agency" on public.organisations for update to authenticated
  using (private.is_org_admin(id)) with check (private.is_org_admin(id));

create policy "see own memberships, admins see their agency's" on public.memberships for select to authenticated
  using (user_id = (select auth.uid()) or private.is_org_admin(organisation_id) or user_id = any (select private.viewable_learners()));
create policy "admins change roles and remove members" on public.memberships for update to authenticated
  using (private.is_org_admin(organisation_id)) with check (private.is_org_admin(organisation_id));

create policy "admins and cohort members see cohorts" on public.cohorts for select to authenticated
  using (private.is_org_admin(organisation_id) or private.in_cohort(id));
create policy "admins create cohorts" on public.cohorts for insert to authenticated
  with check (private.is_org_admin(organisation_id));
create policy "admins rename cohorts" on public.cohorts for update to authenticated
  using (private.is_org_admin(organisation_id)) with check (private.is_org_admin(organisation_id));
create policy "admins delete cohorts" on public.cohorts for delete to authenticated
  using (private.is_org_admin(organisation_id));

create policy "admins, the cohort's supervisors and the member see cohort members" on public.cohort_members for select to authenticated
  using (user_id = (select auth.uid()) or private.is_org_admin(private.cohort_org(cohort_id)) or private.supervises_cohort(cohort_id));
create policy "admins add cohort members from their agency" on public.cohort_members for insert to authenticated
  with check (
    private.is_org_admin(private.cohort_org(cohort_id))
    and exists (
      select 1 from public.memberships m
      where m.user_id = cohort_members.user_id and m.organisation_id = private.cohort_org(cohort_id) and m.status = 'active'
    )
  );
create policy "admins remove cohort members" on public.cohort_members for delete to authenticated
  using (private.is_org_admin(private.cohort_org(cohort_id)));

create policy "admins see invitations" on public.invitations for select to authenticated
  using (private.is_org_admin(organisation_id));
create policy "admins create invitations" on public.invitations for insert to authenticated
  with check (
    private.is_org_admin(organisation_id) and used_by is null and revoked_at is null
    and (cohort_id is null or private.cohort_org(cohort_id) = organisation_id)
  );
create policy "admins revoke invitations" on public.invitations for update to authenticated
  using (private.is_org_admin(organisation_id)) with check (private.is_org_admin(organisation_id));

create policy "admins and assigned cohorts see programmes" on public.programmes for select to authenticated
  using (private.is_programme_visible(id));
create policy "admins create programmes" on public.programmes for insert to authenticated
  with check (private.is_org_admin(organisation_id));
create policy "admins edit programmes" on public.programmes for update to authenticated
  using (private.is_org_admin(organisation_id)) with check (private.is_org_admin(organisation_id));
create policy "admins delete programmes" on public.programmes for delete to authenticated
  using (private.is_org_admin(organisation_id));

create policy "programme items follow their programme" on public.programme_items for select to authenticated
  using (private.is_programme_visible(programme_id));
create policy "admins add programme items" on public.programme_items for insert to authenticated
  with check (private.is_org_admin(private.programme_org(programme_id)));
create policy "admins edit programme items" on public.programme_items for update to authenticated
  using (private.is_org_admin(private.programme_org(programme_id))) with check (private.is_org_admin(private.programme_org(programme_id)));
create policy "admins remove programme items" on public.programme_items for delete to authenticated
  using (private.is_org_admin(private.programme_org(programme_id)));

create policy "admins and the cohort see assignments" on public.cohort_programmes for select to authenticated
  using (private.is_org_admin(private.cohort_org(cohort_id)) or private.in_cohort(cohort_id));
create policy "admins assign programmes within their agency" on public.cohort_programmes for insert to authenticated
  with check (private.is_org_admin(private.cohort_org(cohort_id)) and private.programme_org(programme_id) = private.cohort_org(cohort_id));
create policy "admins change due dates" on public.cohort_programmes for update to authenticated
  using (private.is_org_admin(private.cohort_org(cohort_id))) with check (private.is_org_admin(private.cohort_org(cohort_id)));
create policy "admins unassign programmes" on public.cohort_programmes for delete to authenticated
  using (private.is_org_admin(private.cohort_org(cohort_id)));

create policy "members see their agency's targets" on public.skill_targets for select to authenticated
  using (private.is_org_member(organisation_id));
create policy "admins set targets" on public.skill_targets for insert to authenticated
  with check (private.is_org_admin(organisation_id) and (cohort_id is null or private.cohort_org(cohort_id) = organisation_id));
create policy "admins change targets" on public.skill_targets for update to authenticated
  using (private.is_org_admin(organisation_id)) with check (private.is_org_admin(organisation_id));
create policy "admins remove targets" on public.skill_targets for delete to authenticated
  using (private.is_org_admin(organisation_id));

-- ---------------------------------------------------------------------------
-- Joining with an invitation code: the only way into an agency besides creating one.

create or replace function private.join_organisation(invitation_code text, display_name text)
returns public.memberships
language plpgsql security definer set search_path = ''
as $$
declare
  invitation public.invitations;
  membership public.memberships;
  me uuid := (select auth.uid());
begin
  if me is null then
    raise exception 'Sign in before joining an agency.' using errcode = '42501';
  end if;
  if char_length(trim(coalesce(display_name, ''))) = 0 then
    raise exception 'Enter the name your colleagues will see.' using errcode = '22023';
  end if;
  select * into invitation from public.invitations i
  where i.code = upper(trim(invitation_code)) for update;
  if not found then
    raise exception 'That invitation code does not exist. Check it with your agency admin.' using errcode = 'P0002';
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

  insert into public.memberships (organisation_id, user_id, role, display_name)
  values (invitation.organisation_id, me, invitation.role, trim(display_name))
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
revoke all on function private.join_organisation(text, text) from public, anon;
grant execute on function private.join_organisation(text, text) to authenticated;

-- The API entry point runs as the caller; the checks and writes happen in the helper above.
create or replace function public.join_organisation(invitation_code text, display_name text)
returns public.memberships
language sql security invoker set search_path = ''
as $$
  select * from private.join_organisation(invitation_code, display_name)
$$;
revoke all on function public.join_organisation(text, text) from public, anon;
grant execute on function public.join_organisation(text, text) to authenticated;

-- Removing a member ends their access (status), leaves their records, and drops cohort places.
create or replace function private.on_membership_removed()
returns trigger language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'removed' and old.status = 'active' then
    new.removed_at := now();
    delete from public.cohort_members cm
    using public.cohorts c
    where cm.cohort_id = c.id and c.organisation_id = new.organisation_id and cm.user_id = new.user_id;
  elsif new.status = 'active' then
    new.removed_at := null;
  end if;
  return new;
end
$$;
revoke all on function private.on_membership_removed() from public, anon, authenticated;
create trigger memberships_on_removed before update on public.memberships
for each row execute function private.on_membership_removed();
