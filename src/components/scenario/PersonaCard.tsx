import type { Scenario } from '../../domain/scenario/schema';

/** Who the client is and who you are; open before play, folded during it. */
export function PersonaCard({ scenario, open }: { scenario: Scenario; open: boolean }) {
  const { persona } = scenario;
  const counterparts = Object.values(scenario.counterparts);
  return (
    <details className="persona card" open={open}>
      <summary>
        <span className="persona-name">{persona.name}</span>{' '}
        <span className="muted">
          {persona.age}, {persona.pronouns}
        </span>
      </summary>
      <p>{persona.situation}</p>
      <dl className="persona-facts">
        <div>
          <dt>Wants</dt>
          <dd>{persona.goals.join('; ')}</dd>
        </div>
        <div>
          <dt>Fears</dt>
          <dd>{persona.fears.join('; ')}</dd>
        </div>
        <div>
          <dt>Culture and faith</dt>
          <dd>{persona.culture}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{persona.language}</dd>
        </div>
        {counterparts.length > 0 && (
          <div>
            <dt>Also in the conversation</dt>
            <dd>{counterparts.map((person) => `${person.name} (${person.role})`).join('; ')}</dd>
          </div>
        )}
      </dl>
      <p className="role">
        <strong>Your role:</strong> {scenario.role}
      </p>
    </details>
  );
}
