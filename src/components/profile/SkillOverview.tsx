import { lazy, Suspense, useId } from 'react';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import { formatEvidence, moreEvidenceInWords } from '../../domain/scoring/evidence-needed';
import { levelText, statusLabel } from '../../domain/team/labels';
import { ScrollRegion } from '../site/ScrollRegion';
import { WhenNearScreen } from '../site/WhenNearScreen';
import { intervalName, percent, ratingName } from './format';
import { RADAR_HEIGHT } from './chart-sizes';
import { EstimateBars } from './EstimateBars';

interface Props {
  estimates: SkillEstimate[];
  skillNames: Record<string, string>;
  /** The learner's own ratings; omit to leave the column out (a supervisor's view). */
  selfRatings?: Record<string, number>;
  heading?: string;
}

// Recharts loads only when there is something to chart, and the radar is drawn when it comes
// near the screen; its space is kept meanwhile. The bars, at the top, are plain HTML.
const SkillRadar = lazy(() =>
  import('./SkillCharts').then((module) => ({ default: module.SkillRadar })),
);

/**
 * Every skill's estimate with its credible interval and target. Charts are a visual summary
 * (hidden from assistive technology); the table carries the same facts for everyone.
 */
export function SkillOverview({
  estimates,
  skillNames,
  selfRatings,
  heading = 'Your skills',
}: Props) {
  const id = useId();
  const measured = estimates.filter((estimate) => estimate.status !== 'insufficient');
  const data = measured.map((estimate) => ({
    name: skillNames[estimate.skill] ?? estimate.skill,
    mean: estimate.mean,
    error: [estimate.mean - estimate.interval[0], estimate.interval[1] - estimate.mean],
    target: estimate.target,
  }));
  const waiting = estimates.filter((estimate) => estimate.status === 'insufficient');

  return (
    <section className="skill-overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">{heading}</h2>
      {measured.length > 0 && (
        <div className="charts">
          <figure className="chart" aria-hidden="true">
            <EstimateBars data={data} />
            <figcaption className="muted">
              Bars: estimate. Whiskers: {intervalName()}. Orange tick: target.
            </figcaption>
          </figure>
          {measured.length >= 3 && (
            <figure className="chart radar" aria-hidden="true">
              <WhenNearScreen height={RADAR_HEIGHT}>
                <Suspense fallback={<div style={{ height: RADAR_HEIGHT }} />}>
                  <SkillRadar data={data} />
                </Suspense>
              </WhenNearScreen>
              <figcaption className="muted">
                Overview of skills with enough evidence (dashed: target).
              </figcaption>
            </figure>
          )}
        </div>
      )}
      {waiting.length > 0 && (
        <div className="muted">
          <p>
            Not enough evidence yet for these skills, so they are left out of the charts rather than
            shown as low scores. Still needed:
          </p>
          <ul className="evidence-needed">
            {waiting.map((estimate) => (
              <li key={estimate.skill}>
                {skillNames[estimate.skill] ?? estimate.skill}:{' '}
                {moreEvidenceInWords(estimate.evidence)} on this skill
              </li>
            ))}
          </ul>
        </div>
      )}
      <ScrollRegion labelledBy={`${id}-caption`} className="skill-table-scroll">
        <table className="skill-table">
          <caption id={`${id}-caption`}>
            Skill estimates, {intervalName()}s and status against targets
          </caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Estimate</th>
              <th scope="col">{intervalName()}</th>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
              {selfRatings && <th scope="col">Your rating</th>}
            </tr>
          </thead>
          <tbody>
            {estimates.map((estimate) => {
              const enough = estimate.status !== 'insufficient';
              return (
                <tr key={estimate.skill} className={`status-${estimate.status}`}>
                  <th scope="row">{skillNames[estimate.skill] ?? estimate.skill}</th>
                  <td>{enough ? percent(estimate.mean) : '—'}</td>
                  <td>
                    {enough
                      ? `${percent(estimate.interval[0])}–${percent(estimate.interval[1])}`
                      : '—'}
                  </td>
                  <td>{percent(estimate.target)}</td>
                  <td>
                    <span className={`status-badge ${estimate.status}`}>
                      {statusLabel(estimate)}
                    </span>
                  </td>
                  <td>{enough ? levelText(estimate) : '—'}</td>
                  <td>{formatEvidence(estimate.evidence)}</td>
                  {selfRatings && (
                    <td>
                      {selfRatings[estimate.skill] ? ratingName(selfRatings[estimate.skill]!) : '—'}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
