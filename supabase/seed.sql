-- DEMO DATA — a fictional agency for trying Casecraft locally. Every name here is invented.
-- Applied once, on a new local database, after the migrations and the catalogue. The demo
-- activity history (simulated learners playing the real scenarios) is added afterwards by
-- supabase/local/demo-activity.ts, because it must match the current content versions.
-- Every demo account's password is: casecraft-demo

-- One bcrypt hash for the one shared demo password (each costs ~70 ms on PGlite; fifteen were
-- a second of every fresh start).
insert into auth.users (id, email, encrypted_password, raw_user_meta_data)
select account.id::uuid, account.email, demo.hash, jsonb_build_object('display_name', account.display_name)
from (select extensions.crypt('casecraft-demo', extensions.gen_salt('bf', 10)) as hash) demo
cross join (values
  ('00000000-0000-4000-a000-000000000001', 'admin@demo.casecraft.local', 'Dana Reyes (demo admin)'),
  ('00000000-0000-4000-a000-000000000002', 'supervisor.north@demo.casecraft.local', 'Morgan Ellery (demo supervisor)'),
  ('00000000-0000-4000-a000-000000000003', 'supervisor.south@demo.casecraft.local', 'Priya Natarajan (demo supervisor)'),
  ('00000000-0000-4000-a000-000000000101', 'amara@demo.casecraft.local', 'Amara Okoye (demo)'),
  ('00000000-0000-4000-a000-000000000102', 'ben@demo.casecraft.local', 'Ben Whitfield (demo)'),
  ('00000000-0000-4000-a000-000000000103', 'carmen@demo.casecraft.local', 'Carmen Ruiz (demo)'),
  ('00000000-0000-4000-a000-000000000104', 'daniel@demo.casecraft.local', 'Daniel Cho (demo)'),
  ('00000000-0000-4000-a000-000000000105', 'esther@demo.casecraft.local', 'Esther Mensah (demo)'),
  ('00000000-0000-4000-a000-000000000106', 'farid@demo.casecraft.local', 'Farid Haddad (demo)'),
  ('00000000-0000-4000-a000-000000000107', 'grace@demo.casecraft.local', 'Grace Liu (demo)'),
  ('00000000-0000-4000-a000-000000000108', 'hannah@demo.casecraft.local', 'Hannah Kowalski (demo)'),
  ('00000000-0000-4000-a000-000000000109', 'isaac@demo.casecraft.local', 'Isaac Thompson (demo)'),
  ('00000000-0000-4000-a000-000000000110', 'jasmine@demo.casecraft.local', 'Jasmine Patel (demo)'),
  ('00000000-0000-4000-a000-000000000111', 'kofi@demo.casecraft.local', 'Kofi Asante (demo)'),
  ('00000000-0000-4000-a000-000000000112', 'lena@demo.casecraft.local', 'Lena Fischer (demo)')
) as account (id, email, display_name)
on conflict do nothing;

insert into public.organisations (id, name, is_demo) values
  ('00000000-0000-4000-b000-000000000001', 'Riverbend Community Care (demo agency)', true)
on conflict do nothing;

insert into public.memberships (organisation_id, user_id, role, display_name) values
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000001', 'admin', 'Dana Reyes'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000002', 'supervisor', 'Morgan Ellery'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000003', 'supervisor', 'Priya Natarajan'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000101', 'learner', 'Amara Okoye'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000102', 'learner', 'Ben Whitfield'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000103', 'learner', 'Carmen Ruiz'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000104', 'learner', 'Daniel Cho'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000105', 'learner', 'Esther Mensah'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000106', 'learner', 'Farid Haddad'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000107', 'learner', 'Grace Liu'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000108', 'learner', 'Hannah Kowalski'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000109', 'learner', 'Isaac Thompson'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000110', 'learner', 'Jasmine Patel'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000111', 'learner', 'Kofi Asante'),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000112', 'learner', 'Lena Fischer')
on conflict do nothing;

insert into public.cohorts (id, organisation_id, name) values
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-b000-000000000001', 'North team — spring onboarding'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-b000-000000000001', 'South team — behavioural health')
on conflict do nothing;

insert into public.cohort_members (cohort_id, user_id, role) values
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000002', 'supervisor'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000003', 'supervisor'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000101', 'learner'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000102', 'learner'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000103', 'learner'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000104', 'learner'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000105', 'learner'),
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-a000-000000000106', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000107', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000108', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000109', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000110', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000111', 'learner'),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-a000-000000000112', 'learner')
on conflict do nothing;

insert into public.programmes (id, organisation_id, name, description) values
  ('00000000-0000-4000-d000-000000000001', '00000000-0000-4000-b000-000000000001', 'New case manager essentials',
   'The foundations, listening, confidentiality and a first assessed scenario in each setting you will work in.')
on conflict do nothing;

insert into public.programme_items (programme_id, position, item_kind, item_id) values
  ('00000000-0000-4000-d000-000000000001', 1, 'lesson', 'foundations/case-manager-role'),
  ('00000000-0000-4000-d000-000000000001', 2, 'lesson', 'communication/active-listening-oars'),
  ('00000000-0000-4000-d000-000000000001', 3, 'lesson', 'ethics/confidentiality-and-its-limits'),
  ('00000000-0000-4000-d000-000000000001', 4, 'scenario', 'williams-eviction'),
  ('00000000-0000-4000-d000-000000000001', 5, 'lesson', 'conflict-resolution/de-escalation'),
  ('00000000-0000-4000-d000-000000000001', 6, 'scenario', 'okafor-discharge')
on conflict do nothing;

insert into public.cohort_programmes (cohort_id, programme_id, due_date) values
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-d000-000000000001', current_date + 21),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-d000-000000000001', current_date - 3)
on conflict do nothing;

-- Targets: 70% across the agency; the behavioural-health team aims higher on ethics and empathy.
insert into public.skill_targets (organisation_id, cohort_id, skill_id, target)
select '00000000-0000-4000-b000-000000000001', null, s.id, 0.70 from public.catalog_skills s where s.kind = 'skill'
on conflict do nothing;
insert into public.skill_targets (organisation_id, cohort_id, skill_id, target) values
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-c000-000000000002', 'ethics', 0.80),
  ('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-c000-000000000002', 'empathy', 0.75)
on conflict do nothing;
