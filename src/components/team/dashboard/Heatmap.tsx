import type { CohortOverview } from '../../../services/team/overview';
import { learnerHref } from '../links';
import { estimateText, STATUS_WORDS, statusWording } from '../../../domain/team/labels';

/**
 * Status against target per learner and skill in its own scroll container: the names stay
 * in view (sticky column) and each cell is focusable for its estimate.
 */
export function Heatmap({
  overview,
  skills,
  organisationId,
  cohortId,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
  organisationId: string;
  /** Carried to the drill-down so its back link returns to this cohort. */
  cohortId: string;
}) {
  return (
    <section aria-labelledby="heatmap-heading" className="heatmap-section">
      <h3 id="heatmap-heading">Skills against target</h3>
      <div className="table-scroll heatmap-scroll">
        <table className="heatmap">
          <caption className="visually-hidden">Status against target per learner and skill</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              {skills.map((skill) => (
                // Header text wraps to keep columns narrow; the title shows the name on hover.
                <th scope="col" key={skill.id} title={skill.name}>
                  {skill.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.learners.map((learner) => (
              <tr key={learner.userId}>
                <th scope="row">
                  <a href={learnerHref(organisationId, cohortId, learner.userId)}>{learner.name}</a>
                </th>
                {learner.estimates.map((estimate) => {
                  const wording = statusWording(estimate);
                  return (
                    <td key={estimate.skill} className={`cell ${wording}`}>
                      {/* A button, so keyboard users can focus it for the same detail as the hover tooltip. */}
                      <button
                        type="button"
                        className="cell-label"
                        aria-describedby={`tip-${learner.userId}-${estimate.skill}`}
                      >
                        {STATUS_WORDS[wording].short}
                      </button>
                      <span
                        role="tooltip"
                        id={`tip-${learner.userId}-${estimate.skill}`}
                        className="tip"
                      >
                        {estimateText(estimate)}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
