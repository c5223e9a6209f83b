import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attackChangesNothing,
  IDS,
  startAttackStack,
  type AttackStack,
  type PersonaName,
} from './support/attack-stack';

// Issue 18's surfaces under attack: the mail outbox and its sender's functions, mail bombing
// through invitations, individual assignments across cohorts and agencies, programme edits.
// Each attack is refused with its answer and changes nothing (the queued mail included).

let stage: AttackStack;

beforeAll(async () => {
  stage = await startAttackStack();
  // A sender has run: invitations are queued as mail, so the limits count.
  const seen = await stage.service.rpc('mail_sender_seen', { via: 'attack suite' });
  expect(seen.error).toBeNull();
}, 240_000);

afterAll(async () => {
  await stage?.stop();
});

const PERSONAS: PersonaName[] = [
  'anon',
  'learner',
  'otherLearner',
  'supervisor',
  'otherSupervisor',
  'admin',
  'otherAdmin',
];
const client = (name: PersonaName) => stage.personas[name].client;
const queued = async () =>
  Number((await stage.sql('select count(*) as n from private.mail_outbox'))[0]!.n);

describe('the outbox belongs to the sender (the service role) alone', () => {
  it('no persona may claim, settle, fake a heartbeat or queue reminders', async () => {
    const before = await queued();
    for (const name of PERSONAS) {
      await attackChangesNothing(stage, async () => {
        for (const [fn, args] of [
          ['claim_mail', { batch: 100 }],
          ['settle_mail', { mail_id: '00000000-0000-4000-8000-000000000000' }],
          ['mail_sender_seen', { via: 'forged' }],
          ['queue_reminders', {}],
        ] as const) {
          const { error } = await client(name).rpc(fn, args);
          expect(error?.code, `${name} calls ${fn}`).toBe('42501');
        }
      });
    }
    expect(await queued()).toBe(before);
  });

  it('the outbox and the reminder log are not in the API', async () => {
    for (const path of ['/rest/v1/mail_outbox', '/rest/v1/reminder_log', '/rest/v1/mail_sender'])
      expect((await stage.http('admin', 'GET', path)).status).toBe(404);
  });
});

describe('no mail bombing through invitations', () => {
  it('an address gets at most 3 invitation mails an hour, whatever the calls', async () => {
    const target = 'victim@example.org';
    for (let call = 0; call < 3; call++) {
      const { data, error } = (await client('admin').rpc('invite_by_email', {
        organisation_id: IDS.demoAgency,
        emails: [target],
        role: 'learner',
      })) as { data: unknown; error: unknown };
      expect(error).toBeNull();
      expect(data).toMatchObject([{ email: target, ok: true, queued: true }]);
    }
    const fourth = await attackChangesNothing(stage, () =>
      client('admin').rpc('invite_by_email', {
        organisation_id: IDS.demoAgency,
        emails: [target, target.toUpperCase()],
        role: 'learner',
      }),
    );
    expect(fourth.data).toEqual([
      {
        email: target,
        ok: false,
        reason: 'This address was sent 3 invitations in the last hour; try again later.',
      },
      {
        email: target.toUpperCase(),
        ok: false,
        reason: 'This address was sent 3 invitations in the last hour; try again later.',
      },
    ]);
  });

  it('an agency sends at most 200 mails an hour', async () => {
    await stage.sql(
      `insert into private.mail_outbox (kind, recipient, organisation_id, payload)
       select 'invitation', 'bulk' || n || '@example.org', $1, '{}' from generate_series(1, 200) n`,
      [IDS.secondAgency],
    );
    const refused = await attackChangesNothing(stage, () =>
      client('otherAdmin').rpc('invite_by_email', {
        organisation_id: IDS.secondAgency,
        emails: ['one.more@example.org'],
        role: 'learner',
      }),
    );
    expect(refused.data).toEqual([
      {
        email: 'one.more@example.org',
        ok: false,
        reason: 'Your agency sent 200 emails in the last hour, the most allowed; try again later.',
      },
    ]);
  });

  it('more than 100 addresses in one call is refused whole', async () => {
    const many = Array.from({ length: 101 }, (_, n) => `p${n}@example.org`);
    const { error } = await attackChangesNothing(stage, () =>
      client('admin').rpc('invite_by_email', {
        organisation_id: IDS.demoAgency,
        emails: many,
        role: 'learner',
      }),
    );
    expect(error?.message).toBe('At most 100 addresses at a time (this list has 101).');
  });

  it('only an admin of the agency invites or re-sends', async () => {
    for (const name of ['learner', 'supervisor', 'otherAdmin'] as const) {
      const invite = await attackChangesNothing(stage, () =>
        client(name).rpc('invite_by_email', {
          organisation_id: IDS.demoAgency,
          emails: ['x@example.org'],
          role: 'admin',
        }),
      );
      expect(invite.error?.code, name).toBe('42501');
    }
    const resend = await attackChangesNothing(stage, () =>
      client('admin').rpc('resend_invitation', { invitation_id: IDS.secondInvitation }),
    );
    expect(resend.error?.code).toBe('42501');
  });
});

describe('individual assignments stay within who one supervises', () => {
  const assign = (name: PersonaName, organisation: string, learners: string[]) =>
    client(name).rpc('assign_to_learners', {
      organisation_id: organisation,
      learner_ids: learners,
      item_kind: 'scenario',
      item_id: 'williams-eviction',
    });

  it('a supervisor assigns to their cohort, not to another cohort or agency', async () => {
    expect((await assign('supervisor', IDS.demoAgency, [IDS.learner])).data).toBe(1);
    for (const [name, organisation, learners] of [
      ['supervisor', IDS.demoAgency, [IDS.learner, IDS.otherLearner]],
      ['otherSupervisor', IDS.demoAgency, [IDS.learner]],
      ['learner', IDS.demoAgency, [IDS.learner]],
      ['otherAdmin', IDS.demoAgency, [IDS.learner]],
      ['otherAdmin', IDS.secondAgency, [IDS.learner]],
      ['supervisor', IDS.secondAgency, [IDS.northLearner]],
    ] as const) {
      const refused = await attackChangesNothing(stage, () =>
        assign(name, organisation, [...learners]),
      );
      expect(refused.error?.code, `${name} → ${learners.join(', ')}`).toBe('42501');
    }
  });

  it('nobody moves an assignment to another learner, and the learner cannot withdraw it', async () => {
    const [row] = await stage.sql(
      `select id from public.learner_assignments where user_id = $1 and item_id = 'williams-eviction'`,
      [IDS.learner],
    );
    const id = String(row!.id);
    const moved = await attackChangesNothing(stage, () =>
      client('admin')
        .from('learner_assignments')
        .update({ user_id: IDS.otherLearner })
        .eq('id', id),
    );
    expect(moved.error?.code).toBe('42501');
    const withdrawn = await attackChangesNothing(stage, () =>
      client('learner').from('learner_assignments').delete().eq('id', id).select(),
    );
    expect(withdrawn.data).toEqual([]);
    const forged = await attackChangesNothing(stage, () =>
      client('supervisor').from('learner_assignments').insert({
        organisation_id: IDS.demoAgency,
        user_id: IDS.learner,
        item_kind: 'lesson',
        item_id: 'x',
        assigned_by: IDS.admin,
      }),
    );
    expect(forged.error?.code).toBe('42501');
  });
});

describe('programme edits', () => {
  it('only an admin of the programme’s agency edits it, with published items, at most 100', async () => {
    const items = [{ kind: 'scenario', id: 'williams-eviction' }];
    for (const name of ['supervisor', 'learner', 'otherAdmin'] as const) {
      const refused = await attackChangesNothing(stage, () =>
        client(name).rpc('set_programme_items', { programme_id: IDS.demoProgramme, items }),
      );
      expect(refused.error?.code, name).toBe('42501');
    }
    const unknown = await attackChangesNothing(stage, () =>
      client('admin').rpc('set_programme_items', {
        programme_id: IDS.demoProgramme,
        items: [...items, { kind: 'lesson', id: 'no/such-lesson' }],
      }),
    );
    expect(unknown.error?.message).toBe('Item 2: there is no published lesson "no/such-lesson".');
    const tooMany = await attackChangesNothing(stage, () =>
      client('admin').rpc('set_programme_items', {
        programme_id: IDS.demoProgramme,
        items: Array.from({ length: 101 }, () => items[0]),
      }),
    );
    expect(tooMany.error?.message).toBe('A programme has at most 100 items.');
    const twice = await attackChangesNothing(stage, () =>
      client('admin').rpc('set_programme_items', {
        programme_id: IDS.demoProgramme,
        items: [...items, ...items],
      }),
    );
    expect(twice.error?.message).toBe(
      'Item 2: scenario "williams-eviction" is already in the programme.',
    );
  });
});
