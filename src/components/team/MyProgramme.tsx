import { completedInRecords } from '../../domain/activity/done';
import {
  completedItems,
  completionRule,
  itemDone,
  programmeProgress,
  type ProgrammeItemRef,
} from '../../domain/team/team';
import { formatDate } from '../profile/format';
import { getProgressRecorder } from '../../services/progress';
import { useSyncStatus } from '../sync/useSyncStatus';
import { useLoad, type TeamContext } from './useTeam';

/**
 * The learner's assigned programmes (items in order, due dates, done and overdue, next step)
 * and, beside them, what a supervisor or admin assigned to them alone.
 */
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
    const [assignments, individual] = await Promise.all([
      context.queries.assignments(mine.map((member) => member.cohort_id)),
      context.queries.learnerAssignments([context.user.id]),
    ]);
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
    // Done in this browser by the same rule, with some of it still on its way: "waiting".
    const lessonItems = Object.fromEntries(
      context.catalogue.lessons.map((lesson) => [lesson.id, lesson.check.map((item) => item.id)]),
    );
    const kept = records.filter((record) => !entries.some((e) => e.fatal && e.id === record.id));
    const waitingFor = new Set(
      records
        .filter((record) => queued.has(record.id))
        .flatMap((record) =>
          record.kind === 'check'
            ? [record.lessonId]
            : record.kind === 'completion'
              ? [record.scenarioId]
              : [],
        ),
    );
    return {
      assignments,
      individual,
      programmes,
      cohorts,
      server: completedItems(server),
      local: completedInRecords(kept, lessonItems),
      waitingFor,
    };
    // Reload when the sync has delivered what was waiting.
  }, [context.user.id, syncQueued === undefined || syncQueued === 0]);

  if (data.loading && !data.data) return <p role="status">Loading your programme…</p>;
  if (data.error) return <p role="alert">{data.error}</p>;
  const nothing = {
    lessons: new Set<string>(),
    scenarios: new Set<string>(),
    assessedScenarios: new Set<string>(),
  };
  const {
    assignments = [],
    individual = [],
    programmes = [],
    server = nothing,
    local = nothing,
    waitingFor = new Set<string>(),
  } = data.data ?? {};
  if (context.memberships.length === 0) {
    return (
      <p className="card">
        You are not in an agency yet. <a href="/team/">Join with your invitation code</a>.
      </p>
    );
  }
  if (assignments.length === 0 && individual.length === 0)
    return <p className="card">No programme has been assigned to your cohort yet.</p>;
  const today = new Date().toISOString().slice(0, 10);
  const title = (kind: string, id: string) =>
    kind === 'lesson'
      ? (context.catalogue.lessons.find((lesson) => lesson.id === id)?.title ?? id)
      : (context.catalogue.scenarios.find((scenario) => scenario.id === id)?.title ?? id);
  const href = (kind: string, id: string) =>
    kind === 'lesson' ? `/learn/${id}/` : `/practice/${id}/`;
  const itemState = (item: ProgrammeItemRef, done: boolean, dueDate: string | null) =>
    done
      ? 'done'
      : itemDone(item, local) && waitingFor.has(item.item_id)
        ? 'done in this browser, waiting to sync to your account'
        : dueDate && dueDate < today
          ? 'overdue'
          : 'to do';

  return (
    <div className="my-programme">
      {individual.length > 0 && (
        <section className="card" aria-labelledby="assigned-to-you">
          <h2 id="assigned-to-you">Assigned to you</h2>
          <p className="muted">Lessons and scenarios your supervisor chose for you.</p>
          <ul className="programme-items">
            {individual.map((assigned) => {
              // An individual assignment is completed by the same rule as a programme item
              // with the default mode (a scenario: an assessed attempt reaching an ending).
              const item: ProgrammeItemRef = {
                position: 1,
                item_kind: assigned.item_kind,
                item_id: assigned.item_id,
              };
              const done = itemDone(item, server);
              return (
                <li key={assigned.id} className={done ? 'done' : ''}>
                  <a href={href(item.item_kind, item.item_id)}>
                    {title(item.item_kind, item.item_id)}
                  </a>{' '}
                  <span className="muted">
                    ({item.item_kind}, {completionRule(item)}
                    {assigned.due_date ? `, due ${assigned.due_date}` : ''})
                  </span>{' '}
                  — {itemState(item, done, assigned.due_date)}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {assignments.map((assignment) => {
        const programme = programmes.find((candidate) => candidate.id === assignment.programme_id);
        if (!programme) return null;
        const items = [...(programme.programme_items ?? [])].sort(
          (a, b) => a.position - b.position,
        );
        const progress = programmeProgress(items, server, assignment.due_date, today);
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
                    ({item.item_kind === 'lesson' ? 'lesson' : 'scenario'}, {completionRule(item)})
                  </span>{' '}
                  — {itemState(item, progress.itemsDone[index] ?? false, assignment.due_date)}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
