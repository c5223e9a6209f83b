import { programmeProgress } from '../../domain/team/team';
import { formatDate } from '../profile/format';
import { getProgressRecorder } from '../../services/progress';
import { useSyncStatus } from '../sync/useSyncStatus';
import { useLoad, type TeamContext } from './useTeam';

/** The learner's assigned programmes: items in order, due dates, done and overdue, next step. */
export function MyProgramme({ context }: { context: TeamContext }) {
  const syncQueued = useSyncStatus()?.queued;
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
    // Done = what the server derived from the records it accepted. Records still on their way
    // from this browser are shown as waiting; refused ones count for nothing.
    const [server, recorder] = await Promise.all([
      context.queries.completions([context.user.id]),
      getProgressRecorder(),
    ]);
    const { records, entries } = await recorder.outbox.snapshot();
    const queued = new Set(entries.filter((entry) => !entry.fatal).map((entry) => entry.id));
    const waiting = records.filter((record) => queued.has(record.id));
    const done = (kind: string) =>
      new Set(server.filter((row) => row.item_kind === kind).map((row) => row.item_id));
    return {
      assignments,
      programmes,
      cohorts,
      lessons: done('lesson'),
      scenarios: done('scenario'),
      waitingLessons: new Set(
        waiting.flatMap((record) => (record.kind === 'check' ? [record.lessonId] : [])),
      ),
      waitingScenarios: new Set(
        waiting.flatMap((record) => (record.kind === 'completion' ? [record.scenarioId] : [])),
      ),
    };
    // Reload when the sync has delivered what was waiting.
  }, [context.user.id, syncQueued === undefined || syncQueued === 0]);

  if (data.loading && !data.data) return <p role="status">Loading your programme…</p>;
  if (data.error) return <p role="alert">{data.error}</p>;
  const {
    assignments = [],
    programmes = [],
    lessons = new Set<string>(),
    scenarios = new Set<string>(),
    waitingLessons = new Set<string>(),
    waitingScenarios = new Set<string>(),
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
              {assignment.due_date ? ` · due ${formatDate(assignment.due_date)}` : ''}
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
                    : (item.item_kind === 'lesson' ? waitingLessons : waitingScenarios).has(
                          item.item_id,
                        )
                      ? 'done in this browser, waiting to sync to your account'
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
