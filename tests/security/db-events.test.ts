import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attackChangesNothing,
  IDS,
  startAttackStack,
  type AttackStack,
  type PersonaName,
} from './support/attack-stack';

// Every exposed function with foreign ids, and activity events forged, replayed, out of
// sequence and oversized: each refused with its exact answer, nothing changed.

let stage: AttackStack;
/** A scenario's first two decisions, from the published catalogue. */
let play: {
  scenario_id: string;
  version: string;
  first_node: string;
  first_choice: string;
  second_node: string;
  second_choice: string;
};
let check: { lesson_id: string; item_id: string; option_id: string };

beforeAll(async () => {
  stage = await startAttackStack();
  play = (
    (await stage.sql(
      `select s.scenario_id, s.version, t1.from_node as first_node, t1.choice_id as first_choice,
            t2.from_node as second_node, t2.choice_id as second_choice
     from public.catalog_scenarios s
     join public.catalog_transitions t1 on t1.scenario_id = s.scenario_id and t1.version = s.version
       and t1.from_node = s.start_node and t1.from_state = s.start_state
     join public.catalog_transitions t2 on t2.scenario_id = s.scenario_id and t2.version = s.version
       and t2.from_node = t1.to_node and t2.from_state = t1.to_state
     where s.is_current
     order by s.scenario_id, t1.choice_id, t2.choice_id limit 1`,
    )) as (typeof play)[]
  )[0]!;
  check = (
    (await stage.sql(
      `select lesson_id, item_id, option_id from public.catalog_check_options order by lesson_id, item_id, option_id limit 1`,
    )) as (typeof check)[]
  )[0]!;
}, 240_000);

afterAll(async () => {
  await stage?.stop();
});

const now = () => new Date().toISOString();
const choice = (attempt: string, node: string, choiceId: string, seq?: number) => ({
  id: crypto.randomUUID(),
  kind: 'choice',
  occurred_at: now(),
  attempt_id: attempt,
  scenario_id: play.scenario_id,
  scenario_version: play.version,
  node_id: node,
  choice_id: choiceId,
  mode: 'assessment',
  ...(seq === undefined ? {} : { seq }),
});
const answer = (extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  kind: 'check',
  occurred_at: now(),
  ...check,
  ...extra,
});
const record = (persona: PersonaName, events: unknown) =>
  stage.http(persona, 'POST', '/rest/v1/rpc/record_activity', { events });

describe('exposed functions with foreign ids', () => {
  it('record_activity: a decision in another learner’s attempt is refused', async () => {
    const [theirs] = (await stage.sql(
      `select attempt_id, scenario_id, scenario_version, node_id from public.attempt_progress where user_id = $1 order by attempt_id limit 1`,
      [IDS.otherLearner],
    )) as { attempt_id: string; scenario_id: string; scenario_version: string; node_id: string }[];
    const event = {
      ...choice(theirs!.attempt_id, theirs!.node_id, 'anything', 5),
      scenario_id: theirs!.scenario_id,
      scenario_version: theirs!.scenario_version,
    };
    const result = await attackChangesNothing(stage, () => record('learner', [event]));
    expect(result).toEqual({
      status: 200,
      body: [
        {
          id: event.id,
          status: 'refused',
          code: 'forbidden',
          error: `Attempt ${theirs!.attempt_id} belongs to another learner.`,
        },
      ],
    });
  });

  it('record_activity: another learner’s event id is a duplicate that changes and reveals nothing of it', async () => {
    const [theirs] = await stage.sql(
      `select id from public.activity_events where user_id = $1 order by id limit 1`,
      [IDS.otherLearner],
    );
    const result = await attackChangesNothing(stage, () =>
      record('learner', [answer({ id: theirs!.id })]),
    );
    expect(result).toEqual({ status: 200, body: [{ id: theirs!.id, status: 'duplicate' }] });
  });

  it('record_activity: anon cannot call it', async () => {
    const result = await attackChangesNothing(stage, () => record('anon', [answer()]));
    expect(result).toEqual({
      status: 401,
      body: {
        code: '42501',
        details: null,
        hint: null,
        message: 'permission denied for function record_activity',
      },
    });
  });

  it('join_organisation: used, revoked, oversized and foreign-cohort codes are 400s with a sentence', async () => {
    await stage.sql(
      `insert into public.invitations (organisation_id, code, role, revoked_at) values ($1, 'REVOKEDSEC1', 'learner', now())`,
      [IDS.secondAgency],
    );
    const used = await stage.personas.otherLearner.client.rpc('join_organisation', {
      invitation_code: IDS.secondInvitationCode,
      display_name: 'Grace',
    });
    expect(used.error).toBeNull();
    for (const [persona, code, name, message] of [
      [
        'learner',
        IDS.secondInvitationCode,
        'Amara',
        'That invitation has already been used. Each code works once.',
      ],
      [
        'learner',
        'REVOKEDSEC1',
        'Amara',
        'That invitation was revoked. Ask your agency admin for a new one.',
      ],
      [
        'learner',
        'X'.repeat(100_000),
        'Amara',
        'That invitation code does not exist. Check it with your agency admin.',
      ],
      ['learner', 'REVOKEDSEC1', 'A'.repeat(100_000), 'Your name can be at most 120 characters.'],
      ['learner', 'REVOKEDSEC1', '   ', 'Enter the name your colleagues will see.'],
    ] as const) {
      const result = await attackChangesNothing(stage, () =>
        stage.http(persona, 'POST', '/rest/v1/rpc/join_organisation', {
          invitation_code: code,
          display_name: name,
        }),
      );
      expect(result, message).toEqual({
        status: 400,
        body: { code: '22023', details: null, hint: null, message },
      });
    }
  });

  it('create_programme: only for one’s own agency, within limits, all or nothing', async () => {
    const attempts: [PersonaName, Record<string, unknown>, number, string, string][] = [
      [
        'admin',
        { organisation_id: IDS.secondAgency, name: 'Planted', items: [] },
        403,
        '42501',
        'Only an admin of this agency can create its programmes.',
      ],
      [
        'supervisor',
        { organisation_id: IDS.demoAgency, name: 'Mine now', items: [] },
        403,
        '42501',
        'Only an admin of this agency can create its programmes.',
      ],
      [
        'admin',
        { organisation_id: IDS.demoAgency, name: 'N'.repeat(121), items: [] },
        400,
        '22023',
        "A programme's name has 2 to 120 characters.",
      ],
      [
        'admin',
        {
          organisation_id: IDS.demoAgency,
          name: 'Half made',
          items: [
            { kind: 'lesson', id: check.lesson_id },
            { kind: 'lesson', id: 'no/such-lesson' },
          ],
        },
        400,
        '22023',
        'Item 2: there is no published lesson "no/such-lesson".',
      ],
      [
        'admin',
        {
          organisation_id: IDS.demoAgency,
          name: 'Too many',
          items: Array.from({ length: 101 }, () => ({ kind: 'lesson', id: check.lesson_id })),
        },
        400,
        '22023',
        'A programme has at most 100 items.',
      ],
      [
        'admin',
        {
          organisation_id: IDS.demoAgency,
          name: 'Described',
          description: 'd'.repeat(2001),
          items: [],
        },
        400,
        '22023',
        "A programme's description has at most 2,000 characters.",
      ],
    ];
    for (const [persona, body, status, code, message] of attempts) {
      const result = await attackChangesNothing(stage, () =>
        stage.http(persona, 'POST', '/rest/v1/rpc/create_programme', body),
      );
      expect(result, message).toEqual({
        status,
        body: { code, details: null, hint: null, message },
      });
    }
    const made = await stage.personas.admin.client.rpc('create_programme', {
      organisation_id: IDS.demoAgency,
      name: 'Made at once',
      description: 'Two items',
      items: [
        { kind: 'lesson', id: check.lesson_id },
        { kind: 'scenario', id: play.scenario_id },
      ],
    });
    expect(made.error).toBeNull();
    const items = await stage.personas.admin.client
      .from('programme_items')
      .select('position, item_kind, item_id')
      .eq('programme_id', made.data as string)
      .order('position');
    expect(items.data).toEqual([
      { position: 1, item_kind: 'lesson', item_id: check.lesson_id },
      { position: 2, item_kind: 'scenario', item_id: play.scenario_id },
    ]);
  });

  it('the private helpers are not reachable through the API', async () => {
    for (const name of ['add_evidence', 'is_org_admin', 'rebuild_statistics', 'keep_scope']) {
      const result = await stage.http('admin', 'POST', `/rest/v1/rpc/${name}`, {});
      expect(result.status, name).toBe(404);
      expect(result.body, name).toMatchObject({ code: 'PGRST202' });
    }
  });
});

describe('forged, replayed, out-of-sequence and oversized events', () => {
  it('a choice that was not on offer is refused', async () => {
    const event = choice(crypto.randomUUID(), play.first_node, 'the-best-answer', 1);
    const result = await attackChangesNothing(stage, () => record('learner', [event]));
    expect(result.body).toEqual([
      {
        id: event.id,
        status: 'refused',
        code: 'not_on_offer',
        error: `Choice "the-best-answer" is not on offer at "${play.first_node}" in scenario "${play.scenario_id}".`,
      },
    ]);
  });

  it('a replayed event is a duplicate and changes no statistic', async () => {
    const event = answer();
    expect((await record('learner', [event])).body).toEqual([{ id: event.id, status: 'accepted' }]);
    const replay = await attackChangesNothing(stage, () =>
      record('learner', [{ ...event, option_id: 'z', occurred_at: now() }, event]),
    );
    expect(replay.body).toEqual([
      { id: event.id, status: 'duplicate' },
      { id: event.id, status: 'duplicate' },
    ]);
  });

  it('out of sequence: with seq it waits (nothing stored), then lands after its predecessor; without seq it is refused', async () => {
    const attempt = crypto.randomUUID();
    const first = choice(attempt, play.first_node, play.first_choice, 1);
    const second = choice(attempt, play.second_node, play.second_choice, 2);
    const early = await attackChangesNothing(stage, () => record('learner', [second]));
    expect(early.body).toEqual([
      {
        id: second.id,
        status: 'deferred',
        code: 'awaiting_predecessor',
        waiting_for: 1,
        error: `Decision 2 of attempt ${attempt} waits for decision 1, which has not arrived yet.`,
      },
    ]);
    expect((await record('learner', [second, first])).body).toEqual([
      { id: second.id, status: 'accepted' },
      { id: first.id, status: 'accepted' },
    ]);
    const again = choice(attempt, play.first_node, play.first_choice, 1);
    const taken = await attackChangesNothing(stage, () => record('learner', [again]));
    expect(taken.body).toEqual([
      {
        id: again.id,
        status: 'refused',
        code: 'out_of_sequence',
        error: `Decision 1 of attempt ${attempt} was already recorded by another record.`,
      },
    ]);
    const unsequenced = choice(crypto.randomUUID(), play.second_node, play.second_choice);
    const skipped = await attackChangesNothing(stage, () => record('learner', [unsequenced]));
    expect(skipped.body).toEqual([
      {
        id: unsequenced.id,
        status: 'refused',
        code: 'out_of_sequence',
        error: `Decision at "${play.second_node}" does not follow the attempt's previous step (expected "${play.first_node}").`,
      },
    ]);
  });

  it('times that are not finite, before 2020 or in the future are refused', async () => {
    const events = [
      '-infinity',
      'infinity',
      '2019-12-31T23:59:59Z',
      new Date(Date.now() + 3_600_000).toISOString(),
      'soon',
    ].map((time) => answer({ occurred_at: time }));
    const result = await attackChangesNothing(stage, () => record('learner', events));
    expect((result.body as { code: string }[]).map((outcome) => outcome.code)).toEqual([
      'bad_time',
      'bad_time',
      'bad_time',
      'bad_time',
      'bad_time',
    ]);
  });

  it('oversized fields and events, and batches over 200, are refused', async () => {
    const note = answer({ note: 'n'.repeat(5_000) });
    const longId = choice(crypto.randomUUID(), 'n'.repeat(101), play.first_choice, 1);
    const result = await attackChangesNothing(stage, () => record('learner', [note, longId]));
    expect(result.body).toEqual([
      {
        id: note.id,
        status: 'refused',
        code: 'too_large',
        error: expect.stringMatching(
          /^An event may be at most 4 KB; this one is \d+ bytes\.$/,
        ) as string,
      },
      {
        id: longId.id,
        status: 'refused',
        code: 'too_large',
        error: 'Too long: node_id (ids at most 100 characters, a note at most 2,000).',
      },
    ]);
    const batch = await attackChangesNothing(stage, () =>
      record(
        'learner',
        Array.from({ length: 201 }, () => answer()),
      ),
    );
    expect(batch).toEqual({
      status: 400,
      body: {
        code: '22023',
        details: '{"code":"too_large"}',
        hint: null,
        message: 'Send at most 200 events at a time (this batch has 201).',
      },
    });
  });

  it('a forged completion inserted directly is a 400 with its code in the details', async () => {
    const event = {
      id: crypto.randomUUID(),
      kind: 'completion',
      occurred_at: now(),
      attempt_id: crypto.randomUUID(),
      scenario_id: play.scenario_id,
      scenario_version: play.version,
      ending_id: (
        await stage.sql(
          `select node_id from public.catalog_endings where scenario_id = $1 and version = $2 limit 1`,
          [play.scenario_id, play.version],
        )
      )[0]!.node_id,
      mode: 'assessment',
    };
    const result = await attackChangesNothing(stage, () =>
      stage.http('learner', 'POST', '/rest/v1/activity_events', event),
    );
    expect(result).toEqual({
      status: 400,
      body: {
        code: '23514',
        details: '{"code": "not_at_ending"}',
        hint: null,
        message: `Attempt ${event.attempt_id} has not reached the ending "${String(event.ending_id)}": a completion is recorded only after the decisions that lead there.`,
      },
    });
  });

  it('recorded events cannot be edited or deleted through the API, even one’s own', async () => {
    const [own] = await stage.sql(
      `select id from public.activity_events where user_id = $1 limit 1`,
      [IDS.learner],
    );
    for (const [method, body] of [
      ['PATCH', { occurred_at: '2021-01-01T00:00:00Z' }],
      ['PATCH', { score: 1 }],
      ['DELETE', undefined],
    ] as const) {
      const result = await attackChangesNothing(stage, () =>
        stage.http('learner', method, `/rest/v1/activity_events?id=eq.${String(own!.id)}`, body),
      );
      expect(result, method).toEqual({
        status: 403,
        body: {
          code: '42501',
          details: null,
          hint: null,
          message: 'permission denied for table activity_events',
        },
      });
    }
  });
});
