import { useId, useState, type SubmitEvent } from 'react';
import type { Role } from '../../../domain/team/roles';
import type { Invitation } from '../../../services/team/queries';
import { AgencyRoleOptions } from './RoleOptions';
import { nameOf, type SectionProps } from './section';
import { ScrollRegion } from '../../site/ScrollRegion';

function invitationStatus(invitation: Invitation): string {
  if (invitation.revoked_at) return 'revoked';
  if (invitation.used_at) return 'used';
  if (invitation.expires_at < new Date().toISOString()) return 'expired';
  return 'open';
}

/** Invitation codes: create one for a role (and cohort), see and revoke the open ones. */
export function InvitationsSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [role, setRole] = useState<Role>('learner');
  const [cohort, setCohort] = useState('');
  const [days, setDays] = useState(14);
  const [created, setCreated] = useState<Invitation>();
  const link = (code: string) => `${window.location.origin}/join/?code=${code}`;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Invite staff</h3>
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
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            <AgencyRoleOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cohort`}>Cohort</label>
          <select
            id={`${id}-cohort`}
            value={cohort}
            onChange={(event) => setCohort(event.target.value)}
          >
            <option value="">No cohort</option>
            {data.cohorts.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Expires after (days)</label>
          <input
            id={`${id}-days`}
            type="number"
            min={1}
            max={90}
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
          />
        </div>
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
                  <td>{invitation.role}</td>
                  <td>
                    {data.cohorts.find((candidate) => candidate.id === invitation.cohort_id)
                      ?.name ?? '—'}
                  </td>
                  <td>{invitation.expires_at.slice(0, 10)}</td>
                  <td>
                    {status}
                    {status === 'used' && invitation.used_by
                      ? ` by ${nameOf(data, invitation.used_by)}`
                      : ''}
                  </td>
                  <td>
                    {status === 'open' && (
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
