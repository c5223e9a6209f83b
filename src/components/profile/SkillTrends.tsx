import { useId, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import type { HistoryPoint } from '../../domain/scoring/history';
import { formatDate, intervalName, percent } from './format';

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
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart
            data={data}
            margin={{ left: 10, right: 20, top: 10, bottom: 10 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="var(--border)" />
            <XAxis
              dataKey="time"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(value: number) => formatDate(value)}
              stroke="var(--muted)"
            />
            <YAxis domain={[0, 1]} tickFormatter={percent} stroke="var(--muted)" />
            <Area
              dataKey="band"
              stroke="none"
              fill="var(--accent)"
              fillOpacity={0.18}
              isAnimationActive={false}
            />
            <Line
              dataKey="mean"
              stroke="var(--accent)"
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
            <ReferenceLine y={selected.target} stroke="var(--warn)" strokeDasharray="5 4" />
          </ComposedChart>
        </ResponsiveContainer>
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
