import {
  GAP_ACTION_LABEL,
  percent,
  shortfallText,
  skillNamer,
  statusLabel,
} from '../../../domain/team/labels';
import type { CohortOverview } from '../../../services/team/overview';
import type { GapRequest } from './AssignFromGaps';
import { learnerHref } from '../links';

/** The cohort's measured gaps, largest expected shortfall first, with what to suggest. */
export function GapRanking({
  overview,
  skills,
  organisationId,
  onAssign,
  cohortId,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
  organisationId: string;
  /** Prepares the assignment panel for this gap (shown when the viewer may assign). */
  onAssign?: (request: Omit<GapRequest, 'at'>) => void;
  /** Carried to the drill-down so its back link returns to this cohort. */
  cohortId: string;
}) {
  const name = skillNamer(skills);
  const top = overview.gaps.filter((gap) => gap.estimate.status !== 'insufficient').slice(0, 12);
  return (
    <section aria-labelledby="gaps-heading">
      <h3 id="gaps-heading">Largest gaps first</h3>
      <p className="muted">
        Ranked by how far below target each skill is likely to be, weighing how sure we are (
        <a href="/about/#shortfall">how this is worked out</a>). “Not enough evidence” is not ranked
        as a gap.
      </p>
      {top.length === 0 ? (
        <p>No measured gaps in this cohort.</p>
      ) : (
        <ol className="gap-list">
          {top.map((gap) => (
            <li key={`${gap.userId}-${gap.estimate.skill}`}>
              <a href={learnerHref(organisationId, cohortId, gap.userId)}>{gap.name}</a> —{' '}
              {name(gap.estimate.skill)}: {percent(gap.estimate.mean)} against{' '}
              {percent(gap.estimate.target)} ({statusLabel(gap.estimate).toLowerCase()};{' '}
              {shortfallText(gap.shortfall, gap.estimate)}).
              {(gap.lesson || gap.scenario) && (
                <>
                  {' '}
                  {GAP_ACTION_LABEL}:{' '}
                  {gap.lesson && <a href={`/learn/${gap.lesson.id}/`}>{gap.lesson.title}</a>}
                  {gap.lesson && gap.scenario && ' or '}
                  {gap.scenario && (
                    <a href={`/practice/${gap.scenario.id}/`}>{gap.scenario.title}</a>
                  )}
                  {onAssign && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() =>
                          onAssign({
                            skill: gap.estimate.skill,
                            userId: gap.userId,
                            item: gap.lesson
                              ? { kind: 'lesson', id: gap.lesson.id }
                              : { kind: 'scenario', id: gap.scenario!.id },
                          })
                        }
                      >
                        Assign…
                        <span className="visually-hidden">
                          {' '}
                          {(gap.lesson ?? gap.scenario)!.title} to {gap.name}
                        </span>
                      </button>
                    </>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
