import type { CSSProperties } from 'react';
import { barsHeight } from './chart-sizes';
import { percent } from './format';

export interface SkillChartDatum {
  name: string;
  mean: number;
  /** How far the interval reaches below and above the mean. */
  error: number[];
  target: number;
}

const TICKS = [0, 0.25, 0.5, 0.75, 1];
const at = (share: number) => `${(Math.min(1, Math.max(0, share)) * 100).toFixed(2)}%`;

/**
 * Estimates as bars with their intervals as whiskers and targets as ticks: plain HTML and
 * CSS, drawn with the rest of the profile (Recharts, for the charts below the fold, costs a
 * phone several hundred milliseconds to start). Same height as the space kept for it.
 */
export function EstimateBars({ data }: { data: SkillChartDatum[] }) {
  return (
    <div className="estimate-bars" style={{ height: barsHeight(data.length) }}>
      <div>
        {data.map((datum) => {
          const low = datum.mean - (datum.error[0] ?? 0);
          const high = datum.mean + (datum.error[1] ?? 0);
          return (
            <div className="estimate-bars-row" key={datum.name}>
              <span className="estimate-bars-name">{datum.name}</span>
              <span className="estimate-bars-track">
                <span className="estimate-bars-bar" style={{ width: at(datum.mean) }} />
                <span
                  className="estimate-bars-whisker"
                  style={{ left: at(low), width: `calc(${at(high)} - ${at(low)})` }}
                />
                <span className="estimate-bars-target" style={{ left: at(datum.target) }} />
              </span>
            </div>
          );
        })}
        <div className="estimate-bars-row">
          <span />
          <span className="estimate-bars-axis">
            {TICKS.map((tick) => (
              <span key={tick} style={{ '--at': at(tick) } as CSSProperties}>
                {percent(tick)}
              </span>
            ))}
          </span>
        </div>
      </div>
    </div>
  );
}
