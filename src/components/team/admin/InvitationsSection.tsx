import { useId, useState, type SubmitEvent } from 'react';
import { invitationMailto } from '../../../domain/team/mail-text';
import type { Role } from '../../../domain/team/roles';
import type { Invitation } from '../../../services/team/queries';
import { EmailInvitationForm } from './EmailInvitationForm';
import { InvitationFields } from './InvitationFields';
import { nameOf, type AdminData, type SectionProps } from './section';
import { ScrollRegion } from '../../site/ScrollRegion';
import { formatDate } from '../../profile/format';

type InvitationStatus = 'revoked' | 'joined' | 'expired' | 'sent' | 'not sent yet' | 'open';

function invitationStatus(invitation: Invitation): InvitationStatus {
  if (invitation.revoked_at) return 'revoked';
  if (invitation.used_at) return 'joined';
  if (invitation.expires_at < new Date().toISOString()) return 'expired';
  if (invitation.email) return invitation.mail_sent_at ? 'sent' : 'not sent yet';
  return 'open';
}

const isOpen = (status: InvitationStatus) =>
  status === 'open' || status === 'sent' || status === 'not sent yet';

/** The words of the invitation, for the admin's own mail program. */
const mailto = (
  data: AdminData,
  organisation: string | null,
  invitation: Invitation & { email: string },
) =>
  invitationMailto(window.location.origin, invitation.email, {
    code: invitation.code,
    role: invitation.role,
    organisation,
    cohort: data.cohorts.find((candidate) => candidate.id === invitation.cohort_id)?.name ?? null,
    expires_at: invitation.expires_at,
  });

/**
 * Invitations: by email (one or many addresses) or as a code to share; their status (sent,
 * joined, expired, revoked); re-send by email, or email it yourself when the server sends no
 * mail; revoke.
 */
export function InvitationsSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [role, setRole] = useState<Role>('learner');
  const [cohort, setCohort] = useState('');
  const [days, setDays] = useState(14);
  const [created, setCreated] = useState<Invitation>();
  const organisationName =
    context.memberships.find((membership) => membership.organisation_id === organisationId)
      ?.organisations?.name ?? null;
  const link = (code: string) => `${window.location.origin}/join/?code=${code}`;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Invite staff</h3>
      <EmailInvitationForm
        context={context}
        organisationId={organisationId}
        data={data}
        act={act}
      />
      <h4>Invite with a code to share</h4>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!(days >= 1 && days <= 90)) return;
          void act('Invitation created.', async () =>
            setCreated(
              await context.queries.createInvitation(organisationId, role, cohort || null, days),
            ),
          );
        }}
      >
        <InvitationFields
          id={id}
          labels={{ role: 'Role', cohort: 'Cohort', days: 'Expires after (days)' }}
          cohorts={data.cohorts}
          role={role}
          onRole={setRole}
          cohort={cohort}
          onCohort={setCohort}
          days={days}
          onDays={setDays}
        />
        <button type="submit">Create invitation</button>
      </form>
      {created && (
        <p className="notice" role="status">
          New invitation: code <strong className="invite-code">{created.code}</strong> — link{' '}
          <code>{link(created.code)}</code>. It works once.
        </p>
      )}
      <ScrollRegion labelledBy={`${id}-heading`}>
        <table>
          <caption className="visually-hidden">Invitations</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Cohort</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {data.invitations.map((invitation) => {
              const status = invitationStatus(invitation);
              return (
                <tr key={invitation.id}>
                  <td>
                    <code>{invitation.code}</code>
                  </td>
                  <td>{invitation.email ?? '—'}</td>
                  <td>{invitation.role}</td>
                  <td>
                    {data.cohorts.find((candidate) => candidate.id === invitation.cohort_id)
                      ?.name ?? '—'}
                  </td>
                  <td>{formatDate(invitation.expires_at)}</td>
                  <td>
                    {status}
                    {status === 'sent' && invitation.mail_sent_at
                      ? ` ${formatDate(invitation.mail_sent_at)}${invitation.mail_count > 1 ? ` (${invitation.mail_count} times)` : ''}`
                      : ''}
                    {status === 'joined' && invitation.used_by
                      ? ` by ${nameOf(data, invitation.used_by)}`
                      : ''}
                  </td>
                  <td className="actions">
                    {isOpen(status) && invitation.email && data.mail.configured && (
                      <>
                        <button
                          type="button"
                          className="secondary small"
                          onClick={() =>
                            void act(`Invitation to ${invitation.email} sent again.`, () =>
                              context.queries.resendInvitation(invitation.id),
                            )
                          }
                        >
                          Re-send<span className="visually-hidden"> to {invitation.email}</span>
                        </button>{' '}
                      </>
                    )}
                    {isOpen(status) && invitation.email && !data.mail.configured && (
                      <>
                        <a
                          className="small"
                          href={mailto(data, organisationName, {
                            ...invitation,
                            email: invitation.email,
                          })}
                        >
                          Email it yourself
                          <span className="visually-hidden"> to {invitation.email}</span>
                        </a>{' '}
                      </>
                    )}
                    {isOpen(status) && (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() =>
                          void act(`Invitation ${invitation.code} revoked.`, () =>
                            context.queries.revokeInvitation(invitation.id),
                          )
                        }
                      >
                        Revoke<span className="visually-hidden"> invitation {invitation.code}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
