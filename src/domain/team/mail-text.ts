/**
 * The words of every mail Casecraft sends, from the facts the server queued (never from a
 * caller's free text), and the parsing of pasted address lists. Pure: the Node sender, local
 * Auth and the admin panel's mailto: fallback all write the same text.
 */

export interface MailText {
  subject: string;
  text: string;
}

/** RFC 5321's limit on an address. */
export const MAX_EMAIL_LENGTH = 254;
/** The same test the database applies (`invitations_email_format`). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AddressList {
  /** Lower-cased, each once, in the order given. */
  valid: string[];
  invalid: { input: string; reason: string }[];
}

/** Why an address is refused, or undefined when it is a usable one. */
export function addressProblem(address: string): string | undefined {
  if (address.length > MAX_EMAIL_LENGTH) return `longer than ${MAX_EMAIL_LENGTH} characters`;
  if (!address.includes('@')) return 'no @ in it';
  if (!EMAIL.test(address)) return 'not an email address';
  return undefined;
}

/**
 * Addresses pasted as a list: separated by commas, semicolons, spaces or new lines, with or
 * without a name (`Ana Diaz <ana@example.org>`). Duplicates count once.
 */
export function parseAddressList(pasted: string): AddressList {
  const valid: string[] = [];
  const invalid: AddressList['invalid'] = [];
  // "Name <address>" keeps only the address; the name's own spaces must not split it.
  const entries = pasted
    .replace(/[^,;\n<>]*<([^<>]*)>/g, ' $1 ')
    .split(/[\s,;]+/)
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const address = entry.toLowerCase();
    const problem = addressProblem(address);
    if (problem) invalid.push({ input: entry, reason: problem });
    else if (!valid.includes(address)) valid.push(address);
  }
  return { valid, invalid };
}

const ROLE_NAMES: Record<string, string> = {
  learner: 'a learner',
  supervisor: 'a supervisor',
  admin: 'an admin',
};

export interface InvitationFacts {
  code: string;
  role: string;
  organisation: string | null;
  cohort?: string | null;
  expires_at: string;
  invited_by?: string | null;
}

export const joinLink = (siteUrl: string, code: string) =>
  `${siteUrl.replace(/\/+$/, '')}/join/?code=${encodeURIComponent(code)}`;

export function invitationMail(siteUrl: string, facts: InvitationFacts): MailText {
  const agency = facts.organisation ?? 'your agency';
  const who = facts.invited_by ? `${facts.invited_by} invited you` : 'You are invited';
  return {
    subject: `Join ${agency} on Casecraft`,
    text: [
      `${who} to join ${agency} on Casecraft as ${ROLE_NAMES[facts.role] ?? facts.role}${
        facts.cohort ? `, in ${facts.cohort}` : ''
      }.`,
      '',
      'Open this link, sign in or create an account, and join:',
      joinLink(siteUrl, facts.code),
      '',
      `Or enter the invitation code ${facts.code} on the join page.`,
      `The invitation works once and expires on ${facts.expires_at.slice(0, 10)}.`,
      '',
      'If you did not expect this, ignore this email.',
    ].join('\n'),
  };
}

/** A `mailto:` link with the invitation written out, for when the server sends no mail. */
export function invitationMailto(siteUrl: string, email: string, facts: InvitationFacts): string {
  const { subject, text } = invitationMail(siteUrl, facts);
  return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

/** What Supabase Auth's "Reset password" mail says, with the link to /team/reset/. */
export function recoveryMail(link: string): MailText {
  return {
    subject: 'Reset your Casecraft password',
    text: [
      'Someone asked to reset the password of your Casecraft account.',
      '',
      'To choose a new password, open this link (it works once, within an hour):',
      link,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

export interface ReminderItem {
  kind: string;
  id: string;
  title: string;
  due_date: string;
  overdue: boolean;
  /** Whose item it is, in a supervisor's digest. */
  learner?: string;
}

export interface ReminderFacts {
  audience: 'learner' | 'supervisor';
  today: string;
  items: ReminderItem[];
}

const itemLink = (siteUrl: string, item: ReminderItem) =>
  `${siteUrl.replace(/\/+$/, '')}/${item.kind === 'lesson' ? 'learn' : 'practice'}/${item.id}/`;

/** A day's digest: a learner's items due within 7 days or overdue; a supervisor's overdue items. */
export function reminderMail(siteUrl: string, facts: ReminderFacts): MailText {
  const base = siteUrl.replace(/\/+$/, '');
  if (facts.audience === 'supervisor') {
    return {
      subject: `Casecraft: ${facts.items.length} overdue item${facts.items.length === 1 ? '' : 's'} in your cohorts`,
      text: [
        `Overdue in the cohorts you supervise, as of ${facts.today}:`,
        '',
        ...facts.items.map(
          (item) =>
            `- ${item.learner ?? 'A learner'}: ${item.title} (${item.kind}), due ${item.due_date}`,
        ),
        '',
        `The team dashboard has the detail: ${base}/team/dashboard/`,
      ].join('\n'),
    };
  }
  const overdue = facts.items.filter((item) => item.overdue);
  const soon = facts.items.filter((item) => !item.overdue);
  const line = (item: ReminderItem) =>
    `- ${item.title} (${item.kind}), due ${item.due_date}: ${itemLink(siteUrl, item)}`;
  return {
    subject:
      overdue.length > 0
        ? `Casecraft: ${overdue.length} overdue item${overdue.length === 1 ? '' : 's'} in your programme`
        : `Casecraft: ${soon.length} item${soon.length === 1 ? '' : 's'} due this week`,
    text: [
      ...(overdue.length > 0 ? ['Overdue:', ...overdue.map(line), ''] : []),
      ...(soon.length > 0 ? ['Due in the next 7 days:', ...soon.map(line), ''] : []),
      `Your programme: ${base}/team/programme/`,
    ].join('\n'),
  };
}
