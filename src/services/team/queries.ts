import { activityQueries } from './activity';
import type { Backend } from './backend';
import { cohortQueries } from './cohorts';
import { invitationQueries } from './invitations';
import { learnerAssignmentQueries } from './learner-assignments';
import { membershipQueries } from './memberships';
import { programmeQueries } from './programmes';
import { progressQueries } from './progress';
import { targetQueries } from './targets';

/**
 * The team features' reads and writes for one signed-in person, one file per aggregate
 * (memberships, cohorts, invitations, programmes, learner assignments, targets, activity,
 * progress).
 */
export function teamQueries(supabase: Backend, me: string) {
  return {
    me,
    ...membershipQueries(supabase, me),
    ...cohortQueries(supabase),
    ...invitationQueries(supabase),
    ...programmeQueries(supabase),
    ...learnerAssignmentQueries(supabase),
    ...targetQueries(supabase),
    ...activityQueries(supabase, me),
    ...progressQueries(supabase),
  };
}

export type TeamQueries = ReturnType<typeof teamQueries>;

export { TeamError } from './backend';
export type { EventRow } from './activity';
export type { Cohort, CohortMember } from './cohorts';
export type { EmailInvitationOutcome, Invitation, MailDelivery } from './invitations';
export type { LearnerAssignment } from './learner-assignments';
export type { Membership } from './memberships';
export type { Assignment, Programme, ProgrammeItem } from './programmes';
export type { Completion, StatsRow } from './progress';
export { totalsFromRow } from './progress';
export type { SkillTarget } from './targets';
export type { Role } from '../../domain/team/roles';
