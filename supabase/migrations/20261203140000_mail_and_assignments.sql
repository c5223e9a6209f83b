-- Issue 18: agency operations by email, gaps acted on, editable programmes, reminders.
--
-- 1. Mail is queued in the database (private.mail_outbox, not exposed) by security-definer
--    functions that decide who may mail whom, with rate limits per address and per agency;
--    a sender (src/mail/) claims queued mail with the service role and delivers it by SMTP.
--    The sender says it is alive (mail_sender_seen); without a sender seen in the last day,
--    nothing is queued and the admin panel offers mailto: links instead.
-- 2. Invitations by email: one call invites many addresses (each its own single-use code)
--    and reports each one; re-send; the status (queued, sent, joined, expired, revoked).
-- 3. Individual assignments: a lesson or scenario for one learner, with a due date, by an
--    admin of the learner's agency or a supervisor of a cohort the learner is in.
-- 4. Programmes editable: one call replaces a programme's items (add, remove, reorder).
--    Progress is derived from the learners' own records, so what is done stays done.
-- 5. Due-date reminders: queue_reminders writes one digest per learner (items due within 7
--    days or overdue) and per supervisor (their cohorts' overdue items), at most once per
--    recipient, item and day (private.reminder_log).

-- ---------------------------------------------------------------------------
-- 1. The outbox and the sender's heartbeat.

create table private.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('invitation', 'reminder')),
  recipient text not null check (char_length(recipient) between 3 and 254),
  organisation_id uuid references public.organisations (id) on delete cascade,
  invitation_id uuid references public.invitations (id) on delete cascade,
  -- What the template needs (never free text from a caller: the sender writes the words).
  payload jsonb not null check (octet_length(payload::text) <= 65536),
  created_at timestamptz not null default now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  attempts integer not null default 0 check (attempts between 0 and 100),
  last_error text check (char_length(last_error) <= 2000)
);
create index mail_outbox_unsent_idx on private.mail_outbox (created_at) where sent_at is null;
create index mail_outbox_recipient_idx on private.mail_outbox (recipient, created_at);
create index mail_outbox_organisation_idx on private.mail_outbox (organisation_id, created_at);
alter table private.mail_outbox enable row level security;
revoke all on private.mail_outbox from public, anon, authenticated;

create table private.mail_sender (
  singleton boolean primary key default true check (singleton),
  via text not null check (char_length(via) <= 200),
  seen_at timestamptz not null default now()
);
alter table private.mail_sender enable row level security;
revoke all on private.mail_sender from public, anon, authenticated;

-- The limits: an address gets at most 3 invitation mails an hour (no mail bombing through
-- re-sends), an agency sends at most 200 an hour.
create or replace function private.mail_allowed(p_recipient text, p_organisation uuid)
returns text language sql stable security definer set search_path = ''
as $$
  select case
    when (select count(*) from private.mail_outbox o
          where o.recipient = p_recipient and o.kind = 'invitation' and o.created_at > now() - interval '1 hour') >= 3
      then 'This address was sent 3 invitations in the last hour; try again later.'
    when (select count(*) from private.mail_outbox o
          where o.organisation_id = p_organisation and o.created_at > now() - interval '1 hour') >= 200
      then 'Your agency sent 200 emails in the last hour, the most allowed; try again later.'
  end
$$;
revoke all on function private.mail_allowed(text, uuid) from public, anon, authenticated;

create or replace function private.mail_configured()
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from private.mail_sender s where s.seen_at > now() - interval '1 day')
$$;
revoke all on function private.mail_configured() from public, anon, authenticated;

-- Whether mail goes out, and how: for the admin panel's "which path is in use".
create or replace function private.mail_delivery()
returns jsonb language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'configured', private.mail_configured(),
    'via', (select s.via from private.mail_sender s),
    'seen_at', (select s.seen_at from private.mail_sender s))
  where (select auth.uid()) is not null
$$;
revoke all on function private.mail_delivery() from public, anon;
grant execute on function private.mail_delivery() to authenticated;
create or replace function public.mail_delivery()
returns jsonb language sql stable security invoker set search_path = ''
as $$ select private.mail_delivery() $$;
revoke all on function public.mail_delivery() from public, anon;
grant execute on function public.mail_delivery() to authenticated;

-- The sender: alive (and how it delivers), claim a batch, settle each mail.
create or replace function private.mail_sender_seen(via text)
returns void language sql security definer set search_path = ''
as $$
  insert into private.mail_sender (singleton, via, seen_at) values (true, left(via, 200), now())
  on conflict (singleton) do update set via = excluded.via, seen_at = excluded.seen_at
$$;

-- Claimed mail is not claimed again for 5 minutes (a sender that died mid-batch); a mail
-- that failed 5 times stays, with its last error, for someone to look at.
create or replace function private.claim_mail(batch integer default 20)
returns jsonb language sql security definer set search_path = ''
as $$
  with claimed as (
    update private.mail_outbox o set claimed_at = now(), attempts = o.attempts + 1
    where o.id in (
      select q.id from private.mail_outbox q
      where q.sent_at is null and q.attempts < 5 and (q.claimed_at is null or q.claimed_at < now() - interval '5 minutes')
      order by q.created_at
      limit least(greatest(batch, 1), 100)
      for update skip locked)
    returning o.id, o.kind, o.recipient, o.payload, o.created_at)
  select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at), '[]'::jsonb) from claimed c
$$;

create or replace function private.settle_mail(mail_id uuid, error text default null)
returns void language plpgsql security definer set search_path = ''
as $$
declare
  mail private.mail_outbox;
begin
  if error is null then
    update private.mail_outbox set sent_at = now(), last_error = null where id = mail_id returning * into mail;
    if mail.invitation_id is not null then
      update public.invitations set mail_sent_at = now(), mail_count = mail_count + 1 where id = mail.invitation_id;
    end if;
  else
    update private.mail_outbox set claimed_at = null, last_error = left(error, 2000) where id = mail_id;
  end if;
end
$$;

-- The API entry points run as the caller (the service role only).
create or replace function public.mail_sender_seen(via text)
returns void language sql security invoker set search_path = ''
as $$ select private.mail_sender_seen(via) $$;
create or replace function public.claim_mail(batch integer default 20)
returns jsonb language sql security invoker set search_path = ''
as $$ select private.claim_mail(batch) $$;
create or replace function public.settle_mail(mail_id uuid, error text default null)
returns void language sql security invoker set search_path = ''
as $$ select private.settle_mail(mail_id, error) $$;
revoke all on function private.mail_sender_seen(text), private.claim_mail(integer), private.settle_mail(uuid, text),
  public.mail_sender_seen(text), public.claim_mail(integer), public.settle_mail(uuid, text) from public, anon, authenticated;
grant execute on function private.mail_sender_seen(text), private.claim_mail(integer), private.settle_mail(uuid, text),
  public.mail_sender_seen(text), public.claim_mail(integer), public.settle_mail(uuid, text) to service_role;
grant usage on schema private to service_role;

-- ---------------------------------------------------------------------------
-- 2. Invitations by email.

alter table public.invitations
  add column email text,
  add column mail_sent_at timestamptz,
  add column mail_count integer not null default 0;
alter table public.invitations
  add constraint invitations_email_format check (email is null or (char_length(email) <= 254 and email = lower(email) and email ~ '^[^\s@]+@[^\s@]+\.[^\s@]+$')),
  add constraint invitations_mail_sent_at_window check (isfinite(mail_sent_at) and mail_sent_at >= '2020-01-01T00:00:00Z' and mail_sent_at <= now() + interval '5 minutes'),
  add constraint invitations_mail_count_range check (mail_count between 0 and 1000);

-- The address an invitation was sent to is part of it, like its code.
drop trigger invitations_keep_scope on public.invitations;
create trigger invitations_keep_scope before update on public.invitations
for each row execute function private.keep_scope('id', 'organisation_id', 'code', 'role', 'cohort_id?', 'expires_at', 'created_by?', 'created_at', 'email');

-- What an invitation mail says, from the server's own rows.
create or replace function private.invitation_mail(invitation public.invitations)
returns jsonb language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'code', invitation.code,
    'role', invitation.role,
    'organisation', (select o.name from public.organisations o where o.id = invitation.organisation_id),
    'cohort', (select c.name from public.cohorts c where c.id = invitation.cohort_id),
    'expires_at', invitation.expires_at,
    'invited_by', (select m.display_name from public.memberships m
                   where m.organisation_id = invitation.organisation_id and m.user_id = (select auth.uid())))
$$;
revoke all on function private.invitation_mail(public.invitations) from public, anon, authenticated;

-- Invites each address (at most 100 a call; duplicates once): a new single-use invitation
-- per address, its mail queued when a sender is running. One result per address, in order:
-- {email, ok, reason?, invitation_id?, code?, queued?}. A bad address is reported, not fatal.
create or replace function private.invite_by_email(organisation_id uuid, emails text[], role text, cohort_id uuid, days integer)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  address text;
  cleaned text;
  results jsonb := '[]'::jsonb;
  seen text[] := '{}';
  invitation public.invitations;
  refusal text;
  mail boolean := private.mail_configured();
begin
  if not coalesce(private.is_org_admin(invite_by_email.organisation_id), false) then
    raise exception 'Only an admin of this agency can invite people to it.' using errcode = '42501';
  end if;
  if role is null or role not in ('learner', 'supervisor', 'admin') then
    raise exception 'The role must be learner, supervisor or admin.' using errcode = '22023';
  end if;
  if cohort_id is not null and private.cohort_org(cohort_id) is distinct from invite_by_email.organisation_id then
    raise exception 'That cohort is not one of this agency''s.' using errcode = '22023';
  end if;
  if days is null or days not between 1 and 90 then
    raise exception 'An invitation expires after 1 to 90 days.' using errcode = '22023';
  end if;
  if emails is null or cardinality(emails) = 0 then
    raise exception 'Enter at least one email address.' using errcode = '22023';
  end if;
  if cardinality(emails) > 100 then
    raise exception 'At most 100 addresses at a time (this list has %).', cardinality(emails) using errcode = '22023';
  end if;
  foreach address in array emails loop
    cleaned := lower(trim(coalesce(address, '')));
    refusal := case
      when char_length(coalesce(address, '')) > 254 then 'longer than 254 characters'
      when cleaned = '' then 'empty'
      when cleaned !~ '^[^\s@]+@[^\s@]+\.[^\s@]+$' then 'not an email address'
      when cleaned = any (seen) then 'listed twice'
    end;
    if refusal is null then
      refusal := private.mail_allowed(cleaned, invite_by_email.organisation_id);
    end if;
    if refusal is not null then
      results := results || jsonb_build_object('email', left(address, 254), 'ok', false, 'reason', refusal);
      continue;
    end if;
    seen := seen || cleaned;
    insert into public.invitations (organisation_id, role, cohort_id, expires_at, email, created_by)
    values (invite_by_email.organisation_id, invite_by_email.role, invite_by_email.cohort_id, now() + make_interval(days => days), cleaned, (select auth.uid()))
    returning * into invitation;
    if mail then
      insert into private.mail_outbox (kind, recipient, organisation_id, invitation_id, payload)
      values ('invitation', cleaned, invitation.organisation_id, invitation.id, private.invitation_mail(invitation));
    end if;
    results := results || jsonb_build_object('email', cleaned, 'ok', true, 'invitation_id', invitation.id,
      'code', invitation.code, 'queued', mail);
  end loop;
  return results;
end
$$;
revoke all on function private.invite_by_email(uuid, text[], text, uuid, integer) from public, anon;
grant execute on function private.invite_by_email(uuid, text[], text, uuid, integer) to authenticated;

create or replace function public.invite_by_email(organisation_id uuid, emails text[], role text, cohort_id uuid default null, days integer default 14)
returns jsonb language sql security invoker set search_path = ''
as $$
  select private.invite_by_email(organisation_id, emails, role, cohort_id, days)
$$;
revoke all on function public.invite_by_email(uuid, text[], text, uuid, integer) from public, anon;
grant execute on function public.invite_by_email(uuid, text[], text, uuid, integer) to authenticated;

-- Sends an open invitation's mail again (the same code), within the same limits.
create or replace function private.resend_invitation(invitation_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  invitation public.invitations;
  refusal text;
begin
  select * into invitation from public.invitations i where i.id = invitation_id;
  if invitation.id is null or not coalesce(private.is_org_admin(invitation.organisation_id), false) then
    raise exception 'Only an admin of this invitation''s agency can send it again.' using errcode = '42501';
  end if;
  if invitation.email is null then
    raise exception 'This invitation has no email address; share its code instead.' using errcode = '22023';
  end if;
  if invitation.revoked_at is not null or invitation.used_at is not null or invitation.expires_at < now() then
    raise exception 'Only an open invitation can be sent again (this one is revoked, used or expired).' using errcode = '22023';
  end if;
  if not private.mail_configured() then
    raise exception 'No mail sender is running on this server: send the invitation yourself with the email link.' using errcode = '22023';
  end if;
  refusal := private.mail_allowed(invitation.email, invitation.organisation_id);
  if refusal is not null then
    raise exception '%', refusal using errcode = '22023';
  end if;
  insert into private.mail_outbox (kind, recipient, organisation_id, invitation_id, payload)
  values ('invitation', invitation.email, invitation.organisation_id, invitation.id, private.invitation_mail(invitation));
end
$$;
revoke all on function private.resend_invitation(uuid) from public, anon;
grant execute on function private.resend_invitation(uuid) to authenticated;

create or replace function public.resend_invitation(invitation_id uuid)
returns void language sql security invoker set search_path = ''
as $$
  select private.resend_invitation(invitation_id)
$$;
revoke all on function public.resend_invitation(uuid) from public, anon;
grant execute on function public.resend_invitation(uuid) to authenticated;

-- ---------------------------------------------------------------------------
-- 3. Individual assignments.

create table public.learner_assignments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  item_kind text not null check (item_kind in ('lesson', 'scenario')),
  item_id text not null check (char_length(item_id) <= 100),
  -- The skill gap it answers, when it was assigned from one.
  skill_id text check (char_length(skill_id) <= 100),
  due_date date check (isfinite(due_date) and due_date between '2020-01-01'::date and '2100-12-31'::date),
  assigned_by uuid references auth.users (id) on delete set null default auth.uid(),
  assigned_at timestamptz not null default now()
    check (isfinite(assigned_at) and assigned_at >= '2020-01-01T00:00:00Z' and assigned_at <= now() + interval '5 minutes'),
  constraint learner_assignments_natural_key unique (organisation_id, user_id, item_kind, item_id)
);
comment on table public.learner_assignments is 'A lesson or scenario assigned to one learner (often from a skill gap), with a due date.';
create index learner_assignments_user_id_idx on public.learner_assignments (user_id);

-- The current user may assign work to this learner in this agency: its admin, or a
-- supervisor of a cohort of that agency the learner is in; the learner an active member.
create or replace function private.can_assign_to(target_org uuid, learner uuid)
returns boolean language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships lm
    where lm.organisation_id = target_org and lm.user_id = learner and lm.status = 'active'
  ) and (
    private.is_org_admin(target_org)
    or exists (
      select 1 from public.cohort_members l
      join public.cohorts c on c.id = l.cohort_id
      where l.user_id = learner and l.role = 'learner' and c.organisation_id = target_org
        and private.supervises_cohort(l.cohort_id)
    )
  )
$$;
revoke all on function private.can_assign_to(uuid, uuid) from public, anon;
grant execute on function private.can_assign_to(uuid, uuid) to authenticated, service_role;

alter table public.learner_assignments enable row level security;
grant select, insert, delete on public.learner_assignments to authenticated;
grant update (due_date) on public.learner_assignments to authenticated;
grant all on public.learner_assignments to service_role;

create policy "the learner and who may assign to them see assignments" on public.learner_assignments for select to authenticated
  using (user_id = (select auth.uid()) or private.can_assign_to(organisation_id, user_id));
create policy "admins and the learner's supervisors assign" on public.learner_assignments for insert to authenticated
  with check (private.can_assign_to(organisation_id, user_id) and assigned_by = (select auth.uid()));
create policy "admins and the learner's supervisors change due dates" on public.learner_assignments for update to authenticated
  using (private.can_assign_to(organisation_id, user_id))
  with check (private.can_assign_to(organisation_id, user_id));
create policy "admins and the learner's supervisors withdraw assignments" on public.learner_assignments for delete to authenticated
  using (private.can_assign_to(organisation_id, user_id));

create trigger learner_assignments_keep_scope before update on public.learner_assignments
for each row execute function private.keep_scope('id', 'organisation_id', 'user_id', 'item_kind', 'item_id', 'skill_id', 'assigned_by?', 'assigned_at');

-- Assigns one published lesson or scenario to many learners (at most 500) with one due date;
-- already assigned: the due date changes. Runs as the caller: row-level security decides,
-- the checks first only make the refusals clear. Returns how many learners it covers.
create or replace function public.assign_to_learners(organisation_id uuid, learner_ids uuid[], item_kind text, item_id text,
  due_date date default null, skill_id text default null)
returns integer
language plpgsql security invoker set search_path = ''
as $$
declare
  learner uuid;
  n integer;
begin
  if learner_ids is null or cardinality(learner_ids) = 0 then
    raise exception 'Choose at least one learner.' using errcode = '22023';
  end if;
  if cardinality(learner_ids) > 500 then
    raise exception 'At most 500 learners at a time.' using errcode = '22023';
  end if;
  if not (item_kind = 'lesson' and exists (select 1 from public.catalog_lessons l where l.id = assign_to_learners.item_id))
     and not (item_kind = 'scenario' and exists (select 1 from public.catalog_scenarios s where s.scenario_id = assign_to_learners.item_id)) then
    raise exception 'There is no published % "%".', coalesce(left(item_kind, 20), 'item'), left(coalesce(assign_to_learners.item_id, ''), 100) using errcode = '22023';
  end if;
  if due_date is not null and (not isfinite(due_date) or due_date not between current_date - 1 and '2100-12-31'::date) then
    raise exception 'A due date is today or later (and before 2101).' using errcode = '22023';
  end if;
  if skill_id is not null and not exists (select 1 from public.catalog_skills s where s.id = assign_to_learners.skill_id) then
    raise exception 'There is no skill "%".', left(skill_id, 100) using errcode = '22023';
  end if;
  foreach learner in array learner_ids loop
    if not coalesce(private.can_assign_to(assign_to_learners.organisation_id, learner), false) then
      raise exception 'You can assign work only to learners of cohorts you supervise (or, as an admin, of your agency).' using errcode = '42501';
    end if;
  end loop;
  insert into public.learner_assignments (organisation_id, user_id, item_kind, item_id, due_date, skill_id, assigned_by)
  select assign_to_learners.organisation_id, l, assign_to_learners.item_kind, assign_to_learners.item_id,
    assign_to_learners.due_date, assign_to_learners.skill_id, (select auth.uid())
  from (select distinct unnest(learner_ids) as l) learners
  on conflict on constraint learner_assignments_natural_key
  do update set due_date = excluded.due_date;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke all on function public.assign_to_learners(uuid, uuid[], text, text, date, text) from public, anon;
grant execute on function public.assign_to_learners(uuid, uuid[], text, text, date, text) to authenticated;

-- ---------------------------------------------------------------------------
-- 4. Programmes editable: the whole list of items in one call, or nothing.
-- items: a JSON array of objects {"kind": "lesson" | "scenario", "id": …}; other keys are
-- ignored here (a later migration may read more, e.g. what completes an item).
create or replace function public.set_programme_items(programme_id uuid, items jsonb)
returns integer
language plpgsql security invoker set search_path = ''
as $$
declare
  item record;
  kind text;
  ref text;
  n integer := 0;
begin
  if not coalesce(private.is_org_admin(private.programme_org(set_programme_items.programme_id)), false) then
    raise exception 'Only an admin of this programme''s agency can change its items.' using errcode = '42501';
  end if;
  if items is null or jsonb_typeof(items) <> 'array' then
    raise exception 'items must be a JSON array of {"kind": "lesson" | "scenario", "id": …}.' using errcode = '22023';
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
    if kind = 'lesson' and exists (select 1 from public.catalog_lessons l where l.id = ref) then
      null;
    elsif kind = 'scenario' and exists (select 1 from public.catalog_scenarios s where s.scenario_id = ref) then
      null;
    elsif kind in ('lesson', 'scenario') then
      raise exception 'Item %: there is no published % "%".', item.ordinality, kind, left(ref, 100) using errcode = '22023';
    else
      raise exception 'Item %: give {"kind": "lesson" | "scenario", "id": …}.', item.ordinality using errcode = '22023';
    end if;
    if exists (select 1 from public.programme_items pi
               where pi.programme_id = set_programme_items.programme_id and pi.item_kind = kind and pi.item_id = ref) then
      raise exception 'Item %: % "%" is already in the programme.', item.ordinality, kind, ref using errcode = '22023';
    end if;
    insert into public.programme_items (programme_id, position, item_kind, item_id)
    values (set_programme_items.programme_id, item.ordinality, kind, ref);
    n := n + 1;
  end loop;
  return n;
end
$$;
revoke all on function public.set_programme_items(uuid, jsonb) from public, anon;
grant execute on function public.set_programme_items(uuid, jsonb) to authenticated;

-- ---------------------------------------------------------------------------
-- 5. Reminders.

create table private.reminder_log (
  recipient uuid not null references auth.users (id) on delete cascade,
  item_key text not null check (char_length(item_key) <= 400),
  sent_on date not null,
  primary key (recipient, item_key, sent_on)
);
alter table private.reminder_log enable row level security;
revoke all on private.reminder_log from public, anon, authenticated;

-- Every open item with a due date: cohort programme items and individual assignments, per
-- learner (active members only), not yet done by the learner's own records.
create or replace function private.open_due_items()
returns table (learner uuid, organisation_id uuid, cohort_id uuid, item_key text, item_kind text, item_id text, title text, due_date date)
language sql stable security definer set search_path = ''
as $$
  with items as (
    select cm.user_id as learner, c.organisation_id, c.id as cohort_id,
      'programme:' || cp.programme_id || ':' || pi.item_kind || ':' || pi.item_id as item_key,
      pi.item_kind, pi.item_id, cp.due_date
    from public.cohort_programmes cp
    join public.cohorts c on c.id = cp.cohort_id
    join public.cohort_members cm on cm.cohort_id = cp.cohort_id and cm.role = 'learner'
    join public.programme_items pi on pi.programme_id = cp.programme_id
    where cp.due_date is not null
    union all
    select a.user_id, a.organisation_id, null, 'assignment:' || a.id, a.item_kind, a.item_id, a.due_date
    from public.learner_assignments a
    where a.due_date is not null
  )
  select i.learner, i.organisation_id, i.cohort_id, i.item_key, i.item_kind, i.item_id,
    coalesce(
      (select l.title from public.catalog_lessons l where i.item_kind = 'lesson' and l.id = i.item_id),
      (select max(s.title) from public.catalog_scenarios s where i.item_kind = 'scenario' and s.scenario_id = i.item_id),
      i.item_id),
    i.due_date
  from items i
  join public.memberships m on m.organisation_id = i.organisation_id and m.user_id = i.learner and m.status = 'active'
  where not exists (
    select 1 from public.learner_completions d
    where d.user_id = i.learner and d.item_kind = i.item_kind and d.item_id = i.item_id)
$$;
revoke all on function private.open_due_items() from public, anon, authenticated;

-- Queues today's digests; returns how many. Run again the same day, it queues none.
create or replace function private.queue_reminders()
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  today date := current_date;
  digests integer := 0;
  person record;
begin
  drop table if exists pg_temp.due_now, pg_temp.overdue, pg_temp.fresh;
  create temporary table due_now on commit drop as
  select * from private.open_due_items() where due_date <= today + 7;
  -- Supervisors hear of their cohorts' overdue items (cohort programmes, and assignments of
  -- the cohorts' learners), keyed by learner so each is reported once a day.
  create temporary table overdue on commit drop as
  select distinct s.user_id as supervisor, d.learner, 'learner:' || d.learner || ':' || d.item_key as item_key,
    d.item_kind, d.item_id, d.title, d.due_date
  from pg_temp.due_now d
  join public.cohort_members l on l.user_id = d.learner and l.role = 'learner' and (d.cohort_id is null or l.cohort_id = d.cohort_id)
  join public.cohorts c on c.id = l.cohort_id and c.organisation_id = d.organisation_id
  join public.cohort_members s on s.cohort_id = l.cohort_id and s.role = 'supervisor'
  join public.memberships sm on sm.organisation_id = c.organisation_id and sm.user_id = s.user_id and sm.status = 'active'
  where d.due_date < today;

  -- What has not been reminded of today, logged as reminded now (in this transaction).
  create temporary table fresh (recipient uuid, item_key text) on commit drop;
  with logged as (
    insert into private.reminder_log (recipient, item_key, sent_on)
    select distinct d.learner, d.item_key, today from pg_temp.due_now d
    union
    select o.supervisor, o.item_key, today from pg_temp.overdue o
    on conflict do nothing
    returning recipient, item_key)
  insert into pg_temp.fresh select * from logged;

  -- Learners: their own items due within 7 days or overdue.
  for person in
    select f.recipient, u.email,
      jsonb_agg(jsonb_build_object('kind', d.item_kind, 'id', d.item_id, 'title', d.title, 'due_date', d.due_date,
        'overdue', d.due_date < today) order by d.due_date, d.title) as items
    from pg_temp.fresh f
    join pg_temp.due_now d on d.learner = f.recipient and d.item_key = f.item_key
    join auth.users u on u.id = f.recipient
    group by f.recipient, u.email
  loop
    insert into private.mail_outbox (kind, recipient, payload)
    values ('reminder', person.email, jsonb_build_object('audience', 'learner', 'today', today, 'items', person.items));
    digests := digests + 1;
  end loop;

  for person in
    select f.recipient, u.email,
      jsonb_agg(jsonb_build_object('learner', coalesce(m.display_name, 'A learner'), 'kind', o.item_kind, 'id', o.item_id,
        'title', o.title, 'due_date', o.due_date, 'overdue', true) order by m.display_name, o.due_date, o.title) as items
    from pg_temp.fresh f
    join pg_temp.overdue o on o.supervisor = f.recipient and o.item_key = f.item_key
    join auth.users u on u.id = f.recipient
    left join lateral (select mm.display_name from public.memberships mm where mm.user_id = o.learner and mm.status = 'active' limit 1) m on true
    group by f.recipient, u.email
  loop
    insert into private.mail_outbox (kind, recipient, payload)
    values ('reminder', person.email, jsonb_build_object('audience', 'supervisor', 'today', today, 'items', person.items));
    digests := digests + 1;
  end loop;
  return digests;
end
$$;
create or replace function public.queue_reminders()
returns integer language sql security invoker set search_path = ''
as $$ select private.queue_reminders() $$;
revoke all on function private.queue_reminders(), public.queue_reminders() from public, anon, authenticated;
grant execute on function private.queue_reminders(), public.queue_reminders() to service_role;
