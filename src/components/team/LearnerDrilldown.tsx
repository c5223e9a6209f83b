import { useId, useState, type SubmitEvent } from 'react';
import { SCORING_CONFIG } from '../../domain/scoring/config';
import { scoringContentFrom } from '../../domain/scoring/content';
import { estimateHistory } from '../../domain/scoring/history';
import { scoreLearner } from '../../domain/scoring/profile';
import { OBSERVATION_WEIGHT, observationScore, targetFor } from '../../domain/team/team';
import {
  PROFICIENCY_LEVEL_NAMES,
  PROFICIENCY_LEVELS,
  type ProficiencyLevel,
} from '../../domain/skills/skill';
import type { ScoringCatalogue } from '../../services/scoring-catalogue';
import { activityFromEventRows } from '../../domain/activity/event-row';
import type { EventRow } from '../../services/team/queries';
import { formatDate } from '../profile/format';
import { SkillOverview } from '../profile/SkillOverview';
import { SkillTrends } from '../profile/SkillTrends';
import { FormMessage, type FormOutcome } from '../site/FormMessage';
import { Forbidden } from './Forbidden';
import { queryParam as param, useLoad, type TeamContext } from './useTeam';

/** One learner: profile against targets, trend, every attempt with its transcript, observations. */
export function LearnerDrilldown({ context }: { context: TeamContext }) {
  const learnerId = param('id') ?? '';
  const organisationId =
    param('org') ??
    context.memberships.find((membership) => membership.role !== 'learner')?.organisation_id ??
    '';
  const me = context.memberships.find(
    (membership) => membership.organisation_id === organisationId,
  );
  const data = useLoad(async () => {
    const people = await context.queries.members(organisationId);
    const person = people.find((candidate) => candidate.user_id === learnerId);
    if (!person || learnerId === context.user.id) return null;
    const [events, targets, cohortRows] = await Promise.all([
      context.queries.events(learnerId),
      context.queries.targets(organisationId),
      context.queries.cohortMembers(
        (await context.queries.cohorts(organisationId)).map((cohort) => cohort.id),
      ),
    ]);
    const cohortId =
      cohortRows.find((row) => row.user_id === learnerId && row.role === 'learner')?.cohort_id ??
      null;
    return { person, events, targets, cohortId, people };
  }, [learnerId, organisationId]);

  if (!me || me.role === 'learner')
    return (
      <Forbidden>Only supervisors and admins of this agency can open a learner’s record.</Forbidden>
    );
  if (data.loading && !data.data) return <p role="status">Loading the learner…</p>;
  if (data.error) return <p role="alert">{data.error}</p>;
  if (!data.data)
    return (
      <Forbidden>
        You can only open learners in the cohorts you supervise (admins: learners of your agency).
      </Forbidden>
    );
  return (
    <LearnerView
      context={context}
      organisationId={organisationId}
      {...data.data}
      reload={data.reload}
    />
  );
}

function LearnerView({
  context,
  person,
  events,
  targets,
  cohortId,
  people,
  reload,
}: {
  context: TeamContext;
  organisationId: string;
  person: { display_name: string; status: string; user_id: string };
  events: EventRow[];
  targets: { cohort_id: string | null; skill_id: string; target: number }[];
  cohortId: string | null;
  people: { user_id: string; display_name: string }[];
  reload: () => void;
}) {
  const { catalogue } = context;
  const skills = catalogue.skills.map((skill) => skill.id);
  const skillNames = Object.fromEntries(catalogue.skills.map((skill) => [skill.id, skill.name]));
  const targetMap = Object.fromEntries(
    skills.map((skill) => [
      skill,
      targetFor(skill, cohortId, targets, SCORING_CONFIG.defaultTarget),
    ]),
  );
  const content = scoringContentFrom({
    scenarios: catalogue.scenarios,
    lessons: catalogue.lessons,
  });
  const profile = scoreLearner(activityFromEventRows(events), content, {
    skills,
    targets: targetMap,
  });
  const history = Object.fromEntries(
    skills.map((skill) => [skill, estimateHistory(profile.evidence, skill, targetMap[skill]!)]),
  );
  const observations = events.filter((event) => event.kind === 'observation');

  return (
    <div className="learner-detail">
      <h2>
        {person.display_name}
        {person.status === 'removed' ? ' (removed from the agency — records kept)' : ''}
      </h2>
      <SkillOverview
        estimates={profile.skills}
        skillNames={skillNames}
        heading="Skills against the agency’s targets"
      />
      <SkillTrends history={history} estimates={profile.skills} skillNames={skillNames} />
      <Attempts events={events} catalogue={catalogue} skillNames={skillNames} />
      <section aria-labelledby="observations-heading">
        <h3 id="observations-heading">Observed practice</h3>
        {observations.length === 0 ? (
          <p>No observations recorded yet.</p>
        ) : (
          <ul>
            {observations.map((event) => (
              <li key={event.id}>
                {formatDate(event.occurred_at)} —{' '}
                {skillNames[event.skill_id ?? ''] ?? event.skill_id}: scored{' '}
                {Math.round((event.score ?? 0) * 100)}%{event.note ? ` — “${event.note}”` : ''}{' '}
                <span className="muted">
                  (by{' '}
                  {people.find((candidate) => candidate.user_id === event.observed_by)
                    ?.display_name ?? 'a supervisor'}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
        <ObservationForm
          context={context}
          learnerId={person.user_id}
          catalogue={catalogue}
          onSaved={reload}
        />
      </section>
    </div>
  );
}

function Attempts({
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

function ObservationForm({
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
