import type { Role } from '../../../domain/team/roles';
import { AgencyRoleOptions } from './RoleOptions';

/**
 * The terms of an invitation — role, cohort, days until it expires — as the fields both
 * invitation forms (by email, by code) show; each form keeps the values and names the labels.
 */
export function InvitationFields({
  id,
  labels,
  cohorts,
  role,
  onRole,
  cohort,
  onCohort,
  days,
  onDays,
}: {
  /** Prefix of the fields' ids. */
  id: string;
  labels: { role: string; cohort: string; days: string };
  cohorts: readonly { id: string; name: string }[];
  role: Role;
  onRole: (role: Role) => void;
  /** The cohort's id, or '' for none. */
  cohort: string;
  onCohort: (cohort: string) => void;
  days: number;
  onDays: (days: number) => void;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-role`}>{labels.role}</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(event) => onRole(event.target.value as Role)}
        >
          <AgencyRoleOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-cohort`}>{labels.cohort}</label>
        <select
          id={`${id}-cohort`}
          value={cohort}
          onChange={(event) => onCohort(event.target.value)}
        >
          <option value="">No cohort</option>
          {cohorts.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-days`}>{labels.days}</label>
        <input
          id={`${id}-days`}
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(event) => onDays(Number(event.target.value))}
        />
      </div>
    </>
  );
}
