import {
  intervalName,
  levelText,
  percent,
  skillNamer,
  statusLabel,
} from '../../../domain/team/labels';
import type { CohortOverview } from '../../../services/team/overview';
import { ScrollRegion } from '../../site/ScrollRegion';

/**
 * The heatmap as a table: every learner's estimate, interval, target, status and level per
 * skill. Also what the dashboard prints, whichever view is on screen.
 */
export function DetailTable({
  overview,
  skills,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
}) {
  const name = skillNamer(skills);
  return (
    <section aria-labelledby="detail-heading">
      <h3 id="detail-heading">Skills against target (table)</h3>
      <ScrollRegion labelledBy="detail-heading">
        <table className="detail-table">
          <caption className="visually-hidden">
            Every learner's estimate, interval, target, status and level per skill
          </caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Skill</th>
              <th scope="col">Status</th>
              <th scope="col">Estimate</th>
              <th scope="col">{intervalName()}</th>
              <th scope="col">Target</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {overview.learners.flatMap((learner) =>
              learner.estimates.map((estimate) => {
                const measured = estimate.status !== 'insufficient';
                return (
                  <tr key={`${learner.userId}-${estimate.skill}`}>
                    <th scope="row">{learner.name}</th>
                    <td>{name(estimate.skill)}</td>
                    <td>{statusLabel(estimate)}</td>
                    <td>{measured ? percent(estimate.mean) : '—'}</td>
                    <td>
                      {measured
                        ? `${percent(estimate.interval[0])}–${percent(estimate.interval[1])}`
                        : '—'}
                    </td>
                    <td>{percent(estimate.target)}</td>
                    <td>{measured ? levelText(estimate) : '—'}</td>
                    <td>{estimate.evidence.toFixed(1)}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
