import { lazy, Suspense, useId, useState } from 'react';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import type { HistoryPoint } from '../../domain/scoring/history';
import { TREND_HEIGHT } from './chart-sizes';
import { formatDate, intervalName, percent } from './format';
import { WhenNearScreen } from '../site/WhenNearScreen';

// Recharts loads only when there is a trend to draw, and draws when it comes near the
// screen; its space is kept meanwhile.
const TrendLine = lazy(() =>
  import('./SkillCharts').then((module) => ({ default: module.TrendLine })),
);

interface Props {
  history: Record<string, HistoryPoint[]>;
  estimates: SkillEstimate[];
  skillNames: Record<string, string>;
}

const TREND_TEXT = {
  improving: 'improving',
  declining: 'declining',
  steady: 'no clear change',
  unknown: 'not enough spread over time to tell',
} as const;

/** How a skill's estimate moved over time, one skill at a time, with a table alternative. */
export function SkillTrends({ history, estimates, skillNames }: Props) {
  const id = useId();
  const withHistory = estimates.filter((estimate) => (history[estimate.skill]?.length ?? 0) > 0);
  const [skill, setSkill] = useState(withHistory[0]?.skill ?? '');
  const selected = withHistory.find((estimate) => estimate.skill === skill) ?? withHistory[0];
  if (!selected) return null;
  const points = history[selected.skill] ?? [];
  const data = points.map((point) => ({ ...point, band: [point.low, point.high] }));
  const name = skillNames[selected.skill] ?? selected.skill;

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Trend</h2>
      <label htmlFor={`${id}-skill`}>Skill</label>{' '}
      <select
        id={`${id}-skill`}
        value={selected.skill}
        onChange={(event) => setSkill(event.target.value)}
      >
        {withHistory.map((estimate) => (
          <option key={estimate.skill} value={estimate.skill}>
            {skillNames[estimate.skill] ?? estimate.skill}
          </option>
        ))}
      </select>
      <p>
        {name}: {TREND_TEXT[selected.trend.direction]}
        {selected.trend.direction === 'improving' || selected.trend.direction === 'declining'
          ? ` (${selected.trend.slopePer30Days > 0 ? '+' : ''}${(selected.trend.slopePer30Days * 100).toFixed(1)} points per 30 days, beyond twice its uncertainty)`
          : ''}
        .
      </p>
      <figure className="chart" aria-hidden="true">
        <WhenNearScreen height={TREND_HEIGHT}>
          <Suspense fallback={<div style={{ height: TREND_HEIGHT }} />}>
            <TrendLine data={data} target={selected.target} />
          </Suspense>
        </WhenNearScreen>
      </figure>
      <details>
        <summary>{name} over time as a table</summary>
        <table>
          <caption className="visually-hidden">{name} estimate by day</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Estimate</th>
              <th scope="col">{intervalName()}</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.time}>
                <th scope="row">{formatDate(point.time)}</th>
                <td>{percent(point.mean)}</td>
                <td>
                  {percent(point.low)}–{percent(point.high)}
                </td>
                <td>{point.evidence.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
