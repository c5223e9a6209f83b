import { percent, skillNamer } from '../../../domain/team/labels';
import { loadLearnerRecord, type LearnerRecord } from '../../../services/team/learner-record';
import { eventStatements, xapiFileName } from '../../../services/lms/xapi-export';
import { formatDate } from '../../profile/format';
import { downloadFile } from '../../site/download';
import { SkillOverview } from '../../profile/SkillOverview';
import { SkillTrends } from '../../profile/SkillTrends';
import { Forbidden } from '../Forbidden';
import { queryParam as param, useLoad, type TeamContext } from '../useTeam';
import { dashboardHref } from '../links';
import { Attempts } from './Attempts';
import { ObservationForm } from './ObservationForm';

/** One learner: profile against targets, trend, every attempt with its transcript, observations. */
export function LearnerDrilldown({ context }: { context: TeamContext }) {
  const learnerId = param('id') ?? '';
  const organisationId =
    param('org') ??
    context.memberships.find((membership) => membership.role !== 'learner')?.organisation_id ??
    '';
  const me = context.memberships.find(
    (membership) => membership.organisation_id === organisationId,
  );
  const data = useLoad(
    () => loadLearnerRecord(context.queries, context.catalogue, organisationId, learnerId),
    [learnerId, organisationId],
  );

  if (!me || me.role === 'learner')
    return (
      <Forbidden>Only supervisors and admins of this agency can open a learner’s record.</Forbidden>
    );
  if (data.loading && !data.data) return <p role="status">Loading the learner…</p>;
  if (data.error) return <p role="alert">{data.error}</p>;
  if (!data.data)
    return (
      <Forbidden>
        You can only open learners in the cohorts you supervise (admins: learners of your agency).
      </Forbidden>
    );
  return (
    <>
      <p className="no-print back-link">
        <a href={dashboardHref(organisationId, param('cohort'))}>← Back to the team dashboard</a>
      </p>
      <LearnerDetail context={context} record={data.data} reload={data.reload} />
    </>
  );
}

function LearnerDetail({
  context,
  record: { person, people, events, view },
  reload,
}: {
  context: TeamContext;
  record: LearnerRecord;
  reload: () => void;
}) {
  const { catalogue } = context;
  const skillNames = Object.fromEntries(catalogue.skills.map((skill) => [skill.id, skill.name]));
  const skillName = skillNamer(catalogue.skills);
  const observations = events.filter((event) => event.kind === 'observation');

  return (
    <div className="learner-detail">
      <h2>
        {person.display_name}
        {person.status === 'removed' ? ' (removed from the agency — records kept)' : ''}
      </h2>
      <p className="no-print">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            downloadFile(
              JSON.stringify(eventStatements(events, catalogue, person), null, 2),
              xapiFileName(person.display_name),
              'application/json',
            )
          }
        >
          Export xAPI statements
        </button>
      </p>
      <SkillOverview
        estimates={view.profile.skills}
        skillNames={skillNames}
        heading="Skills against the agency’s targets"
      />
      <SkillTrends history={view.history} estimates={view.profile.skills} skillNames={skillNames} />
      <Attempts events={events} catalogue={catalogue} skillNames={skillNames} />
      <section aria-labelledby="observations-heading">
        <h3 id="observations-heading">Observed practice</h3>
        {observations.length === 0 ? (
          <p>No observations recorded yet.</p>
        ) : (
          <ul>
            {observations.map((event) => (
              <li key={event.id}>
                {formatDate(event.occurred_at)} — {skillName(event.skill_id ?? '')}: scored{' '}
                {percent(event.score ?? 0)}
                {event.note ? ` — “${event.note}”` : ''}{' '}
                <span className="muted">
                  (by{' '}
                  {people.find((candidate) => candidate.user_id === event.observed_by)
                    ?.display_name ?? 'a supervisor'}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
        <ObservationForm
          context={context}
          learnerId={person.user_id}
          catalogue={catalogue}
          onSaved={reload}
        />
      </section>
    </div>
  );
}
