import { useId, useState, type SubmitEvent } from 'react';
import { SCORING_CONFIG } from '../../../domain/scoring/config';
import { OBSERVATION_WEIGHT, observationScore } from '../../../domain/team/team';
import {
  PROFICIENCY_LEVEL_NAMES,
  PROFICIENCY_LEVELS,
  type ProficiencyLevel,
} from '../../../domain/skills/skill';
import type { ScoringCatalogue } from '../../../services/scoring-catalogue';
import { FormMessage, type FormOutcome } from '../../site/FormMessage';
import type { TeamContext } from '../useTeam';

/** A supervisor records what they saw of the learner's real work, against a level. */
export function ObservationForm({
  context,
  learnerId,
  catalogue,
  onSaved,
}: {
  context: TeamContext;
  learnerId: string;
  catalogue: ScoringCatalogue;
  onSaved: () => void;
}) {
  const id = useId();
  const [skill, setSkill] = useState(catalogue.skills[0]?.id ?? '');
  const [level, setLevel] = useState<ProficiencyLevel>('competent');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<FormOutcome>();
  const descriptor = catalogue.skills.find((candidate) => candidate.id === skill)?.levels[level];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!note.trim())
      return setMessage({ kind: 'error', text: 'Describe what you observed (a sentence or two).' });
    if (date > new Date().toISOString().slice(0, 10))
      return setMessage({
        kind: 'error',
        text: 'The date of an observation cannot be in the future.',
      });
    context.queries
      .recordObservation(learnerId, {
        skill,
        y: observationScore(level, SCORING_CONFIG),
        w: OBSERVATION_WEIGHT,
        // Midday of that day, or now if that is still to come (the server refuses future times).
        at: new Date(Math.min(Date.parse(`${date}T12:00:00Z`), Date.now())).toISOString(),
        note: note.trim(),
      })
      .then(() => {
        setNote('');
        setMessage({
          kind: 'ok',
          text: 'Observation recorded. It counts as evidence and the learner can see it.',
        });
        onSaved();
      })
      .catch((error: unknown) =>
        setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
      );
  };

  return (
    <form
      className="card observation-form no-print"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-heading`}
    >
      <h4 id={`${id}-heading`}>Record an observation of real work</h4>
      <div className="field">
        <label htmlFor={`${id}-skill`}>Skill</label>
        <select id={`${id}-skill`} value={skill} onChange={(event) => setSkill(event.target.value)}>
          {catalogue.skills.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-level`}>What you saw matches</label>
        <select
          id={`${id}-level`}
          value={level}
          onChange={(event) => setLevel(event.target.value as ProficiencyLevel)}
          aria-describedby={`${id}-descriptor`}
        >
          {PROFICIENCY_LEVELS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {PROFICIENCY_LEVEL_NAMES[candidate]}
            </option>
          ))}
        </select>
        <p id={`${id}-descriptor`} className="hint">
          {descriptor}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>Date observed</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
        />
      </div>
      <button type="submit">Record observation</button>
      <FormMessage message={message} />
    </form>
  );
}
