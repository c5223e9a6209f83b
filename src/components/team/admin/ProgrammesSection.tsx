import { useId, useState, type SubmitEvent } from 'react';
import type { ProgrammeItemKind } from '../../../domain/team/roles';
import type { SectionProps } from './section';
import { formatDate } from '../../profile/format';

/** Programmes: each with its items and assignments; build a new one; assign one to a cohort. */
export function ProgrammesSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const { catalogue } = context;
  const [name, setName] = useState('');
  const [items, setItems] = useState<{ kind: ProgrammeItemKind; id: string }[]>([]);
  const [pick, setPick] = useState('');
  const [assign, setAssign] = useState<{ programme: string; cohort: string; due: string }>({
    programme: '',
    cohort: '',
    due: '',
  });
  const options = [
    ...catalogue.lessons.map((lesson) => ({
      value: `lesson:${lesson.id}`,
      label: `Lesson: ${lesson.title}`,
    })),
    ...catalogue.scenarios.map((scenario) => ({
      value: `scenario:${scenario.id}`,
      label: `Scenario: ${scenario.title}`,
    })),
  ];
  const label = (item: { kind: string; id: string }) =>
    options.find((option) => option.value === `${item.kind}:${item.id}`)?.label ?? item.id;
  const move = (index: number, delta: number) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    setItems(next);
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Programmes</h3>
      {data.programmes.map((programme) => (
        <div key={programme.id} className="programme-block">
          <h4>{programme.name}</h4>
          <ol>
            {[...(programme.programme_items ?? [])]
              .sort((a, b) => a.position - b.position)
              .map((item) => (
                <li key={item.position}>{label({ kind: item.item_kind, id: item.item_id })}</li>
              ))}
          </ol>
          {data.assignments.filter((assignment) => assignment.programme_id === programme.id)
            .length === 0 ? (
            <p className="muted">Not assigned to a cohort yet.</p>
          ) : (
            <ul>
              {data.assignments
                .filter((assignment) => assignment.programme_id === programme.id)
                .map((assignment) => {
                  const cohortName =
                    data.cohorts.find((cohort) => cohort.id === assignment.cohort_id)?.name ?? '?';
                  return (
                    <li key={assignment.cohort_id}>
                      Assigned to {cohortName}
                      {assignment.due_date ? `, due ${formatDate(assignment.due_date)}` : ''}{' '}
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() =>
                          void act(`${programme.name} unassigned from ${cohortName}.`, () =>
                            context.queries.unassignProgramme(assignment.cohort_id, programme.id),
                          )
                        }
                      >
                        Unassign
                        <span className="visually-hidden">
                          {' '}
                          {programme.name} from {cohortName}
                        </span>
                      </button>
                    </li>
                  );
                })}
            </ul>
          )}
        </div>
      ))}
      <form
        className="programme-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (name.trim().length < 2 || items.length === 0) return;
          void act(`Programme “${name.trim()}” created.`, () =>
            context.queries.createProgramme(organisationId, name, '', items),
          ).then((ok) => {
            if (ok) {
              setName('');
              setItems([]);
            }
          });
        }}
      >
        <h4>New programme</h4>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-pick`}>Lesson or scenario</label>
            <select
              id={`${id}-pick`}
              value={pick}
              onChange={(event) => setPick(event.target.value)}
            >
              <option value="">Choose…</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (!pick) return;
              const [kind, itemId] = pick.split(':') as [ProgrammeItemKind, string];
              if (!items.some((item) => item.kind === kind && item.id === itemId))
                setItems([...items, { kind, id: itemId }]);
              setPick('');
            }}
          >
            Add to programme
          </button>
        </div>
        <ol>
          {items.map((item, index) => (
            <li key={`${item.kind}:${item.id}`}>
              {label(item)}{' '}
              <button
                type="button"
                className="secondary small"
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                Up<span className="visually-hidden"> {label(item)}</span>
              </button>{' '}
              <button
                type="button"
                className="secondary small"
                disabled={index === items.length - 1}
                onClick={() => move(index, 1)}
              >
                Down<span className="visually-hidden"> {label(item)}</span>
              </button>{' '}
              <button
                type="button"
                className="secondary small"
                onClick={() => setItems(items.filter((_, other) => other !== index))}
              >
                Remove<span className="visually-hidden"> {label(item)}</span>
              </button>
            </li>
          ))}
        </ol>
        <button type="submit" disabled={name.trim().length < 2 || items.length === 0}>
          Create programme
        </button>
      </form>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!assign.programme || !assign.cohort) return;
          void act('Programme assigned.', () =>
            context.queries.assignProgramme(assign.cohort, assign.programme, assign.due || null),
          );
        }}
      >
        <h4 className="full">Assign a programme to a cohort</h4>
        <div className="field">
          <label htmlFor={`${id}-assign-programme`}>Programme</label>
          <select
            id={`${id}-assign-programme`}
            value={assign.programme}
            onChange={(event) => setAssign({ ...assign, programme: event.target.value })}
          >
            <option value="">Choose…</option>
            {data.programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assign-cohort`}>Cohort</label>
          <select
            id={`${id}-assign-cohort`}
            value={assign.cohort}
            onChange={(event) => setAssign({ ...assign, cohort: event.target.value })}
          >
            <option value="">Choose…</option>
            {data.cohorts.map((cohort) => (
              <option key={cohort.id} value={cohort.id}>
                {cohort.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assign-due`}>Due date</label>
          <input
            id={`${id}-assign-due`}
            type="date"
            value={assign.due}
            onChange={(event) => setAssign({ ...assign, due: event.target.value })}
          />
        </div>
        <button type="submit">Assign</button>
      </form>
    </section>
  );
}
