import { useId, useState } from 'react';
import { AGENCY_ROLES, oneOf } from '../../../domain/team/roles';
import { AgencyRoleOptions } from './RoleOptions';
import type { SectionProps } from './section';
import { ScrollRegion } from '../../site/ScrollRegion';

/** The agency's people: change a role, remove someone (their records stay). */
export function MembersSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [confirming, setConfirming] = useState<string>();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>People</h3>
      <ScrollRegion labelledBy={`${id}-heading`}>
        <table>
          <caption className="visually-hidden">Members of the agency</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => (
              <tr key={member.user_id}>
                <th scope="row">{member.display_name}</th>
                <td>
                  {member.status === 'active' && member.user_id !== context.user.id ? (
                    <select
                      aria-label={`Role of ${member.display_name}`}
                      value={member.role}
                      onChange={(event) =>
                        void act(`${member.display_name} is now ${event.target.value}.`, () =>
                          context.queries.setMemberRole(
                            organisationId,
                            member.user_id,
                            oneOf(AGENCY_ROLES, event.target.value, 'role'),
                          ),
                        )
                      }
                    >
                      <AgencyRoleOptions />
                    </select>
                  ) : (
                    member.role
                  )}
                </td>
                <td>
                  {member.status === 'removed'
                    ? `removed ${member.removed_at?.slice(0, 10) ?? ''} (records kept)`
                    : 'active'}
                </td>
                <td>
                  {member.status === 'active' &&
                    member.user_id !== context.user.id &&
                    confirming !== member.user_id && (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => setConfirming(member.user_id)}
                      >
                        Remove…<span className="visually-hidden"> {member.display_name}</span>
                      </button>
                    )}
                  {confirming === member.user_id && (
                    <span role="group" aria-label={`Confirm removing ${member.display_name}`}>
                      Their access ends; their records stay with the agency.{' '}
                      <button
                        type="button"
                        className="danger small"
                        onClick={() =>
                          void act(`${member.display_name} removed; their records stay.`, () =>
                            context.queries.removeMember(organisationId, member.user_id),
                          ).then(() => setConfirming(undefined))
                        }
                      >
                        Remove {member.display_name}
                      </button>{' '}
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => setConfirming(undefined)}
                      >
                        Cancel
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
