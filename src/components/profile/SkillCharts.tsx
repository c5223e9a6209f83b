import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryPoint } from '../../domain/scoring/history';
import { RADAR_HEIGHT, TREND_HEIGHT } from './chart-sizes';
import type { SkillChartDatum } from './EstimateBars';
import { formatDate, percent } from './format';

/**
 * The profile's Recharts charts, in a chunk of their own: pages load it only when there is
 * something to chart near the screen (the estimate bars above them are plain HTML, see
 * EstimateBars). Visual summaries only; tables carry the same facts for everyone.
 */

/** Every measured skill at a glance, against the target (dashed). */
export function SkillRadar({ data }: { data: SkillChartDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height={RADAR_HEIGHT}>
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
  );
}

/** One skill's estimate over time: the line, its interval as a band, the target dashed. */
export function TrendLine({
  data,
  target,
}: {
  data: (HistoryPoint & { band: number[] })[];
  target: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={TREND_HEIGHT}>
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
        <Line dataKey="mean" stroke="var(--accent)" strokeWidth={2} dot isAnimationActive={false} />
        <ReferenceLine y={target} stroke="var(--warn)" strokeDasharray="5 4" />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
