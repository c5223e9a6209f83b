import type { CohortOverview } from '../../../services/team/overview';
import { formatDate } from '../../profile/format';
import { ScrollRegion } from '../../site/ScrollRegion';

/** Completion and overdue items per learner, per assigned programme. */
export function ProgrammeProgressTable({ overview }: { overview: CohortOverview }) {
  const programmes = overview.learners[0]?.programmes ?? [];
  if (programmes.length === 0)
    return <p className="muted">No programme is assigned to this cohort.</p>;
  return (
    <section aria-labelledby="progress-heading">
      <h3 id="progress-heading">Programme progress</h3>
      <ScrollRegion labelledBy="progress-heading">
        <table>
          <caption className="visually-hidden">Completion and overdue items per person</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              {programmes.map((entry) => (
                <th scope="col" key={entry.programme.id}>
                  {entry.programme.name} {entry.dueDate ? `(due ${formatDate(entry.dueDate)})` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.learners.map((learner) => (
              <tr key={learner.userId}>
                <th scope="row">{learner.name}</th>
                {learner.programmes.map((entry) => (
                  <td key={entry.programme.id} className={entry.progress.overdue ? 'overdue' : ''}>
                    {entry.progress.done} of {entry.progress.total} done
                    {entry.progress.overdue
                      ? ' — overdue'
                      : entry.progress.done === entry.progress.total
                        ? ' — complete'
                        : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
