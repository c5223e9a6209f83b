import { Forbidden } from '../Forbidden';
import { queryParam as param, useLoad, type TeamBase } from '../useTeam';
import { CohortDashboard } from './CohortDashboard';
import { ErrorBox } from './ErrorBox';

/** Cohort heatmap, gap ranking, programme progress, CSV export and a print view. */
/** Cohort heatmap, gap ranking, programme progress, CSV export and a print view. */
export function SupervisorDashboard({ context }: { context: TeamBase }) {
  const managing = context.memberships.filter(
    (membership) => membership.role === 'supervisor' || membership.role === 'admin',
  );
  const organisationId = param('org') ?? managing[0]?.organisation_id;
  const membership = managing.find((candidate) => candidate.organisation_id === organisationId);
  const cohorts = useLoad(async () => {
    if (!membership) return [];
    const all = await context.queries.cohorts(membership.organisation_id);
    if (membership.role === 'admin') return all;
    const mine = await context.queries.cohortMembers(all.map((cohort) => cohort.id));
    return all.filter((cohort) =>
      mine.some(
        (member) =>
          member.cohort_id === cohort.id &&
          member.user_id === context.user.id &&
          member.role === 'supervisor',
      ),
    );
  }, [membership?.organisation_id]);

  if (!membership)
    return <Forbidden>The team dashboard is for supervisors and agency admins.</Forbidden>;
  if (cohorts.loading && !cohorts.data) return <p role="status">Loading your cohorts…</p>;
  if (cohorts.error) return <ErrorBox message={cohorts.error} retry={cohorts.reload} />;
  const list = cohorts.data ?? [];
  if (list.length === 0) {
    return (
      <div className="card">
        <p>
          You do not supervise any cohort yet.{' '}
          {membership.role === 'admin' ? (
            <a href={`/team/admin/?org=${membership.organisation_id}`}>
              Create one and assign supervisors
            </a>
          ) : (
            'Ask your agency admin to assign you to one.'
          )}
        </p>
      </div>
    );
  }
  const requested = param('cohort');
  if (requested && !list.some((cohort) => cohort.id === requested)) {
    return <Forbidden>You can only open the cohorts you supervise.</Forbidden>;
  }
  return (
    <CohortDashboard
      context={context}
      organisationId={membership.organisation_id}
      organisationName={membership.organisations?.name ?? ''}
      cohorts={list}
      initial={requested ?? list[0]!.id}
    />
  );
}
