import type { FlagItem } from '../../domain/scoring/evidence';
import { formatDate } from './format';

/** Safety and ethics concerns from scenario choices: shown whatever the score. */
export function FlagList({
  flags,
  scenarios,
}: {
  flags: FlagItem[];
  scenarios: { id: string; title: string }[];
}) {
  if (flags.length === 0) return null;
  const title = (id: string) => scenarios.find((scenario) => scenario.id === id)?.title ?? id;
  return (
    <section aria-labelledby="flags-heading" className="flag-list">
      <h2 id="flags-heading">Safety and ethics concerns</h2>
      <ul>
        {flags.map((flag) => (
          <li key={flag.recordId} className={`flag flag-${flag.kind}`}>
            <strong>{flag.kind === 'safety' ? 'Safety' : 'Ethics'}</strong> —{' '}
            {title(flag.scenarioId)}, {formatDate(flag.time)}: “{flag.choiceText}” {flag.why}
          </li>
        ))}
      </ul>
    </section>
  );
}
