import { AGENCY_ROLES, oneOf, type Role } from '../../domain/team/roles';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** Invitation codes: the only way into an agency besides creating one. */

export interface Invitation extends Omit<TableRow<'invitations'>, 'role' | 'created_by'> {
  role: Role;
}

const invitation = (row: TableRow<'invitations'>): Invitation => {
  const { created_by: _createdBy, ...rest } = row;
  return { ...rest, role: oneOf(AGENCY_ROLES, row.role, 'invitations.role') };
};

export function invitationQueries(supabase: Backend) {
  return {
    async invitations(organisationId: string): Promise<Invitation[]> {
      return unwrap(
        await supabase
          .from('invitations')
          .select('*')
          .eq('organisation_id', organisationId)
          .order('created_at', { ascending: false }),
      ).map(invitation);
    },
    async createInvitation(
      organisationId: string,
      role: Role,
      cohortId: string | null,
      days: number,
    ): Promise<Invitation> {
      return invitation(
        unwrap(
          await supabase
            .from('invitations')
            .insert({
              organisation_id: organisationId,
              role,
              cohort_id: cohortId,
              expires_at: new Date(Date.now() + days * 86_400_000).toISOString(),
            })
            .select('*')
            .single(),
        ),
      );
    },
    async revokeInvitation(id: string): Promise<void> {
      // The server stamps its own time (an admin's clock may be off).
      done(
        await supabase
          .from('invitations')
          .update({ revoked_at: new Date().toISOString() })
          .eq('id', id),
      );
    },
  };
}
