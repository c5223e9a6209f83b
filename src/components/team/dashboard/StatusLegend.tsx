import { STATUS_WORDINGS, STATUS_WORDS, statusMeaning } from '../../../domain/team/labels';

/** What the statuses mean, linking to the measurement page (the heatmap's and the table's key). */
export function StatusLegend() {
  return (
    <div className="legend">
      <ul>
        {STATUS_WORDINGS.map((wording) => (
          <li key={wording}>
            <span className={`cell ${wording}`}>{STATUS_WORDS[wording].short}</span>{' '}
            <span className="muted">
              {STATUS_WORDS[wording].label}: {statusMeaning(wording)}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted">
        In the heatmap, hover over or focus a cell for the estimate, its interval and the level.{' '}
        <a href="/about/#against-target">What the statuses and levels mean</a>
      </p>
    </div>
  );
}
