import { useId, useState, type SubmitEvent } from 'react';
import { parseAddressList } from '../../../domain/team/mail-text';
import type { Role } from '../../../domain/team/roles';
import type { EmailInvitationOutcome } from '../../../services/team/queries';
import { InvitationFields } from './InvitationFields';
import type { SectionProps } from './section';

/** What happened to each address pasted: invited (mailed or to mail by hand) or why not. */
type Outcome = EmailInvitationOutcome | { email: string; ok: false; reason: string };

/**
 * Invite by email: addresses pasted one or many at a time. Malformed ones are listed back
 * with the reason and the valid ones are still invited; each gets its own single-use code.
 */
export function EmailInvitationForm({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [addresses, setAddresses] = useState('');
  const [role, setRole] = useState<Role>('learner');
  const [cohort, setCohort] = useState('');
  const [days, setDays] = useState(14);
  const [outcomes, setOutcomes] = useState<Outcome[]>();
  const [error, setError] = useState('');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    const parsed = parseAddressList(addresses);
    const local: Outcome[] = parsed.invalid.map((entry) => ({
      email: entry.input,
      ok: false,
      reason: entry.reason,
    }));
    if (parsed.valid.length === 0) {
      setOutcomes(local);
      return setError(
        local.length > 0
          ? 'None of these is an email address: correct them and invite again.'
          : 'Enter one or more email addresses, separated by commas or new lines.',
      );
    }
    if (parsed.valid.length > 100)
      return setError(`At most 100 addresses at a time (this list has ${parsed.valid.length}).`);
    if (!(days >= 1 && days <= 90)) return setError('An invitation expires after 1 to 90 days.');
    void act('Invitations created: each address is listed below with what happened.', async () => {
      const server = await context.queries.inviteByEmail(
        organisationId,
        parsed.valid,
        role,
        cohort || null,
        days,
      );
      setOutcomes([...server, ...local]);
      // What could not be invited stays in the box to correct.
      setAddresses(
        [...server, ...local]
          .filter((outcome) => !outcome.ok)
          .map((outcome) => outcome.email)
          .join('\n'),
      );
    });
  };

  return (
    <form className="email-invite" noValidate onSubmit={submit}>
      <h4 id={`${id}-heading`}>Invite by email</h4>
      <p className="muted">
        {data.mail.configured
          ? `Each address gets its own invitation by email. Mail goes out through ${data.mail.via ?? 'the server’s sender'}.`
          : 'This server sends no mail (no mail sender has run in the last day): the invitations are created and each gets an “Email it yourself” link that opens your mail program with the text written.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-addresses`}>Email addresses</label>
        <textarea
          id={`${id}-addresses`}
          rows={3}
          value={addresses}
          onChange={(event) => setAddresses(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p className="hint" id={`${id}-hint`}>
          One or many, separated by commas, spaces or new lines (pasting from a spreadsheet works).
        </p>
      </div>
      <div className="inline-form">
        <InvitationFields
          id={id}
          labels={{
            role: 'Invite as',
            cohort: 'Into cohort',
            days: 'Invitations expire after (days)',
          }}
          cohorts={data.cohorts}
          role={role}
          onRole={setRole}
          cohort={cohort}
          onCohort={setCohort}
          days={days}
          onDays={setDays}
        />
        <button type="submit">Send invitations</button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {outcomes && outcomes.length > 0 && (
        <ul className="invite-outcomes" aria-label="What happened to each address">
          {outcomes.map((outcome, index) => (
            <li key={`${outcome.email}-${index}`} className={outcome.ok ? '' : 'error'}>
              {outcome.email}:{' '}
              {outcome.ok
                ? outcome.queued
                  ? 'invited; the email is on its way.'
                  : 'invited; email it yourself from the list below.'
                : `not invited — ${outcome.reason}.`}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
