import type { CohortOverview } from '../../../services/team/overview';
import { estimateText, STATUS_SHORT } from '../../../domain/team/labels';

/** Status against target per learner and skill, each cell focusable for its estimate. */
export function Heatmap({
  overview,
  skills,
  organisationId,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
  organisationId: string;
}) {
  return (
    <section aria-labelledby="heatmap-heading">
      <h3 id="heatmap-heading">Skills against target</h3>
      <p className="legend muted">
        {(['meets', 'developing', 'gap', 'insufficient'] as const).map((status) => (
          <span key={status}>
            <span className={`cell ${status}`}>{STATUS_SHORT[status]}</span>{' '}
          </span>
        ))}
        — hover over or focus a cell for the estimate and its interval.
      </p>
      <div className="table-scroll">
        <table className="heatmap">
          <caption className="visually-hidden">Status against target per learner and skill</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              {skills.map((skill) => (
                <th scope="col" key={skill.id}>
                  {skill.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.learners.map((learner) => (
              <tr key={learner.userId}>
                <th scope="row">
                  <a href={`/team/learner/?org=${organisationId}&id=${learner.userId}`}>
                    {learner.name}
                  </a>
                </th>
                {learner.estimates.map((estimate) => (
                  <td key={estimate.skill} className={`cell ${estimate.status}`}>
                    {/* A button, so keyboard users can focus it for the same detail as the hover tooltip. */}
                    <button
                      type="button"
                      className="cell-label"
                      aria-describedby={`tip-${learner.userId}-${estimate.skill}`}
                    >
                      {STATUS_SHORT[estimate.status]}
                    </button>
                    <span
                      role="tooltip"
                      id={`tip-${learner.userId}-${estimate.skill}`}
                      className="tip"
                    >
                      {estimateText(estimate)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
