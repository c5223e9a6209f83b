-- Issue 11's database attacks, each as it was made, and each layer that stops it on its own
-- (column grants, the keep-scope trigger, the policy's with check). Forged completions are in
-- 004_sync_contract.sql; every column's scope in 005_scope_never_moves.sql.
select plan(58);

-- Agency B's programme, the target of attack 4.
insert into public.programmes (id, organisation_id, name, description) values ('40000000-0000-4000-8000-00000000000b', tests.id('org_b'), 'B secrets', 'Not for others');
insert into public.programme_items (programme_id, position, item_kind, item_id) values ('40000000-0000-4000-8000-00000000000b', 1, 'lesson', 'test/lesson');

-- The attacker: the learner, who makes two agencies of her own (X and Y) and so is their admin.
select tests.act_as('learner');
insert into public.organisations (id, name, created_by) values
  ('20000000-0000-4000-8000-0000000000f1', 'Agency X', auth.uid()),
  ('20000000-0000-4000-8000-0000000000f2', 'Agency Y', auth.uid());
select is((select count(*)::integer from memberships where user_id = auth.uid() and role = 'admin'), 2, 'a learner who creates agencies is their admin');

-- 1. A learner becomes supervisor of any cohort: a supervisor invitation of X, its cohort
--    moved to agency A's cohort, redeemed.
insert into public.invitations (id, organisation_id, code, role) values ('50000000-0000-4000-8000-0000000000f1', '20000000-0000-4000-8000-0000000000f1', 'ATTACK0001', 'supervisor');
select throws_ok($$update invitations set cohort_id = tests.id('cohort_a1') where id = '50000000-0000-4000-8000-0000000000f1'$$,
  '42501', null, '1: an invitation''s cohort cannot be moved to another agency''s cohort');
select lives_ok($$select join_organisation('ATTACK0001', 'Mallory')$$, '1: the untouched invitation still works');
select is((select count(*)::integer from cohort_members where cohort_id = tests.id('cohort_a1') and user_id = auth.uid() and role = 'supervisor'), 0,
  '1: and places nobody in agency A''s cohort');
select throws_ok($$insert into invitations (organisation_id, code, role, cohort_id) values ('20000000-0000-4000-8000-0000000000f1', 'ATTACK0002', 'supervisor', tests.id('cohort_a1'))$$,
  '42501', null, '1: nor can such an invitation be made directly');
-- Each layer holds alone: with the column granted and the trigger off, the policy refuses.
reset role;
grant update (cohort_id) on public.invitations to authenticated;
alter table public.invitations disable trigger invitations_keep_scope;
insert into public.invitations (id, organisation_id, code, role) values ('50000000-0000-4000-8000-0000000000f3', '20000000-0000-4000-8000-0000000000f2', 'ATTACK0003', 'supervisor');
select tests.act_as('learner');
select throws_ok($$update invitations set cohort_id = tests.id('cohort_a1') where id = '50000000-0000-4000-8000-0000000000f3'$$,
  '42501', 'new row violates row-level security policy for table "invitations"', '1: the update policy checks the cohort like the insert policy');
reset role;
revoke update (cohort_id) on public.invitations from authenticated;
alter table public.invitations enable trigger invitations_keep_scope;
-- An invitation that slipped through before this fix (made by the owner here).
insert into public.invitations (organisation_id, code, role, cohort_id) values ('20000000-0000-4000-8000-0000000000f1', 'ATTACK0004', 'supervisor', tests.id('cohort_a1'));
select tests.act_as('other_learner');
select throws_ok($$select join_organisation('ATTACK0004', 'Mallory')$$, '22023', 'That invitation is not valid. Ask your agency admin for a new one.',
  '1: an invitation whose cohort is another agency''s is refused when redeemed');
select is((select count(*)::integer from cohort_members where cohort_id = tests.id('cohort_a1') and user_id = auth.uid() and role = 'supervisor'), 0,
  '1: and grants nothing');

-- 2. Membership graft: her membership row in Y rewritten into X, as another learner.
select tests.act_as('learner');
select throws_ok($$update memberships set organisation_id = '20000000-0000-4000-8000-0000000000f1', user_id = tests.id('other_learner'), role = 'learner'
  where organisation_id = '20000000-0000-4000-8000-0000000000f2' and user_id = auth.uid()$$,
  '42501', 'permission denied for table memberships', '2: a membership cannot be moved to another agency or person');
-- The trigger holds on its own, with the columns granted.
reset role;
grant update (organisation_id, user_id) on public.memberships to authenticated;
select tests.act_as('learner');
select throws_ok($$update memberships set user_id = tests.id('other_learner') where organisation_id = '20000000-0000-4000-8000-0000000000f2' and user_id = auth.uid()$$,
  '42501', 'The user_id of a row in memberships cannot change: rows never move to another agency, cohort, programme or person.',
  '2: the trigger refuses the graft on its own');
reset role;
revoke update (organisation_id, user_id) on public.memberships from authenticated;
select tests.act_as('learner');
select is((select count(*)::integer from activity_events where user_id = tests.id('other_learner')), 0, '2: she reads none of the other learner''s events');
select is((select count(*)::integer from skill_stats where user_id = tests.id('other_learner')), 0, '2: nor their statistics');

-- 3. Tampering with another learner's profile: observations only from their supervisors and
--    their agency's admins; refused observations change no statistics.
create temporary table stats_before on commit drop as select * from public.skill_stats;
grant select on stats_before to authenticated;
select throws_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, note, observed_by)
  values (gen_random_uuid(), tests.id('other_learner'), 'observation', now(), 'test-skill', 0, 5, 'Forged', auth.uid())$$,
  '42501', null, '3: a learner cannot observe another learner');
select tests.act_as('supervisor');
select throws_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
  values (gen_random_uuid(), tests.id('other_learner'), 'observation', now(), 'test-skill', 0, 5, auth.uid())$$,
  '42501', null, '3: a supervisor cannot observe a learner of another cohort');
select tests.act_as('other_admin');
select throws_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
  values (gen_random_uuid(), tests.id('learner'), 'observation', now(), 'test-skill', 0, 5, auth.uid())$$,
  '42501', null, '3: an admin of another agency cannot observe the learner');
select tests.act_as('admin');
select lives_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
  values (gen_random_uuid(), tests.id('other_learner'), 'observation', now(), 'test-skill', 0.7, 1, auth.uid())$$,
  '3: the learner''s agency admin may observe them');
select tests.act_as('supervisor');
select lives_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
  values (gen_random_uuid(), tests.id('learner'), 'observation', now(), 'test-skill', 0.7, 1, auth.uid())$$,
  '3: the supervisor of the learner''s cohort may observe them');
reset role;
update public.memberships set status = 'removed' where organisation_id = tests.id('org_a') and user_id = tests.id('other_learner');
select tests.act_as('admin');
select throws_ok($$insert into activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
  values (gen_random_uuid(), tests.id('other_learner'), 'observation', now(), 'test-skill', 0.7, 1, auth.uid())$$,
  '42501', null, '3: nobody observes a member who has left the agency (their records stay readable)');
select is((select count(*)::integer from activity_events where user_id = tests.id('other_learner')), 1, '3: the admin still reads the removed member''s records');
reset role;
select is((select count(*)::integer from public.skill_stats s join stats_before b using (user_id, skill_id)
  where (s.a_plus, s.a_minus, s.events) is distinct from (b.a_plus, b.a_minus, b.events) and s.user_id <> tests.id('learner')
    and s.user_id <> tests.id('other_learner')), 0, '3: refused observations changed nobody''s statistics');

-- Deleting an observation (the service role cleaning up) takes its effect with it.
create temporary table learner_before on commit drop as select * from public.skill_stats where user_id = tests.id('learner');
insert into public.activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, observed_by)
values ('60000000-0000-4000-8000-0000000000f1', tests.id('learner'), 'observation', now(), 'test-skill', 0, 5, tests.id('supervisor'));
select isnt((select a_minus from public.skill_stats where user_id = tests.id('learner') and skill_id = 'test-skill'),
  (select a_minus from learner_before where skill_id = 'test-skill'), '3: an observation changes the learner''s statistics');
delete from public.activity_events where id = '60000000-0000-4000-8000-0000000000f1';
select is((select count(*)::integer from public.skill_stats s join learner_before b using (user_id, skill_id)
  where s.events = b.events and abs(s.a_plus * power(2, -(private.epoch_days(now()) - s.t0) / 180) - b.a_plus * power(2, -(private.epoch_days(now()) - b.t0) / 180)) < 1e-9
    and abs(s.a_minus * power(2, -(private.epoch_days(now()) - s.t0) / 180) - b.a_minus * power(2, -(private.epoch_days(now()) - b.t0) / 180)) < 1e-9
    and abs(s.sw - b.sw) + abs(s.swt - b.swt) + abs(s.swy - b.swy) + abs(s.swtt - b.swtt) + abs(s.swty - b.swty) + abs(s.swyy - b.swyy) < 1e-6),
  (select count(*)::integer from learner_before), '3: deleting it restores the statistics to what they were');

-- 4. Reading another agency's programme: her cohort_programmes row (in Y, which she still
--    administers: redeeming the invitation made her a supervisor of X) pointed at agency B's.
select tests.act_as('learner');
insert into public.cohorts (id, organisation_id, name) values ('30000000-0000-4000-8000-0000000000f1', '20000000-0000-4000-8000-0000000000f2', 'Y team');
insert into public.programmes (id, organisation_id, name) values ('40000000-0000-4000-8000-0000000000f1', '20000000-0000-4000-8000-0000000000f2', 'Y basics');
insert into public.cohort_programmes (cohort_id, programme_id) values ('30000000-0000-4000-8000-0000000000f1', '40000000-0000-4000-8000-0000000000f1');
insert into public.cohort_members (cohort_id, user_id, role) values ('30000000-0000-4000-8000-0000000000f1', auth.uid(), 'learner');
select throws_ok($$update cohort_programmes set programme_id = '40000000-0000-4000-8000-00000000000b' where cohort_id = '30000000-0000-4000-8000-0000000000f1'$$,
  '42501', null, '4: an assignment cannot be pointed at another agency''s programme');
select throws_ok($$insert into cohort_programmes (cohort_id, programme_id) values ('30000000-0000-4000-8000-0000000000f1', '40000000-0000-4000-8000-00000000000b')
  on conflict (cohort_id, programme_id) do update set due_date = excluded.due_date$$,
  '42501', null, '4: nor assigned to her cohort by an upsert');
reset role;
alter table public.cohort_programmes disable trigger cohort_programmes_keep_scope;
select tests.act_as('learner');
select throws_ok($$update cohort_programmes set programme_id = '40000000-0000-4000-8000-00000000000b' where cohort_id = '30000000-0000-4000-8000-0000000000f1'$$,
  '42501', 'new row violates row-level security policy for table "cohort_programmes"', '4: the update policy checks the programme''s agency like the insert policy');
reset role;
alter table public.cohort_programmes enable trigger cohort_programmes_keep_scope;
select tests.act_as('learner');
select is((select count(*)::integer from programmes where id = '40000000-0000-4000-8000-00000000000b'), 0, '4: she cannot read agency B''s programme');
select is((select count(*)::integer from programme_items where programme_id = '40000000-0000-4000-8000-00000000000b'), 0, '4: nor its items');
select lives_ok($$insert into cohort_programmes (cohort_id, programme_id, due_date) values ('30000000-0000-4000-8000-0000000000f1', '40000000-0000-4000-8000-0000000000f1', current_date + 7)
  on conflict (cohort_id, programme_id) do update set cohort_id = excluded.cohort_id, programme_id = excluded.programme_id, due_date = excluded.due_date$$,
  '4: an upsert that keeps the keys still changes the due date (as PostgREST writes it)');

-- 5. Poisoned statistics: non-finite times and values never reach them.
select is((public.record_activity(jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'kind', 'check', 'occurred_at', '-infinity',
  'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'b')))) -> 0 ->> 'code', 'bad_time', '5: a check answer at -infinity is refused');
reset role;
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'x', null, 'NaN', 1, now())$$, '22003', null, '5: add_evidence refuses a NaN weight');
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'x', null, 1, 'infinity', now())$$, '22003', null, '5: add_evidence refuses an infinite score');
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'x', null, 1, 1, '-infinity')$$, '22003', null, '5: add_evidence refuses an infinite time');
select throws_ok($$select private.add_evidence(tests.id('learner'), 'test-skill', 'x', 'infinity', 1, 1, now())$$, '22003', null, '5: add_evidence refuses an infinite cap');
select throws_ok($$update skill_stats set a_plus = 'NaN' where user_id = tests.id('learner')$$, '23514', null, '5: statistics cannot hold NaN');
select is((select count(*)::integer from skill_stats where not (abs(a_plus) + abs(a_minus) + abs(sw) + abs(swt) + abs(swy) + abs(swtt) + abs(swty) + abs(swyy) + abs(t0) < 'infinity')),
  0, '5: every statistic is finite');

-- 7. Size limits: per field, whoever writes, with the validating trigger off too.
select tests.act_as('learner');
select is((public.record_activity(jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'kind', 'check', 'occurred_at', now(),
  'lesson_id', 'test/lesson', 'item_id', 'q1', 'option_id', 'b', 'node_id', repeat('x', 1000000))))) -> 0 ->> 'code', 'too_large',
  '7: a 1 MB string in a field the kind does not use is refused');
reset role;
alter table public.activity_events disable trigger activity_events_validate;
select throws_ok($$insert into activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id, node_id)
  values (gen_random_uuid(), tests.id('learner'), 'check', now(), 'test/lesson', 'q1', 'b', repeat('x', 1000000))$$,
  '23514', null, '7: the table itself refuses a 1 MB id');
alter table public.activity_events enable trigger activity_events_validate;
select tests.act_as('admin');
select throws_ok($$update organisations set name = 'ab' || repeat(' ', 1000000) where id = tests.id('org_a')$$, '23514', null,
  '7: a name cannot hide a megabyte behind trailing spaces');
select throws_ok($$insert into invitations (organisation_id, code, role) values (tests.id('org_a'), repeat('A', 1000000), 'learner')$$, '23514', null,
  '7: an invitation code has a size');
select throws_ok($$update programmes set description = repeat('d', 2001) where id = tests.id('programme')$$, '23514', null,
  '7: a programme description has at most 2,000 characters');
select throws_ok($$insert into cohorts (organisation_id, name, created_at) values (tests.id('org_a'), 'Backdated', '-infinity')$$, '23514', null,
  '7: a time must be finite');
select throws_ok($$insert into invitations (organisation_id, role, expires_at) values (tests.id('org_a'), 'learner', 'infinity')$$, '23514', null,
  '7: an invitation expires within a year');
select throws_ok($$update cohort_programmes set due_date = 'infinity' where programme_id = tests.id('programme')$$, '23514', null,
  '7: a due date is a real date');

-- Also seen: an admin's programme insert that asks for the row back; an atomic create_programme.
with inserted as (insert into programmes (organisation_id, name) values (tests.id('org_a'), 'Asked back') returning id)
select isnt((select id from inserted), null, 'an admin''s insert … returning sees the new programme');
select lives_ok($$select create_programme(tests.id('org_a'), ' Two items ', 'Both kinds',
  '[{"kind": "lesson", "id": "test/lesson"}, {"kind": "scenario", "id": "test-scenario"}]')$$, 'create_programme makes a programme with its items');
select results_eq($$select i.position, i.item_kind, i.item_id from programme_items i join programmes p on p.id = i.programme_id
  where p.name = 'Two items' order by i.position$$,
  $$values (1, 'lesson', 'test/lesson'), (2, 'scenario', 'test-scenario')$$, 'in the order given, under the trimmed name');
select throws_ok($$select create_programme(tests.id('org_a'), 'Half made', '', '[{"kind": "lesson", "id": "test/lesson"}, {"kind": "lesson", "id": "nope"}]')$$,
  '22023', 'Item 2: there is no published lesson "nope".', 'create_programme refuses an item that is not published');
select is((select count(*)::integer from programmes where name = 'Half made'), 0, 'and leaves nothing half made');
select throws_ok($$select create_programme(tests.id('org_a'), repeat('n', 121), '', '[]')$$, '22023', 'A programme''s name has 2 to 120 characters.',
  'create_programme limits the name');
select throws_ok($$select create_programme(tests.id('org_a'), 'Many', '', (select jsonb_agg(jsonb_build_object('kind', 'lesson', 'id', 'test/lesson')) from generate_series(1, 101)))$$,
  '22023', 'A programme has at most 100 items.', 'create_programme limits the items');
select tests.act_as('other_admin');
select throws_ok($$select create_programme(tests.id('org_a'), 'Foreign', '', '[]')$$, '42501', 'Only an admin of this agency can create its programmes.',
  'create_programme refuses an admin of another agency');

-- Revocations: stamped with the server's time, final.
select tests.act_as('admin');
update invitations set revoked_at = '2000-01-01' where id = tests.id('invitation');
select is((select revoked_at from invitations where id = tests.id('invitation')), now(), 'a revocation carries the server''s time, not the client''s');
select throws_ok($$update invitations set revoked_at = null where id = tests.id('invitation')$$, '22023', null, 'a revocation is final');

-- Scope may only be cleared, as ON DELETE SET NULL does: deleting accounts and cohorts works.
reset role;
select lives_ok($$delete from auth.users where id = tests.id('supervisor')$$, 'a supervisor''s account can be deleted');
select is((select count(*)::integer from activity_events where kind = 'observation' and user_id = tests.id('learner') and observed_by is null), 1,
  'their observations stay, without the observer');
select lives_ok($$delete from cohorts where id = tests.id('cohort_a1')$$, 'a cohort can be deleted');
select is((select cohort_id from invitations where id = tests.id('invitation')), null, 'its invitations no longer place anyone in it');
select throws_ok($$update invitations set cohort_id = tests.id('cohort_a2') where id = tests.id('invitation')$$, '42501', null,
  'but a cleared scope cannot be set again');

select * from finish();
