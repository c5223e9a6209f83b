import type {
  Assignment,
  Cohort,
  CohortMember,
  Invitation,
  MailDelivery,
  Membership,
  Programme,
  SkillTarget,
} from '../../../services/team/queries';
import type { TeamContext } from '../useTeam';

/** Everything the admin page loads for one agency, shared by its sections. */
export interface AdminData {
  members: Membership[];
  cohorts: Cohort[];
  cohortMembers: CohortMember[];
  invitations: Invitation[];
  programmes: Programme[];
  assignments: Assignment[];
  targets: SkillTarget[];
  /** Whether the server sends mail, and how. */
  mail: MailDelivery;
}

/** Runs one change, says how it went (`label` on success) and reloads; false on failure. */
export type Act = (label: string, action: () => Promise<unknown>) => Promise<boolean>;

export interface SectionProps {
  context: TeamContext;
  organisationId: string;
  data: AdminData;
  act: Act;
}

export const nameOf = (data: AdminData, userId: string) =>
  data.members.find((member) => member.user_id === userId)?.display_name ?? 'Unknown';
