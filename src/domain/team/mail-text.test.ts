import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  invitationMail,
  invitationMailto,
  parseAddressList,
  recoveryMail,
  reminderMail,
} from './mail-text';

describe('pasted address lists', () => {
  it('splits on commas, semicolons, spaces and new lines, keeps names out, counts duplicates once', () => {
    expect(
      parseAddressList('Ana Diaz <Ana@Example.org>; ben@example.org\n\nana@example.org, x@y'),
    ).toEqual({
      valid: ['ana@example.org', 'ben@example.org'],
      invalid: [{ input: 'x@y', reason: 'not an email address' }],
    });
  });

  it('lists malformed entries with the reason', () => {
    const list = parseAddressList(`no-at-sign, @example.org, ${'a'.repeat(250)}@example.org`);
    expect(list.valid).toEqual([]);
    expect(list.invalid.map((entry) => entry.reason)).toEqual([
      'no @ in it',
      'not an email address',
      'longer than 254 characters',
    ]);
  });

  it('accounts for every entry: each is valid or listed back (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.emailAddress(), fc.stringMatching(/^[^\s,;<>]{1,30}$/)), {
          maxLength: 30,
        }),
        fc.constantFrom(', ', '\n', '; ', ' '),
        (entries, separator) => {
          const list = parseAddressList(entries.join(separator));
          const seen = new Set(entries.map((entry) => entry.toLowerCase()));
          const accounted = new Set([
            ...list.valid,
            ...list.invalid.map((entry) => entry.input.toLowerCase()),
          ]);
          expect(accounted).toEqual(seen);
          for (const address of list.valid) expect(address).toBe(address.toLowerCase());
        },
      ),
    );
  });
});

describe('mail texts', () => {
  const facts = {
    code: 'ABC123DEF456',
    role: 'learner',
    organisation: 'Riverbend',
    cohort: 'North team',
    expires_at: '2026-12-17T10:00:00Z',
    invited_by: 'Dana',
  };

  it('an invitation has the join link, the code and the expiry', () => {
    const mail = invitationMail('http://127.0.0.1:4321/', facts);
    expect(mail.subject).toBe('Join Riverbend on Casecraft');
    expect(mail.text).toContain(
      'Dana invited you to join Riverbend on Casecraft as a learner, in North team.',
    );
    expect(mail.text).toContain('http://127.0.0.1:4321/join/?code=ABC123DEF456');
    expect(mail.text).toContain('expires on 2026-12-17');
  });

  it('the mailto fallback carries the same text', () => {
    const link = new URL(invitationMailto('https://casecraft.example', 'ana@example.org', facts));
    expect(link.protocol).toBe('mailto:');
    expect(link.searchParams.get('subject')).toBe('Join Riverbend on Casecraft');
    expect(link.searchParams.get('body')).toContain('https://casecraft.example/join/?code=');
  });

  it('a recovery mail carries its link', () => {
    expect(recoveryMail('https://x.example/team/reset/?token_hash=t').text).toContain(
      'https://x.example/team/reset/?token_hash=t',
    );
  });

  it('a learner digest lists overdue items first, then what is due this week', () => {
    const mail = reminderMail('https://x.example', {
      audience: 'learner',
      today: '2026-12-03',
      items: [
        { kind: 'lesson', id: 'a/b', title: 'Listening', due_date: '2026-11-30', overdue: true },
        { kind: 'scenario', id: 'c', title: 'Eviction', due_date: '2026-12-08', overdue: false },
      ],
    });
    expect(mail.subject).toBe('Casecraft: 1 overdue item in your programme');
    expect(mail.text.indexOf('Overdue:')).toBeLessThan(
      mail.text.indexOf('Due in the next 7 days:'),
    );
    expect(mail.text).toContain('https://x.example/practice/c/');
  });

  it('a supervisor digest names whose items are overdue', () => {
    const mail = reminderMail('https://x.example', {
      audience: 'supervisor',
      today: '2026-12-03',
      items: [
        {
          kind: 'lesson',
          id: 'a/b',
          title: 'Listening',
          due_date: '2026-11-30',
          overdue: true,
          learner: 'Grace',
        },
      ],
    });
    expect(mail.subject).toBe('Casecraft: 1 overdue item in your cohorts');
    expect(mail.text).toContain('- Grace: Listening (lesson), due 2026-11-30');
  });
});
