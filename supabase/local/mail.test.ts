import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/mail/outbox-sender';
import type { Database } from '../../src/services/backend/database.types';
import { localTransport } from '../../src/mail/smtp';
import { DEMO_PASSWORD } from './demo-accounts';
import { startStack, type RunningStack } from './stack';

// Mail on the embedded stack, end to end: local Auth's recovery mail, invitations by email
// queued by the database and delivered by the stack's sender, reminders — read back from
// MailDev's REST API as a person would read their inbox.

const SITE = 'http://127.0.0.1:4999';
const ORG = '00000000-0000-4000-b000-000000000001';
let stack: RunningStack;

interface InboxMail {
  subject: string;
  text: string;
  to: { address: string }[];
}

const client = () =>
  createClient<Database>(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });

async function signedIn(
  email: string,
  password = DEMO_PASSWORD,
): Promise<SupabaseClient<Database>> {
  const supabase = client();
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return supabase;
}

async function inbox(address: string): Promise<InboxMail[]> {
  const response = await fetch(`${stack.mail!.inboxUrl}/api/email`);
  const all = (await response.json()) as InboxMail[];
  return all.filter((mail) => mail.to.some((to) => to.address === address));
}

/** Waits until `address` has `count` mails (the sender runs every 100 ms here). */
async function mailsFor(address: string, count: number): Promise<InboxMail[]> {
  for (let tries = 0; tries < 100; tries++) {
    const found = await inbox(address);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${address} did not get ${count} mail(s)`);
}

const linkIn = (text: string, path: string) =>
  new URL(new RegExp(`${SITE.replace(/\./g, '\\.')}${path}\\S*`).exec(text)![0]);

beforeAll(async () => {
  stack = await startStack({
    port: 0,
    mail: { webPort: 0, smtpPort: 0, siteUrl: SITE, senderIntervalMs: 100 },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('password recovery by email', () => {
  it('mails a one-time link to /team/reset/ that signs in for a new password', async () => {
    const email = 'amara@demo.casecraft.local';
    const asked = await client().auth.resetPasswordForEmail(email, {
      redirectTo: `${SITE}/team/reset/`,
    });
    expect(asked.error).toBeNull();
    const [mail] = await mailsFor(email, 1);
    expect(mail!.subject).toBe('Reset your Casecraft password');
    const link = linkIn(mail!.text, '/team/reset/');
    expect(link.searchParams.get('type')).toBe('recovery');
    const tokenHash = link.searchParams.get('token_hash')!;

    const supabase = client();
    const verified = await supabase.auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email).toBe(email);
    expect((await supabase.auth.updateUser({ password: 'a brand new password' })).error).toBeNull();
    await signedIn(email, 'a brand new password');

    const again = await client().auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
    expect(again.error?.message).toBe('This reset link was already used. Ask for a new one.');
    const forged = await client().auth.verifyOtp({ type: 'recovery', token_hash: 'x'.repeat(43) });
    expect(forged.error?.message).toBe('This reset link is not valid. Ask for a new one.');
  });

  it('an expired link says so', async () => {
    const email = 'ben@demo.casecraft.local';
    await client().auth.resetPasswordForEmail(email);
    const [mail] = await mailsFor(email, 1);
    const tokenHash = linkIn(mail!.text, '/team/reset/').searchParams.get('token_hash')!;
    // An hour and a bit later (links last an hour, as Supabase Auth's do).
    await stack.query(
      `update auth.recovery_tokens set created_at = now() - interval '61 minutes' where used_at is null`,
    );
    const late = await client().auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
    expect(late.error?.message).toBe('This reset link has expired. Ask for a new one.');
  });

  it('answers the same for an unknown address and mails nobody', async () => {
    const unknown = await client().auth.resetPasswordForEmail('nobody@example.org');
    expect(unknown.error).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inbox('nobody@example.org')).toEqual([]);
  });

  it('sends an address at most three recovery mails an hour', async () => {
    const email = 'grace@demo.casecraft.local';
    for (let sent = 0; sent < 3; sent++)
      expect((await client().auth.resetPasswordForEmail(email)).error).toBeNull();
    const fourth = await client().auth.resetPasswordForEmail(email);
    expect(fourth.error?.status).toBe(429);
    await mailsFor(email, 3);
  });

  it('links only to the site, whatever redirect_to asks', async () => {
    const email = 'supervisor.south@demo.casecraft.local';
    await client().auth.resetPasswordForEmail(email, { redirectTo: 'https://evil.example/steal' });
    const [mail] = await mailsFor(email, 1);
    expect(linkIn(mail!.text, '/team/reset/').origin).toBe(SITE);
  });
});

describe('invitations by email', () => {
  it('invites the valid addresses, lists the bad ones with the reason, and the link joins', async () => {
    const admin = await signedIn('admin@demo.casecraft.local');
    const result = await admin.rpc('invite_by_email', {
      organisation_id: ORG,
      emails: ['Noor@Example.org', 'not-an-address', 'noor@example.org', 'sam@example.org'],
      role: 'learner',
    });
    expect(result.error).toBeNull();
    const outcomes = result.data as { email: string; ok: boolean; reason?: string }[];
    expect(outcomes.map((outcome) => [outcome.email, outcome.ok, outcome.reason])).toEqual([
      ['noor@example.org', true, undefined],
      ['not-an-address', false, 'not an email address'],
      ['noor@example.org', false, 'listed twice'],
      ['sam@example.org', true, undefined],
    ]);
    const [mail] = await mailsFor('noor@example.org', 1);
    expect(mail!.subject).toBe('Join Riverbend Community Care (demo agency) on Casecraft');
    const code = linkIn(mail!.text, '/join/').searchParams.get('code')!;
    await mailsFor('sam@example.org', 1);

    const invitations = await admin
      .from('invitations')
      .select('email, mail_sent_at, mail_count')
      .eq('email', 'noor@example.org');
    expect(invitations.data?.[0]?.mail_count).toBe(1);

    const noor = client();
    await noor.auth.signUp({ email: 'noor@example.org', password: 'long enough password' });
    const joined = await noor.rpc('join_organisation', {
      invitation_code: code,
      display_name: 'Noor',
    });
    expect(joined.error).toBeNull();
  });

  it('re-sends an open invitation, at most three mails an hour to one address', async () => {
    const admin = await signedIn('admin@demo.casecraft.local');
    const result = await admin.rpc('invite_by_email', {
      organisation_id: ORG,
      emails: ['resend@example.org'],
      role: 'supervisor',
    });
    const id = (result.data as { invitation_id: string }[])[0]!.invitation_id;
    expect((await admin.rpc('resend_invitation', { invitation_id: id })).error).toBeNull();
    expect((await admin.rpc('resend_invitation', { invitation_id: id })).error).toBeNull();
    const fourth = await admin.rpc('resend_invitation', { invitation_id: id });
    expect(fourth.error?.message).toBe(
      'This address was sent 3 invitations in the last hour; try again later.',
    );
    await mailsFor('resend@example.org', 3);
  });

  it('is refused to a learner, and says whether mail goes out', async () => {
    const learner = await signedIn('hannah@demo.casecraft.local');
    const refused = await learner.rpc('invite_by_email', {
      organisation_id: ORG,
      emails: ['x@example.org'],
      role: 'admin',
    });
    expect(refused.error?.code).toBe('42501');
    const delivery = await learner.rpc('mail_delivery');
    expect(delivery.data).toMatchObject({ configured: true });
  });
});

describe('reminders', () => {
  it('queues one digest per person a day; a second run the same day queues none', async () => {
    const service = createClient<Database>(stack.url, stack.serviceRoleKey, {
      auth: { persistSession: false },
    });
    const first = await service.rpc('queue_reminders');
    expect(first.error).toBeNull();
    expect(first.data).toBeGreaterThan(0);
    const settings = {
      url: stack.url,
      serviceRoleKey: stack.serviceRoleKey,
      transport: localTransport(stack.mail!.smtpPort),
      from: 'Casecraft <no-reply@casecraft.local>',
      siteUrl: SITE,
      via: 'test',
    };
    await deliverOutbox(settings);
    // South team's programme was due three days ago (seed): Grace's digest says so.
    const digests = (await mailsFor('grace@demo.casecraft.local', 4)).filter((mail) =>
      mail.subject.startsWith('Casecraft: '),
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('Overdue:');
    expect((await service.rpc('queue_reminders')).data).toBe(0);
    const learner = await signedIn('hannah@demo.casecraft.local');
    expect((await learner.rpc('queue_reminders')).error?.code).toBe('42501');
  });
});
