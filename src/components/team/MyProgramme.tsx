import { programmeProgress } from '../../domain/team/team';
import { getProgressRecorder } from '../../services/progress';
import { useLoad, type TeamContext } from './useTeam';

/** The learner's assigned programmes: items in order, due dates, done and overdue, next step. */
export function MyProgramme({ context }: { context: TeamContext }) {
  const data = useLoad(async () => {
    const organisations = context.memberships.map((membership) => membership.organisation_id);
    const cohorts = (
      await Promise.all(organisations.map((organisation) => context.queries.cohorts(organisation)))
    ).flat();
    const mine = (await context.queries.cohortMembers(cohorts.map((cohort) => cohort.id))).filter(
      (member) => member.user_id === context.user.id && member.role === 'learner',
    );
    const assignments = await context.queries.assignments(mine.map((member) => member.cohort_id));
    const programmes = (
      await Promise.all(
        organisations.map((organisation) => context.queries.programmes(organisation)),
      )
    ).flat();
    // Done = recorded on the server or, not yet synced, in this browser.
    const [server, local] = await Promise.all([
      context.queries.completions([context.user.id]),
      getProgressRecorder().then((recorder) => recorder.all()),
    ]);
    const lessons = new Set([
      ...server.filter((row) => row.item_kind === 'lesson').map((row) => row.item_id),
      ...local.flatMap((record) => (record.kind === 'check' ? [record.lessonId] : [])),
    ]);
    const scenarios = new Set([
      ...server.filter((row) => row.item_kind === 'scenario').map((row) => row.item_id),
      ...local.flatMap((record) => (record.kind === 'completion' ? [record.scenarioId] : [])),
    ]);
    return { assignments, programmes, lessons, scenarios, cohorts };
  }, [context.user.id]);

  if (data.loading && !data.data) return <p role="status">Loading your programme…</p>;
  if (data.error) return <p role="alert">{data.error}</p>;
  const {
    assignments = [],
    programmes = [],
    lessons = new Set<string>(),
    scenarios = new Set<string>(),
  } = data.data ?? {};
  if (context.memberships.length === 0) {
    return (
      <p className="card">
        You are not in an agency yet. <a href="/team/">Join with your invitation code</a>.
      </p>
    );
  }
  if (assignments.length === 0)
    return <p className="card">No programme has been assigned to your cohort yet.</p>;
  const today = new Date().toISOString().slice(0, 10);
  const title = (kind: string, id: string) =>
    kind === 'lesson'
      ? (context.catalogue.lessons.find((lesson) => lesson.id === id)?.title ?? id)
      : (context.catalogue.scenarios.find((scenario) => scenario.id === id)?.title ?? id);
  const href = (kind: string, id: string) =>
    kind === 'lesson' ? `/learn/${id}/` : `/practice/${id}/`;

  return (
    <div className="my-programme">
      {assignments.map((assignment) => {
        const programme = programmes.find((candidate) => candidate.id === assignment.programme_id);
        if (!programme) return null;
        const items = [...(programme.programme_items ?? [])].sort(
          (a, b) => a.position - b.position,
        );
        const progress = programmeProgress(
          items,
          { lessons, scenarios },
          assignment.due_date,
          today,
        );
        return (
          <section
            key={`${assignment.cohort_id}-${programme.id}`}
            className="card"
            aria-labelledby={`programme-${programme.id}`}
          >
            <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
            {programme.description && <p>{programme.description}</p>}
            <p className={progress.overdue ? 'error' : 'muted'}>
              {progress.done} of {progress.total} done
              {assignment.due_date ? ` · due ${assignment.due_date}` : ''}
              {progress.overdue ? ' · overdue' : ''}
            </p>
            {progress.next ? (
              <p>
                <strong>Next step:</strong>{' '}
                <a href={href(progress.next.item_kind, progress.next.item_id)}>
                  {title(progress.next.item_kind, progress.next.item_id)}
                </a>
              </p>
            ) : (
              <p>
                <strong>Complete.</strong> Well done.
              </p>
            )}
            <ol className="programme-items">
              {items.map((item, index) => (
                <li key={item.position} className={progress.itemsDone[index] ? 'done' : ''}>
                  <a href={href(item.item_kind, item.item_id)}>
                    {title(item.item_kind, item.item_id)}
                  </a>{' '}
                  <span className="muted">
                    ({item.item_kind === 'lesson' ? 'lesson' : 'scenario'})
                  </span>{' '}
                  —{' '}
                  {progress.itemsDone[index]
                    ? 'done'
                    : assignment.due_date && assignment.due_date < today
                      ? 'overdue'
                      : 'to do'}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
