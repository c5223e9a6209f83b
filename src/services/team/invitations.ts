import { AGENCY_ROLES, oneOf, type Role } from '../../domain/team/roles';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** Invitation codes (the only way into an agency besides creating one), shared or emailed. */

/** One address of an invitation by email: invited (and its mail queued, or not), or why not. */
export type EmailInvitationOutcome =
  | { email: string; ok: true; invitation_id: string; code: string; queued: boolean }
  | { email: string; ok: false; reason: string };

/** Whether the server sends mail, and how (a sender seen in the last day). */
export interface MailDelivery {
  configured: boolean;
  via: string | null;
  seen_at: string | null;
}

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
    /** One invitation per address (at most 100), each mailed when the server sends mail. */
    async inviteByEmail(
      organisationId: string,
      emails: readonly string[],
      role: Role,
      cohortId: string | null,
      days: number,
    ): Promise<EmailInvitationOutcome[]> {
      return unwrap(
        await supabase.rpc('invite_by_email', {
          organisation_id: organisationId,
          emails: [...emails],
          role,
          ...(cohortId ? { cohort_id: cohortId } : {}),
          days,
        }),
      ) as unknown as EmailInvitationOutcome[];
    },
    async resendInvitation(id: string): Promise<void> {
      done(await supabase.rpc('resend_invitation', { invitation_id: id }));
    },
    async mailDelivery(): Promise<MailDelivery> {
      return unwrap(await supabase.rpc('mail_delivery')) as unknown as MailDelivery;
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
