import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ScenarioGraph } from '../../domain/scenario/graph';
import { startingAt } from '../../domain/scenario/runtime';
import type { PublishedScenario } from '../../domain/scenario/schema';
import { ScenarioPlay } from '../scenario/ScenarioPlay';

interface Run {
  key: number;
  /** The draft as it was when play started. */
  from: PublishedScenario;
  scenario: PublishedScenario;
  node: string;
}

/**
 * Plays the draft in the real player, in practice mode, from the start or from any node
 * with chosen variable values. Nothing is recorded: no progress, no saved attempt.
 */
export default function PlayPanel({
  scenario,
  graph,
  skillNames,
  lessonTitles,
  evidenceRange,
}: {
  scenario: PublishedScenario;
  graph: ScenarioGraph;
  skillNames: Record<string, string>;
  lessonTitles: Record<string, string>;
  evidenceRange: Record<string, { min: number; max: number }>;
}) {
  const id = useId();
  const startable = useMemo(
    () =>
      graph.nodes.filter(
        (node) => (node.kind === 'decision' || node.kind === 'route') && node.reachable !== false,
      ),
    [graph],
  );
  const [node, setNode] = useState(scenario.start);
  const [values, setValues] = useState<Record<string, string>>({});
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState('');
  const chosenNode = startable.some((candidate) => candidate.id === node) ? node : scenario.start;

  const play = (event: FormEvent) => {
    event.preventDefault();
    const vars = Object.fromEntries(
      Object.entries(scenario.variables).map(([name, variable]) => {
        const typed = Number(values[name] ?? variable.initial);
        return [name, Number.isFinite(typed) ? typed : variable.initial];
      }),
    );
    try {
      setRun({
        key: (run?.key ?? 0) + 1,
        from: scenario,
        scenario: startingAt(scenario, chosenNode, vars),
        node: chosenNode,
      });
      setProblem('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="play-panel">
      <form className="play-from card" onSubmit={play} aria-labelledby={`${id}-heading`}>
        <h3 id={`${id}-heading`}>Play this draft</h3>
        <p className="muted">
          Practice mode, in the real player. Nothing is recorded: not your progress, not your place.
        </p>
        <div className="play-from-fields">
          <label>
            Start at
            <select value={chosenNode} onChange={(event) => setNode(event.target.value)}>
              {startable.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.id}
                  {candidate.isStart ? ' (the start)' : ''}
                </option>
              ))}
            </select>
          </label>
          {Object.entries(scenario.variables).map(([name, variable]) => (
            <label key={name}>
              {variable.label} <span className="muted">({name})</span>
              <input
                type="number"
                min={variable.min}
                max={variable.max}
                step={1}
                value={values[name] ?? String(variable.initial)}
                onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              />
            </label>
          ))}
        </div>
        <button type="submit">{run ? 'Restart from here' : 'Play from here'}</button>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </form>
      {run && run.from !== scenario && (
        <p className="notice" role="status">
          The draft has changed since you started playing: use “Restart from here” to play the
          latest version.
        </p>
      )}
      {run && (
        <ScenarioPlay
          key={run.key}
          scenario={run.scenario}
          skillNames={skillNames}
          lessonTitles={lessonTitles}
          evidenceRange={evidenceRange}
          fixedMode="practice"
          autoStart
        />
      )}
    </div>
  );
}
