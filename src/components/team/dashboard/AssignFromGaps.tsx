import { useEffect, useId, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { itemsForSkill, learnersBelowTarget } from '../../../domain/team/gap-assignment';
import type { CohortOverview } from '../../../services/team/overview';
import { FormMessage, type FormOutcome } from '../../site/FormMessage';
import type { TeamBase } from '../useTeam';

/** What the gap ranking asks the panel to prepare: a skill, maybe one learner and an item. */
export interface GapRequest {
  skill: string;
  userId?: string;
  item?: { kind: 'lesson' | 'scenario'; id: string };
  /** Changes on every request, so asking twice for the same gap still moves focus. */
  at: number;
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Act on a gap: assign a lesson or scenario for a skill, with a due date, to one learner or
 * to everyone below target on it (the heatmap's gaps). Learners see it in "My programme".
 */
export function AssignFromGaps({
  context,
  organisationId,
  overview,
  request,
  onAssigned,
}: {
  context: TeamBase;
  organisationId: string;
  overview: CohortOverview;
  request?: GapRequest;
  onAssigned?: () => void;
}) {
  const id = useId();
  const skills = context.summaries.skills;
  const firstGapSkill = overview.gaps.find((gap) => gap.estimate.status !== 'insufficient')
    ?.estimate.skill;
  const [skill, setSkill] = useState(firstGapSkill ?? skills[0]?.id ?? '');
  const below = useMemo(() => learnersBelowTarget(overview.learners, skill), [overview, skill]);
  const items = useMemo(
    () => itemsForSkill(skill, context.summaries.lessons, context.summaries.scenarios),
    [skill, context.summaries],
  );
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(below.map((l) => l.userId)));
  const [item, setItem] = useState(items[0] ? `${items[0].kind}:${items[0].id}` : '');
  const [due, setDue] = useState(inDays(14));
  const [message, setMessage] = useState<FormOutcome>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const chooseSkill = (next: string, only?: string, nextItem?: string) => {
    setSkill(next);
    const everyone = learnersBelowTarget(overview.learners, next).map((l) => l.userId);
    setChosen(new Set(only ? [only] : everyone));
    const options = itemsForSkill(next, context.summaries.lessons, context.summaries.scenarios);
    setItem(nextItem ?? (options[0] ? `${options[0].kind}:${options[0].id}` : ''));
    setMessage(undefined);
  };

  useEffect(() => {
    if (!request) return;
    chooseSkill(
      request.skill,
      request.userId,
      request.item ? `${request.item.kind}:${request.item.id}` : undefined,
    );
    heading.current?.focus();
    // Only a new request re-prepares the panel; what the person changes after stays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request?.at]);

  // Someone assigned from the ranking may not be below target (a developing estimate).
  const people = [
    ...below,
    ...overview.learners
      .filter(
        (learner) => chosen.has(learner.userId) && !below.some((b) => b.userId === learner.userId),
      )
      .map((learner) => ({ userId: learner.userId, name: learner.name })),
  ];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const learnerIds = people.map((person) => person.userId).filter((userId) => chosen.has(userId));
    if (learnerIds.length === 0)
      return setMessage({ kind: 'error', text: 'Choose at least one learner.' });
    if (!item) return setMessage({ kind: 'error', text: 'Choose a lesson or scenario to assign.' });
    if (due && due < inDays(0))
      return setMessage({ kind: 'error', text: 'Choose a due date from today on.' });
    const [kind, itemId] = item.split(/:(.*)/s) as ['lesson' | 'scenario', string];
    const title = items.find((candidate) => candidate.id === itemId)?.title ?? itemId;
    setBusy(true);
    context.queries
      .assignToLearners(organisationId, learnerIds, { kind, id: itemId }, due || null, skill)
      .then((count) => {
        setMessage({
          kind: 'ok',
          text: `Assigned “${title}” to ${count} learner${count === 1 ? '' : 's'}${due ? `, due ${due}` : ''}. They see it in My programme.`,
        });
        onAssigned?.();
      })
      .catch((error: unknown) =>
        setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => setBusy(false));
  };

  const skillName = skills.find((candidate) => candidate.id === skill)?.name ?? skill;
  return (
    <section className="card assign-gaps no-print" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        Assign work for a skill gap
      </h3>
      <form onSubmit={submit} noValidate>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-skill`}>Skill</label>
            <select
              id={`${id}-skill`}
              value={skill}
              onChange={(event) => chooseSkill(event.target.value)}
            >
              {skills.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-item`}>Lesson or scenario</label>
            <select
              id={`${id}-item`}
              value={item}
              onChange={(event) => setItem(event.target.value)}
            >
              {items.length === 0 && <option value="">Nothing published for this skill</option>}
              {items.map((candidate) => (
                <option
                  key={`${candidate.kind}:${candidate.id}`}
                  value={`${candidate.kind}:${candidate.id}`}
                >
                  {candidate.kind === 'lesson' ? 'Lesson' : 'Scenario'}: {candidate.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due date</label>
            <input
              id={`${id}-due`}
              type="date"
              value={due}
              min={inDays(0)}
              onChange={(event) => setDue(event.target.value)}
            />
          </div>
        </div>
        <fieldset>
          <legend>
            Learners below target on {skillName} ({below.length})
          </legend>
          {people.length === 0 ? (
            <p className="muted">Nobody in this cohort is measured below target on {skillName}.</p>
          ) : (
            <>
              <button
                type="button"
                className="secondary small"
                onClick={() => setChosen(new Set(below.map((learner) => learner.userId)))}
              >
                Everyone below target
              </button>
              <ul className="checklist">
                {people.map((person) => (
                  <li key={person.userId}>
                    <input
                      type="checkbox"
                      id={`${id}-learner-${person.userId}`}
                      checked={chosen.has(person.userId)}
                      onChange={(event) => {
                        const next = new Set(chosen);
                        if (event.target.checked) next.add(person.userId);
                        else next.delete(person.userId);
                        setChosen(next);
                      }}
                    />{' '}
                    <label htmlFor={`${id}-learner-${person.userId}`}>{person.name}</label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
        <button type="submit" disabled={busy || people.length === 0 || !item}>
          {busy
            ? 'Assigning…'
            : `Assign to ${[...chosen].filter((userId) => people.some((p) => p.userId === userId)).length} selected`}
        </button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
