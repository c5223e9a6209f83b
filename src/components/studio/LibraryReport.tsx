import { formatCode } from '../../domain/scenario/graph';
import type { GateResult } from '../../domain/scenario/library-gates';
import type { DraftCheck } from '../../services/studio/protocol';

function GateList({
  gates,
  skillNames,
}: {
  gates: readonly GateResult[];
  skillNames: Readonly<Record<string, string>>;
}) {
  return (
    <ul className="gate-list">
      {gates.map((gate) => (
        <li key={gate.id} className={gate.passed ? 'gate-pass' : 'gate-fail'}>
          <p>
            <strong className="gate-verdict">{gate.passed ? '✓ Meets' : '✗ Not yet'}</strong>{' '}
            {gate.title}. <span className="muted">{gate.detail}.</span>
          </p>
          {gate.rows && (
            <ul>
              {gate.rows.map((row) => (
                <li key={row.label}>
                  {row.passed ? '✓' : '✗'}{' '}
                  <span className="visually-hidden">{row.passed ? 'meets' : 'not yet'}: </span>
                  {skillNames[row.label] ?? row.label}: {row.value}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The library's review bar applied to the draft, before the author submits it. */
export function LibraryReport({
  result,
  skillNames,
}: {
  result: DraftCheck;
  skillNames: Readonly<Record<string, string>>;
}) {
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  if (!result.gates || !result.measures || !result.scenario) {
    return (
      <p>
        The review bar is measured on a scenario the checker accepts: fix the {errors}{' '}
        {errors === 1 ? 'error' : 'errors'} first (see Problems).
      </p>
    );
  }
  const { gates, measures, scenario } = result;
  const failing = [...gates.scenario, ...gates.library].filter((gate) => !gate.passed).length;
  return (
    <div className="library-report">
      <p>
        {failing === 0
          ? 'This draft meets every gate the scenario library holds its scenarios to.'
          : `This draft does not yet meet ${failing} of the library's gates. Scenarios in the library meet all of them; an agency's own scenarios may be reviewed against them too.`}
      </p>
      <h3>This scenario</h3>
      <GateList gates={gates.scenario} skillNames={skillNames} />
      <table className="evidence-table">
        <caption>Per skill: the lowest and highest code sum a complete play-through earns</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Worst</th>
            <th scope="col">Best</th>
            <th scope="col">Spread</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(measures.evidence).map(([skill, range]) => (
            <tr key={skill}>
              <th scope="row">
                {skillNames[skill] ?? skill}
                {scenario.focusSkills.includes(skill) ? ' (focus)' : ''}
              </th>
              <td>{formatCode(range.min)}</td>
              <td>{formatCode(range.max)}</td>
              <td>{range.max - range.min}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {measures.states} reachable states, {measures.paths.capped ? 'over ' : ''}
        {measures.paths.count.toLocaleString('en')} complete play-throughs of{' '}
        {measures.shortestPath}–{measures.longestPath} decisions. Option length against code on this
        draft alone: rank correlation{' '}
        {(Math.round(gates.ownCorrelation.correlation * 100) / 100 || 0).toFixed(2)} over{' '}
        {gates.ownCorrelation.options} options (high means the best option is usually the longest).
      </p>
      <h3>The library with this draft in it</h3>
      <GateList gates={gates.library} skillNames={skillNames} />
    </div>
  );
}
