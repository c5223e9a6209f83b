import { useEffect, useId, useState } from 'react';
import { DIFFICULTIES } from '../../domain/scenario/difficulty';

export interface CatalogueItem {
  id: string;
  title: string;
  summary: string;
  setting: string;
  settingName: string;
  difficulty: string;
  estimatedMinutes: number;
  focusSkills: { id: string; name: string }[];
  client: string;
}

interface Props {
  items: CatalogueItem[];
  settings: { id: string; name: string }[];
  skills: { id: string; name: string }[];
}

type Filters = { setting: string; skill: string; difficulty: string };
const EMPTY: Filters = { setting: '', skill: '', difficulty: '' };
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Filters read from and written to the query string, so a filtered view can be shared. */
function readFilters(): Filters {
  const params = new URLSearchParams(window.location.search);
  return {
    setting: params.get('setting') ?? '',
    skill: params.get('skill') ?? '',
    difficulty: params.get('difficulty') ?? '',
  };
}

export function matches(item: CatalogueItem, filters: Filters): boolean {
  return (
    (!filters.setting || item.setting === filters.setting) &&
    (!filters.difficulty || item.difficulty === filters.difficulty) &&
    (!filters.skill || item.focusSkills.some((skill) => skill.id === filters.skill))
  );
}

export default function ScenarioCatalogue({ items, settings, skills }: Props) {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  useEffect(() => setFilters(readFilters()), []);
  const update = (key: keyof Filters, value: string) => {
    const next = { ...filters, [key]: value };
    setFilters(next);
    const params = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    const query = params.toString();
    window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
  };
  const shown = items.filter((item) => matches(item, filters));

  return (
    <div className="catalogue">
      <form
        className="filters"
        aria-label="Filter scenarios"
        onSubmit={(event) => event.preventDefault()}
      >
        <div>
          <label htmlFor={`${id}-setting`}>Setting</label>
          <select
            id={`${id}-setting`}
            value={filters.setting}
            onChange={(event) => update('setting', event.target.value)}
          >
            <option value="">All settings</option>
            {settings.map((setting) => (
              <option key={setting.id} value={setting.id}>
                {setting.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-skill`}>Focus skill</label>
          <select
            id={`${id}-skill`}
            value={filters.skill}
            onChange={(event) => update('skill', event.target.value)}
          >
            <option value="">All skills</option>
            {skills.map((skill) => (
              <option key={skill.id} value={skill.id}>
                {skill.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-difficulty`}>Difficulty</label>
          <select
            id={`${id}-difficulty`}
            value={filters.difficulty}
            onChange={(event) => update('difficulty', event.target.value)}
          >
            <option value="">All levels</option>
            {DIFFICULTIES.map((difficulty) => (
              <option key={difficulty} value={difficulty}>
                {capitalise(difficulty)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="muted">
        {shown.length === items.length
          ? `${items.length} scenarios`
          : `${shown.length} of ${items.length} scenarios match`}
      </p>
      {shown.length === 0 ? (
        <div className="card">
          <p>No scenario matches all three filters.</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setFilters(EMPTY);
              window.history.replaceState(null, '', window.location.pathname);
            }}
          >
            Clear the filters
          </button>
        </div>
      ) : (
        <ul className="grid scenario-cards">
          {shown.map((item) => (
            <li key={item.id} className="card">
              <h2>
                <a href={`/practice/${item.id}/`}>{item.title}</a>
              </h2>
              <p className="muted">
                {item.settingName} · {capitalise(item.difficulty)} · about {item.estimatedMinutes}{' '}
                minutes
              </p>
              <p>{item.summary}</p>
              <p className="focus">
                <span className="visually-hidden">Focus skills: </span>
                {item.focusSkills.map((skill) => (
                  <span key={skill.id} className="badge">
                    {skill.name}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
