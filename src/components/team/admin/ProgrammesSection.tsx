import { useId, useState, type SubmitEvent } from 'react';
import { completionRule } from '../../../domain/team/team';
import type { Programme } from '../../../services/team/queries';
import {
  itemLabel,
  itemOptions,
  ProgrammeItemList,
  type ItemOption,
  type ItemRef,
} from './ProgrammeItemList';
import type { Act, SectionProps } from './section';

const itemsOf = (programme: Programme): ItemRef[] =>
  [...(programme.programme_items ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((item) =>
      item.item_kind === 'scenario'
        ? { kind: item.item_kind, id: item.item_id, mode: item.required_mode ?? 'assessment' }
        : { kind: item.item_kind, id: item.item_id },
    );

/**
 * A programme's items, and editing them after creation: the whole new list is saved in one
 * call. Learners' progress is derived from their own records, so what they did stays done.
 */
function ProgrammeItems({
  programme,
  options,
  act,
  save,
}: {
  programme: Programme;
  options: readonly ItemOption[];
  act: Act;
  save: (items: ItemRef[]) => Promise<void>;
}) {
  const id = useId();
  const [editing, setEditing] = useState<ItemRef[]>();
  if (!editing)
    return (
      <>
        <ol>
          {itemsOf(programme).map((item) => (
            <li key={`${item.kind}:${item.id}`}>
              <span className="item-label">{itemLabel(options, item)}</span>{' '}
              <span className="muted">
                ({completionRule({ item_kind: item.kind, required_mode: item.mode ?? null })})
              </span>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="secondary small"
          onClick={() => setEditing(itemsOf(programme))}
        >
          Edit items<span className="visually-hidden"> of {programme.name}</span>
        </button>
      </>
    );
  return (
    <form
      className="programme-edit"
      aria-label={`Items of ${programme.name}`}
      noValidate
      onSubmit={(event: SubmitEvent) => {
        event.preventDefault();
        if (editing.length === 0) return;
        void act(`${programme.name}: items saved.`, () => save(editing)).then((ok) => {
          if (ok) setEditing(undefined);
        });
      }}
    >
      <ProgrammeItemList idPrefix={id} items={editing} options={options} onChange={setEditing} />
      {editing.length === 0 && (
        <p className="error" role="alert">
          A programme has at least one item.
        </p>
      )}
      <button type="submit" disabled={editing.length === 0}>
        Save items
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setEditing(undefined)}>
        Cancel
      </button>
    </form>
  );
}
import { formatDate } from '../../profile/format';

/** Programmes: each with its items and assignments; build a new one; assign one to a cohort. */
export function ProgrammesSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const { catalogue } = context;
  const [name, setName] = useState('');
  const [items, setItems] = useState<ItemRef[]>([]);
  const [assign, setAssign] = useState<{ programme: string; cohort: string; due: string }>({
    programme: '',
    cohort: '',
    due: '',
  });
  const options = itemOptions(catalogue);
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Programmes</h3>
      {data.programmes.map((programme) => (
        <div key={programme.id} className="programme-block">
          <h4>{programme.name}</h4>
          <ProgrammeItems
            programme={programme}
            options={options}
            act={act}
            save={(next) => context.queries.setProgrammeItems(programme.id, next)}
          />
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
        <ProgrammeItemList idPrefix={id} items={items} options={options} onChange={setItems} />
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
