import { useId } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import { levelText, statusLabel } from '../../domain/team/labels';
import { percent, ratingName } from './format';

interface Props {
  estimates: SkillEstimate[];
  skillNames: Record<string, string>;
  /** The learner's own ratings; omit to leave the column out (a supervisor's view). */
  selfRatings?: Record<string, number>;
  heading?: string;
}

/** A target tick drawn as a short vertical line. */
function TargetMark(props: { cx?: number; cy?: number }) {
  const { cx = 0, cy = 0 } = props;
  return <line x1={cx} x2={cx} y1={cy - 11} y2={cy + 11} stroke="var(--warn)" strokeWidth={3} />;
}

/**
 * Every skill's estimate with its 80% interval and target. Charts are a visual summary
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
            <ResponsiveContainer width="100%" height={Math.max(160, 44 * data.length + 40)}>
              <ComposedChart
                layout="vertical"
                data={data}
                margin={{ left: 20, right: 20, top: 10, bottom: 10 }}
                accessibilityLayer={false}
              >
                <CartesianGrid horizontal={false} stroke="var(--border)" />
                <XAxis
                  type="number"
                  domain={[0, 1]}
                  tickFormatter={percent}
                  stroke="var(--muted)"
                />
                <YAxis type="category" dataKey="name" width={170} stroke="var(--muted)" />
                <Bar dataKey="mean" fill="var(--accent)" barSize={18} isAnimationActive={false}>
                  <ErrorBar
                    dataKey="error"
                    direction="x"
                    width={8}
                    stroke="var(--text)"
                    strokeWidth={2}
                  />
                </Bar>
                <Scatter dataKey="target" shape={<TargetMark />} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
            <figcaption className="muted">
              Bars: estimate. Whiskers: 80% interval. Orange tick: target.
            </figcaption>
          </figure>
          {measured.length >= 3 && (
            <figure className="chart radar" aria-hidden="true">
              <ResponsiveContainer width="100%" height={300}>
                <RadarChart data={data} outerRadius="70%" accessibilityLayer={false}>
                  <PolarGrid stroke="var(--border)" />
                  <PolarAngleAxis dataKey="name" tick={{ fill: 'var(--text)', fontSize: 12 }} />
                  <PolarRadiusAxis domain={[0, 1]} tick={false} axisLine={false} />
                  <Radar
                    dataKey="target"
                    stroke="var(--warn)"
                    fill="none"
                    strokeDasharray="4 3"
                    isAnimationActive={false}
                  />
                  <Radar
                    dataKey="mean"
                    stroke="var(--accent)"
                    fill="var(--accent)"
                    fillOpacity={0.25}
                    isAnimationActive={false}
                  />
                </RadarChart>
              </ResponsiveContainer>
              <figcaption className="muted">
                Overview of skills with enough evidence (dashed: target).
              </figcaption>
            </figure>
          )}
        </div>
      )}
      {waiting.length > 0 && (
        <p className="muted">
          Not enough evidence yet for:{' '}
          {waiting.map((estimate) => skillNames[estimate.skill] ?? estimate.skill).join(', ')}.
          These are left out of the charts rather than shown as low scores.
        </p>
      )}
      {/* Its own scroll box on a phone: focusable so keyboard users can scroll it too. */}
      <div
        className="table-scroll skill-table-scroll"
        role="region"
        aria-labelledby={`${id}-caption`}
        tabIndex={0}
      >
        <table className="skill-table">
          <caption id={`${id}-caption`}>
            Skill estimates, 80% intervals and status against targets
          </caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Estimate</th>
              <th scope="col">80% interval</th>
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
                  <td>{estimate.evidence.toFixed(1)}</td>
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
      </div>
    </section>
  );
}
