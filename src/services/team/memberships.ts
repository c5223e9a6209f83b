import {
  AGENCY_ROLES,
  MEMBERSHIP_STATUSES,
  oneOf,
  type MembershipStatus,
  type Role,
} from '../../domain/team/roles';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** Organisations and who belongs to them, in which role. */

export interface Membership extends Omit<TableRow<'memberships'>, 'role' | 'status'> {
  role: Role;
  status: MembershipStatus;
  organisations?: { name: string; is_demo: boolean } | null;
}

const membership = <R extends TableRow<'memberships'>>(row: R) => ({
  ...row,
  role: oneOf(AGENCY_ROLES, row.role, 'memberships.role'),
  status: oneOf(MEMBERSHIP_STATUSES, row.status, 'memberships.status'),
});

export function membershipQueries(supabase: Backend, me: string) {
  return {
    async myMemberships(): Promise<Membership[]> {
      return unwrap(
        await supabase
          .from('memberships')
          .select('*, organisations(name, is_demo)')
          .eq('user_id', me)
          .eq('status', 'active')
          .order('joined_at'),
      ).map(membership);
    },
    async members(organisationId: string): Promise<Membership[]> {
      return unwrap(
        await supabase
          .from('memberships')
          .select('*')
          .eq('organisation_id', organisationId)
          .order('display_name'),
      ).map(membership);
    },
    async createOrganisation(name: string): Promise<string> {
      return unwrap<{ id: string }>(
        await supabase
          .from('organisations')
          .insert({ name: name.trim(), created_by: me })
          .select('id')
          .single(),
      ).id;
    },
    async joinOrganisation(code: string, displayName: string): Promise<Membership> {
      return membership(
        unwrap(
          await supabase
            .rpc('join_organisation', { invitation_code: code, display_name: displayName })
            .single(),
        ),
      );
    },
    async setMemberRole(organisationId: string, userId: string, role: Role): Promise<void> {
      done(
        await supabase
          .from('memberships')
          .update({ role })
          .eq('organisation_id', organisationId)
          .eq('user_id', userId),
      );
    },
    async removeMember(organisationId: string, userId: string): Promise<void> {
      done(
        await supabase
          .from('memberships')
          .update({ status: 'removed' })
          .eq('organisation_id', organisationId)
          .eq('user_id', userId),
      );
    },
  };
}
