import type { ScenarioFlag } from '../../domain/scenario/schema';

/** A safety or ethics breach: always shown, whatever the score. */
export function FlagNotice({ flag }: { flag: ScenarioFlag }) {
  return (
    <p className={`flag flag-${flag.kind}`}>
      <strong>{flag.kind === 'safety' ? 'Safety concern' : 'Ethics concern'}:</strong> {flag.why}
    </p>
  );
}
