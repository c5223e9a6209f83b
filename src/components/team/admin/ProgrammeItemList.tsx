import { useState } from 'react';
import type { PlayMode } from '../../../domain/activity/kinds';
import type { ProgrammeItemKind } from '../../../domain/team/roles';

export interface ItemRef {
  kind: ProgrammeItemKind;
  id: string;
  /** Scenario items: the mode an attempt must end in to complete it (assessment by default). */
  mode?: PlayMode;
}

export interface ItemOption {
  value: string;
  label: string;
}

/** Every published lesson and scenario, as picker options (`kind:id`). */
export function itemOptions(catalogue: {
  lessons: readonly { id: string; title: string }[];
  scenarios: readonly { id: string; title: string }[];
}): ItemOption[] {
  return [
    ...catalogue.lessons.map((lesson) => ({
      value: `lesson:${lesson.id}`,
      label: `Lesson: ${lesson.title}`,
    })),
    ...catalogue.scenarios.map((scenario) => ({
      value: `scenario:${scenario.id}`,
      label: `Scenario: ${scenario.title}`,
    })),
  ];
}

export const itemLabel = (options: readonly ItemOption[], item: ItemRef) =>
  options.find((option) => option.value === `${item.kind}:${item.id}`)?.label ?? item.id;

/**
 * A programme's items being written: add from the catalogue (each once), move up or down,
 * remove. Used to create a programme and to edit one.
 */
export function ProgrammeItemList({
  idPrefix,
  items,
  options,
  onChange,
}: {
  idPrefix: string;
  items: readonly ItemRef[];
  options: readonly ItemOption[];
  onChange: (items: ItemRef[]) => void;
}) {
  const [pick, setPick] = useState('');
  const label = (item: ItemRef) => itemLabel(options, item);
  const move = (index: number, delta: number) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    onChange(next);
  };
  return (
    <>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${idPrefix}-pick`}>Lesson or scenario</label>
          <select
            id={`${idPrefix}-pick`}
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
            const [kind, itemId] = pick.split(/:(.*)/s) as [ProgrammeItemKind, string];
            if (!items.some((item) => item.kind === kind && item.id === itemId))
              onChange([
                ...items,
                kind === 'scenario'
                  ? { kind, id: itemId, mode: 'assessment' }
                  : { kind, id: itemId },
              ]);
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
            {item.kind === 'scenario' && (
              <>
                <label htmlFor={`${idPrefix}-mode-${index}`} className="visually-hidden">
                  What completes {label(item)}
                </label>
                <select
                  id={`${idPrefix}-mode-${index}`}
                  className="small"
                  value={item.mode ?? 'assessment'}
                  onChange={(event) =>
                    onChange(
                      items.map((other, at) =>
                        at === index ? { ...other, mode: event.target.value as PlayMode } : other,
                      ),
                    )
                  }
                >
                  <option value="assessment">
                    Done when played to an ending in assessment mode
                  </option>
                  <option value="practice">Done when played to an ending in either mode</option>
                </select>{' '}
              </>
            )}
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
              onClick={() => onChange(items.filter((_, other) => other !== index))}
            >
              Remove<span className="visually-hidden"> {label(item)}</span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
