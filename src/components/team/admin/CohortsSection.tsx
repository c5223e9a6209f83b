import { useId, useState, type SubmitEvent } from 'react';
import type { CohortRole } from '../../../domain/team/roles';
import { CohortRoleOptions } from './RoleOptions';
import { nameOf, type SectionProps } from './section';

/** Cohorts, who learns and who supervises in each. */
export function CohortsSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState<Record<string, { user: string; role: CohortRole }>>({});
  const active = data.members.filter((member) => member.status === 'active');
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Cohorts and supervisors</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!name.trim()) return;
          void act(`Cohort “${name.trim()}” created.`, () =>
            context.queries.createCohort(organisationId, name),
          ).then((ok) => ok && setName(''));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>New cohort name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="submit">Create cohort</button>
      </form>
      {data.cohorts.length === 0 && <p>No cohorts yet.</p>}
      {data.cohorts.map((cohort) => {
        const members = data.cohortMembers.filter((member) => member.cohort_id === cohort.id);
        const choice = adding[cohort.id] ?? { user: '', role: 'learner' as const };
        return (
          <div key={cohort.id} className="cohort-block">
            <h4>{cohort.name}</h4>
            <ul>
              {members.length === 0 && <li className="muted">Nobody yet.</li>}
              {members.map((member) => (
                <li key={`${member.user_id}-${member.role}`}>
                  {nameOf(data, member.user_id)} — {member.role}{' '}
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() =>
                      void act(`${nameOf(data, member.user_id)} removed from ${cohort.name}.`, () =>
                        context.queries.removeCohortMember(cohort.id, member.user_id, member.role),
                      )
                    }
                  >
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      {nameOf(data, member.user_id)} from {cohort.name}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <form
              className="inline-form"
              noValidate
              onSubmit={(event: SubmitEvent) => {
                event.preventDefault();
                if (!choice.user) return;
                void act(
                  `${nameOf(data, choice.user)} added to ${cohort.name} as ${choice.role}.`,
                  () => context.queries.addCohortMember(cohort.id, choice.user, choice.role),
                );
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-${cohort.id}-person`}>Add a member of the agency</label>
                <select
                  id={`${id}-${cohort.id}-person`}
                  value={choice.user}
                  onChange={(event) =>
                    setAdding({ ...adding, [cohort.id]: { ...choice, user: event.target.value } })
                  }
                >
                  <option value="">Choose…</option>
                  {active.map((member) => (
                    <option key={member.user_id} value={member.user_id}>
                      {member.display_name} ({member.role})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${cohort.id}-role`}>as</label>
                <select
                  id={`${id}-${cohort.id}-role`}
                  value={choice.role}
                  onChange={(event) =>
                    setAdding({
                      ...adding,
                      [cohort.id]: {
                        ...choice,
                        role: event.target.value as CohortRole,
                      },
                    })
                  }
                >
                  <CohortRoleOptions />
                </select>
              </div>
              <button type="submit">Add</button>
            </form>
          </div>
        );
      })}
    </section>
  );
}
