import { useState } from 'react';
import type { EvidenceItem } from '../../domain/scoring/evidence';
import type { ScoringCatalogue } from '../../services/scoring-catalogue';
import { evidenceCodeText } from '../../domain/scoring/code-words';
import { ScrollRegion } from '../site/ScrollRegion';
import { formatDate } from './format';

const PAGE = 25;
const SOURCE_NAMES = {
  assessment: 'Scenario (assessment)',
  practice: 'Scenario (practice)',
  check: 'Knowledge check',
  observation: 'Observed practice',
} as const;

/** Which decisions and answers moved which skill, newest first, with the rationale. */
export function EvidenceLog({
  evidence,
  catalogue,
  skillNames,
}: {
  evidence: EvidenceItem[];
  catalogue: ScoringCatalogue;
  skillNames: Record<string, string>;
}) {
  const [shown, setShown] = useState(PAGE);
  const newest = [...evidence].reverse();
  const scenarioTitle = (id?: string) =>
    catalogue.scenarios.find((scenario) => scenario.id === id)?.title ?? id ?? '';
  const lesson = (id?: string) => catalogue.lessons.find((candidate) => candidate.id === id);

  const describe = (item: EvidenceItem) => {
    if (item.source === 'check') {
      const found = lesson(item.lessonId);
      const prompt = found?.check.find((check) => check.id === item.itemId)?.prompt;
      return (
        <>
          {found ? <a href={`/learn/${found.id}/`}>{found.title}</a> : item.lessonId}:{' '}
          {prompt ?? item.itemId}
        </>
      );
    }
    if (item.source === 'observation') return <>Observation of your practice</>;
    return (
      <>
        <a href={`/practice/${item.scenarioId}/`}>{scenarioTitle(item.scenarioId)}</a>: “
        {item.choiceText}”
      </>
    );
  };
  const effect = (item: EvidenceItem) => {
    if (item.source === 'check') return item.correct ? 'Correct' : 'Incorrect';
    if (item.source === 'observation') return `Scored ${Math.round(item.y * 100)}%`;
    return evidenceCodeText(item.code ?? 0, item.best ?? 0);
  };

  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Evidence log</h2>
      <p className="muted">{evidence.length} pieces of evidence, newest first.</p>
      <ScrollRegion labelledBy="log-heading">
        <table className="evidence-log">
          <caption className="visually-hidden">Evidence behind your profile</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Source</th>
              <th scope="col">What you did</th>
              <th scope="col">Skill</th>
              <th scope="col">Evidence</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {newest.slice(0, shown).map((item) => (
              <tr key={`${item.recordId}:${item.skill}`}>
                <td>{formatDate(item.time)}</td>
                <td>{SOURCE_NAMES[item.source]}</td>
                <td>{describe(item)}</td>
                <td>{skillNames[item.skill] ?? item.skill}</td>
                <td>{effect(item)}</td>
                <td>{item.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {shown < newest.length && (
        <button
          type="button"
          className="secondary"
          onClick={() => setShown((count) => count + PAGE)}
        >
          Show {Math.min(PAGE, newest.length - shown)} more
        </button>
      )}
    </section>
  );
}
