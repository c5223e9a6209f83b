import { AGENCY_ROLES, COHORT_ROLES } from '../../../domain/team/roles';

/** The `<option>`s of an agency role picker (learner, supervisor, admin). */
export function AgencyRoleOptions() {
  return AGENCY_ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}

/** The `<option>`s of a cohort role picker (learner, supervisor). */
export function CohortRoleOptions() {
  return COHORT_ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}
