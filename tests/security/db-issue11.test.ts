import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attackChangesNothing,
  IDS,
  startAttackStack,
  type AttackStack,
} from './support/attack-stack';

// Issue 11's database attacks, each made exactly as reported, through supabase-js and raw
// HTTP against a fresh stack: each must be refused with its exact answer and change nothing.

let stage: AttackStack;

beforeAll(async () => {
  stage = await startAttackStack();
}, 240_000);

afterAll(async () => {
  await stage?.stop();
});

const learner = () => stage.personas.learner.client;
const PERMISSION_DENIED = (table: string) => ({
  code: '42501',
  details: null,
  hint: null,
  message: `permission denied for table ${table}`,
});
const RLS_REFUSED = (table: string) => ({
  code: '42501',
  details: null,
  hint: null,
  message: `new row violates row-level security policy for table "${table}"`,
});

/** The learner makes an agency of her own (and so becomes its admin). */
async function agencyOfHerOwn(name: string): Promise<string> {
  const { data, error } = await learner()
    .from('organisations')
    .insert({ name, created_by: IDS.learner })
    .select('id')
    .single<{ id: string }>();
  expect(error).toBeNull();
  return data!.id;
}

describe('issue 11, database attacks', () => {
  it('1: a learner cannot become supervisor of another cohort through her own invitation', async () => {
    const agency = await agencyOfHerOwn('Mallory Care');
    const invitation = await learner()
      .from('invitations')
      .insert({ organisation_id: agency, role: 'supervisor' })
      .select('id, code')
      .single<{ id: string; code: string }>();
    expect(invitation.error).toBeNull();

    const moved = await attackChangesNothing(stage, () =>
      learner()
        .from('invitations')
        .update({ cohort_id: IDS.southCohort })
        .eq('id', invitation.data!.id),
    );
    expect(moved.status).toBe(403);
    expect(moved.error).toEqual(PERMISSION_DENIED('invitations'));

    const joined = await learner().rpc('join_organisation', {
      invitation_code: invitation.data!.code,
      display_name: 'Mallory',
    });
    expect(joined.error).toBeNull();
    expect(
      await stage.sql(
        `select 1 from public.cohort_members where cohort_id = $1 and user_id = $2 and role = 'supervisor'`,
        [IDS.southCohort, IDS.learner],
      ),
    ).toEqual([]);
    const theirs = await learner()
      .from('activity_events')
      .select('id')
      .eq('user_id', IDS.otherLearner);
    expect(theirs).toMatchObject({ error: null, data: [] });
  });

  it('2: a membership cannot be grafted onto another agency and another learner', async () => {
    const x = await agencyOfHerOwn('Agency X');
    const y = await agencyOfHerOwn('Agency Y');
    const graft = await attackChangesNothing(stage, () =>
      stage.http(
        'learner',
        'PATCH',
        `/rest/v1/memberships?organisation_id=eq.${y}&user_id=eq.${IDS.learner}`,
        { organisation_id: x, user_id: IDS.northLearner, role: 'learner' },
        { prefer: 'return=representation' },
      ),
    );
    expect(graft).toEqual({ status: 403, body: PERMISSION_DENIED('memberships') });
    for (const table of ['activity_events', 'skill_stats', 'skill_totals', 'evidence']) {
      const read = await learner().from(table).select('*').eq('user_id', IDS.northLearner);
      expect(read, table).toMatchObject({ error: null, data: [] });
    }
  });

  it('3: nobody but the learner’s supervisors and admins can observe them, and a deleted observation leaves no trace', async () => {
    const observation = {
      user_id: IDS.northLearnerOnlyHere,
      kind: 'observation',
      occurred_at: new Date().toISOString(),
      skill_id: 'empathy',
      score: 0,
      weight: 5,
      note: 'Forged',
      observed_by: IDS.learner,
    };
    const forged = await attackChangesNothing(stage, () =>
      learner()
        .from('activity_events')
        .insert({ id: crypto.randomUUID(), ...observation }),
    );
    expect(forged.status).toBe(403);
    expect(forged.error).toEqual(RLS_REFUSED('activity_events'));
    for (const persona of ['otherSupervisor', 'otherAdmin', 'otherLearner'] as const) {
      const refused = await attackChangesNothing(stage, () =>
        stage.personas[persona].client.from('activity_events').insert({
          id: crypto.randomUUID(),
          ...observation,
          observed_by: stage.personas[persona].userId,
        }),
      );
      expect(refused.error, persona).toEqual(RLS_REFUSED('activity_events'));
    }

    // Statistics are additive; removing an observation must still undo it.
    // Decayed to one fixed time, so the epoch the sums are kept against does not matter.
    const totals = async () =>
      (await stage.sql(
        `select skill_id, events,
                a_plus * power(2, -(private.epoch_days('2027-01-01') - t0) / 180) as s_plus,
                a_minus * power(2, -(private.epoch_days('2027-01-01') - t0) / 180) as s_minus, sw
         from public.skill_stats where user_id = $1 order by skill_id`,
        [IDS.northLearnerOnlyHere],
      )) as { skill_id: string; events: number; s_plus: number; s_minus: number; sw: number }[];
    const before = await totals();
    const id = crypto.randomUUID();
    const real = await stage.personas.supervisor.client
      .from('activity_events')
      .insert({ id, ...observation, observed_by: IDS.supervisor, note: 'Home visit' });
    expect(real.error).toBeNull();
    expect(await totals()).not.toEqual(before);
    const removed = await stage.service.from('activity_events').delete().eq('id', id);
    expect(removed.error).toBeNull();
    const after = await totals();
    expect(after.map((row) => [row.skill_id, row.events])).toEqual(
      before.map((row) => [row.skill_id, row.events]),
    );
    after.forEach((row, index) => {
      for (const key of ['s_plus', 's_minus', 'sw'] as const)
        expect(
          Math.abs(row[key] - before[index]![key]) / Math.max(1, Math.abs(before[index]![key])),
          `${row.skill_id} ${key}`,
        ).toBeLessThan(1e-9);
    });
  });

  it('4: an assignment cannot be pointed at another agency’s programme to read it', async () => {
    const agency = await agencyOfHerOwn('Agency Z');
    const cohort = await learner()
      .from('cohorts')
      .insert({ organisation_id: agency, name: 'Z team' })
      .select('id')
      .single<{ id: string }>();
    const programme = await learner().rpc('create_programme', {
      organisation_id: agency,
      name: 'Z basics',
      description: '',
      items: [],
    });
    expect(programme.error).toBeNull();
    expect(
      (
        await learner()
          .from('cohort_programmes')
          .insert({ cohort_id: cohort.data!.id, programme_id: programme.data })
      ).error,
    ).toBeNull();

    const pointed = await attackChangesNothing(stage, () =>
      stage.http(
        'learner',
        'PATCH',
        `/rest/v1/cohort_programmes?cohort_id=eq.${cohort.data!.id}&programme_id=eq.${String(programme.data)}`,
        { programme_id: IDS.secondProgramme },
      ),
    );
    expect(pointed).toEqual({
      status: 403,
      body: {
        code: '42501',
        details: null,
        hint: null,
        message:
          'The programme_id of a row in cohort_programmes cannot change: rows never move to another agency, cohort, programme or person.',
      },
    });
    const upserted = await attackChangesNothing(stage, () =>
      learner()
        .from('cohort_programmes')
        .upsert({ cohort_id: cohort.data!.id, programme_id: IDS.secondProgramme }),
    );
    expect(upserted.error).toEqual(RLS_REFUSED('cohort_programmes'));
    for (const [table, column] of [
      ['programmes', 'id'],
      ['programme_items', 'programme_id'],
    ] as const) {
      const read = await learner().from(table).select('*').eq(column, IDS.secondProgramme);
      expect(read, table).toMatchObject({ error: null, data: [] });
    }
  });

  it('5: a check answer at -infinity is refused and no statistic becomes non-finite', async () => {
    const event = {
      id: crypto.randomUUID(),
      kind: 'check',
      occurred_at: '-infinity',
      lesson_id: 'communication/active-listening-oars',
      item_id: (
        await stage.sql(
          `select item_id from public.catalog_check_items where lesson_id = 'communication/active-listening-oars' order by item_id limit 1`,
        )
      )[0]!.item_id,
      option_id: 'a',
    };
    const synced = await attackChangesNothing(stage, () =>
      learner().rpc('record_activity', { events: [event] }),
    );
    expect(synced.data).toEqual([
      {
        id: event.id,
        status: 'refused',
        code: 'bad_time',
        error:
          "The time -infinity is outside what can be recorded (from 2020-01-01 to five minutes from now): check the device's clock.",
      },
    ]);
    const direct = await attackChangesNothing(stage, () =>
      stage.http('learner', 'POST', '/rest/v1/activity_events', event),
    );
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ code: '22008', details: '{"code": "bad_time"}' });
    const totals = await stage.personas.supervisor.client
      .from('skill_totals')
      .select('s_plus, s_minus, sw, swt, swy, swtt, swty, swyy');
    expect(totals.error).toBeNull();
    expect(totals.data!.length).toBeGreaterThan(0);
    const values: unknown[] = totals.data!.flatMap((row: Record<string, unknown>) =>
      Object.values(row),
    );
    expect(values.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
  });

  it('6: a forged completion is refused and counts nowhere', async () => {
    const scenario = (
      await stage.sql(
        `select s.scenario_id, s.version, s.start_node, e.node_id as ending, t.choice_id
         from public.catalog_scenarios s
         join public.catalog_endings e on e.scenario_id = s.scenario_id and e.version = s.version
         join public.catalog_transitions t on t.scenario_id = s.scenario_id and t.version = s.version
           and t.from_node = s.start_node and t.from_state = s.start_state
         where s.is_current order by s.scenario_id, e.node_id, t.choice_id limit 1`,
      )
    )[0] as {
      scenario_id: string;
      version: string;
      start_node: string;
      ending: string;
      choice_id: string;
    };
    const completion = (attempt: string, seq?: number) => ({
      id: crypto.randomUUID(),
      kind: 'completion',
      occurred_at: new Date().toISOString(),
      attempt_id: attempt,
      scenario_id: scenario.scenario_id,
      scenario_version: scenario.version,
      ending_id: scenario.ending,
      mode: 'assessment',
      ...(seq ? { seq } : {}),
    });
    const count = async () =>
      (
        await stage.service
          .from('learner_completions')
          .select('item_id', { count: 'exact', head: true })
          .eq('user_id', IDS.learner)
          .eq('item_kind', 'scenario')
      ).count;
    const before = await count();

    const fresh = completion(crypto.randomUUID());
    const forged = await attackChangesNothing(stage, () =>
      learner().rpc('record_activity', { events: [fresh] }),
    );
    expect(forged.data).toEqual([
      {
        id: fresh.id,
        status: 'refused',
        code: 'not_at_ending',
        error: `Attempt ${fresh.attempt_id} has not reached the ending "${scenario.ending}": a completion is recorded only after the decisions that lead there.`,
      },
    ]);

    const attempt = crypto.randomUUID();
    const firstChoice = {
      id: crypto.randomUUID(),
      kind: 'choice',
      occurred_at: new Date().toISOString(),
      attempt_id: attempt,
      scenario_id: scenario.scenario_id,
      scenario_version: scenario.version,
      node_id: scenario.start_node,
      choice_id: scenario.choice_id,
      mode: 'assessment',
      seq: 1,
    };
    expect((await learner().rpc('record_activity', { events: [firstChoice] })).data).toEqual([
      { id: firstChoice.id, status: 'accepted' },
    ]);
    const early = completion(attempt, 2);
    const afterOne = await attackChangesNothing(stage, () =>
      learner().rpc('record_activity', { events: [early] }),
    );
    expect(afterOne.data).toMatchObject([
      { id: early.id, status: 'refused', code: 'not_at_ending' },
    ]);
    expect(await count()).toBe(before);
  });

  it('7: a near-1 MB string in a field the kind does not use is refused, and so is a 50 MB node id', async () => {
    const event = {
      id: crypto.randomUUID(),
      kind: 'check',
      occurred_at: new Date().toISOString(),
      lesson_id: 'communication/active-listening-oars',
      item_id: 'x',
      option_id: 'a',
      node_id: 'x'.repeat(999_000),
    };
    const oversized = await attackChangesNothing(stage, () =>
      stage.http('learner', 'POST', '/rest/v1/rpc/record_activity', { events: [event] }),
    );
    expect(oversized).toEqual({
      status: 200,
      body: [
        {
          id: event.id,
          status: 'refused',
          code: 'too_large',
          error: expect.stringMatching(
            /^An event may be at most 4 KB; this one is \d+ bytes\.$/,
          ) as string,
        },
      ],
    });
    const direct = await attackChangesNothing(stage, () =>
      stage.http('learner', 'POST', '/rest/v1/activity_events', event),
    );
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({
      code: '22001',
      message: 'Too long: node_id (ids at most 100 characters, a note at most 2,000).',
    });
    // The 50 MB event of the report, made inside the database (past any gateway limit), as
    // the learner through the same function PostgREST calls.
    const [fifty] = await attackChangesNothing(stage, () =>
      stage.sql(
        `with actor as (
           select set_config('role', 'authenticated', true) as role,
                  set_config('request.jwt.claims', '{"sub": "${IDS.learner}", "role": "authenticated"}', true) as claims)
         select (public.record_activity(jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'kind', 'choice',
           'occurred_at', now(), 'attempt_id', gen_random_uuid(), 'scenario_id', 'williams-eviction', 'scenario_version', 'v',
           'node_id', repeat('n', 50 * 1024 * 1024), 'choice_id', 'c', 'mode', 'assessment'))) -> 0) - 'id' - 'error' as outcome
         from actor`,
      ),
    );
    expect(fifty).toEqual({ outcome: { status: 'refused', code: 'too_large' } });
  });
});

describe('issue 11, database problems also seen', () => {
  it('an unknown invitation code is a 400 with a sentence, not a 500', async () => {
    const answer = await attackChangesNothing(stage, () =>
      stage.http('learner', 'POST', '/rest/v1/rpc/join_organisation', {
        invitation_code: 'NOSUCHCODE',
        display_name: 'Amara',
      }),
    );
    expect(answer).toEqual({
      status: 400,
      body: {
        code: '22023',
        details: null,
        hint: null,
        message: 'That invitation code does not exist. Check it with your agency admin.',
      },
    });
  });

  it('an admin’s programme insert that asks for the row back gets it', async () => {
    const { data, error, status } = await stage.personas.admin.client
      .from('programmes')
      .insert({ organisation_id: IDS.demoAgency, name: 'Asked back', description: '' })
      .select('id, name')
      .single<{ id: string; name: string }>();
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data?.name).toBe('Asked back');
  });
});
