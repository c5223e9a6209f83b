import { useState } from 'react';
import { FormMessage, type FormOutcome } from '../../site/FormMessage';
import { Forbidden } from '../Forbidden';
import { queryParam as param, useLoad, type TeamContext } from '../useTeam';
import { CohortsSection } from './CohortsSection';
import { ContentAnalyticsSection } from './ContentAnalyticsSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { ProgrammesSection } from './ProgrammesSection';
import type { Act, AdminData } from './section';
import { TargetsSection } from './TargetsSection';

/**
 * Everything an agency admin manages: people, cohorts, invitations, programmes, targets, and
 * how the agency's learners answered the content (content analytics).
 */
export function AdminPanel({ context }: { context: TeamContext }) {
  const organisationId =
    param('org') ??
    context.memberships.find((membership) => membership.role === 'admin')?.organisation_id ??
    '';
  const membership = context.memberships.find(
    (candidate) => candidate.organisation_id === organisationId && candidate.role === 'admin',
  );
  const [message, setMessage] = useState<FormOutcome>();
  const data = useLoad(async (): Promise<AdminData> => {
    const [members, cohorts, invitations, programmes, targets, mail] = await Promise.all([
      context.queries.members(organisationId),
      context.queries.cohorts(organisationId),
      context.queries.invitations(organisationId),
      context.queries.programmes(organisationId),
      context.queries.targets(organisationId),
      context.queries.mailDelivery(),
    ]);
    const ids = cohorts.map((cohort) => cohort.id);
    const [cohortMembers, assignments] = await Promise.all([
      context.queries.cohortMembers(ids),
      context.queries.assignments(ids),
    ]);
    return { members, cohorts, cohortMembers, invitations, programmes, assignments, targets, mail };
  }, [organisationId]);

  if (!membership) return <Forbidden>Only admins of this agency can manage it.</Forbidden>;
  if (data.loading && !data.data) return <p role="status">Loading the agency…</p>;
  if (data.error || !data.data) return <p role="alert">{data.error}</p>;

  const act: Act = async (label, action) => {
    try {
      await action();
      setMessage({ kind: 'ok', text: label });
      data.reload();
      return true;
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  return (
    <div className="admin">
      <h2>{membership.organisations?.name}</h2>
      <FormMessage message={message} className="admin-message" />
      <CohortsSection
        context={context}
        organisationId={organisationId}
        data={data.data}
        act={act}
      />
      <InvitationsSection
        context={context}
        organisationId={organisationId}
        data={data.data}
        act={act}
      />
      <MembersSection
        context={context}
        organisationId={organisationId}
        data={data.data}
        act={act}
      />
      <ProgrammesSection
        context={context}
        organisationId={organisationId}
        data={data.data}
        act={act}
      />
      <TargetsSection
        context={context}
        organisationId={organisationId}
        data={data.data}
        act={act}
      />
      <ContentAnalyticsSection context={context} organisationId={organisationId} />
    </div>
  );
}
