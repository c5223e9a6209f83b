import type { ScoringCatalogue } from '../../../services/scoring-catalogue';
import type { EventRow } from '../../../services/team/queries';
import { formatDate } from '../../profile/format';

/** Every scenario attempt of the learner, newest first, with its transcript and flags. */
export function Attempts({
  events,
  catalogue,
  skillNames,
}: {
  events: EventRow[];
  catalogue: ScoringCatalogue;
  skillNames: Record<string, string>;
}) {
  const attempts = new Map<string, EventRow[]>();
  for (const event of events) {
    if ((event.kind === 'choice' || event.kind === 'completion') && event.attempt_id)
      attempts.set(event.attempt_id, [...(attempts.get(event.attempt_id) ?? []), event]);
  }
  const list = [...attempts.entries()].sort((a, b) =>
    b[1][0]!.occurred_at.localeCompare(a[1][0]!.occurred_at),
  );
  return (
    <section aria-labelledby="attempts-heading">
      <h3 id="attempts-heading">Scenario attempts ({list.length})</h3>
      {list.length === 0 && <p>No scenario attempts yet.</p>}
      {list.map(([attemptId, rows]) => {
        const scenario = catalogue.scenarios.find(
          (candidate) => candidate.id === rows[0]!.scenario_id,
        );
        const ending = rows.find((row) => row.kind === 'completion');
        const choices = rows.filter((row) => row.kind === 'choice');
        const flagged = choices.filter(
          (row) =>
            scenario?.nodes[row.node_id ?? '']?.choices?.find(
              (choice) => choice.id === row.choice_id,
            )?.flag,
        );
        return (
          <details key={attemptId} className="attempt card">
            <summary>
              {scenario?.title ?? rows[0]!.scenario_id} — {formatDate(rows[0]!.occurred_at)},{' '}
              {rows[0]!.mode} mode,{' '}
              {ending
                ? `ended: ${scenario?.nodes[ending.ending_id ?? '']?.ending?.title ?? ending.ending_id}`
                : 'not finished'}
              {flagged.length > 0
                ? ` — ${flagged.length} safety/ethics flag${flagged.length === 1 ? '' : 's'}`
                : ''}
            </summary>
            <ol className="transcript-review">
              {choices.map((row) => {
                const choice = scenario?.nodes[row.node_id ?? '']?.choices?.find(
                  (candidate) => candidate.id === row.choice_id,
                );
                return (
                  <li key={row.id} className={choice?.flag ? 'flagged' : ''}>
                    <p>
                      <strong>Chose:</strong> “{choice?.text ?? row.choice_id}”
                    </p>
                    {choice?.flag && (
                      <p className="flag">
                        <strong>
                          {choice.flag.kind === 'safety' ? 'Safety' : 'Ethics'} concern:
                        </strong>{' '}
                        {choice.flag.why}
                      </p>
                    )}
                    <ul>
                      {Object.entries(choice?.evidence ?? {})
                        .filter(([, evidence]) => evidence.code !== 0)
                        .map(([skill, evidence]) => (
                          <li key={skill}>
                            {skillNames[skill] ?? skill}{' '}
                            {evidence.code > 0 ? `+${evidence.code}` : evidence.code}:{' '}
                            {evidence.why}
                          </li>
                        ))}
                    </ul>
                  </li>
                );
              })}
            </ol>
          </details>
        );
      })}
    </section>
  );
}
