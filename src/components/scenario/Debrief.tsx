import type { Ref } from 'react';
import type { PublishedScenario } from '../../domain/scenario/schema';
import { evidenceTotals, type DecisionReview } from '../../domain/scenario/transcript';
import { LazyPathMap } from '../scenario-map/LazyPathMap';
import { EvidenceList } from './EvidenceList';
import { FlagNotice } from './FlagNotice';

const ENDING_NAMES = {
  good: 'A good outcome',
  mixed: 'A mixed outcome',
  poor: 'A poor outcome',
} as const;

export interface DebriefProps {
  ref?: Ref<HTMLHeadingElement>;
  scenario: PublishedScenario;
  endingNode: string;
  reviews: DecisionReview[];
  skillNames: Record<string, string>;
  lessonTitles: Record<string, string>;
  evidenceRange: Record<string, { min: number; max: number }>;
  rehearsal: boolean;
  onReplay: () => void;
  onRetry: (index: number) => void;
  /** False where the site is not reachable (an LMS package): lessons are named, not linked. */
  siteLinks?: boolean;
}

/** The end of a scenario: the outcome, every decision with its reasoning, flags, lessons, replay. */
export function Debrief({
  ref,
  scenario,
  endingNode,
  reviews,
  skillNames,
  lessonTitles,
  evidenceRange,
  rehearsal,
  onReplay,
  onRetry,
  siteLinks = true,
}: DebriefProps) {
  const ending = scenario.nodes[endingNode]?.ending;
  const totals = evidenceTotals(reviews);
  const flagged = reviews.filter((review) => review.flag);
  const steps = reviews.map((review) => ({ node: review.node, choice: review.choice.id }));
  const skills = Object.keys(totals).sort(
    (a, b) => Number(scenario.focusSkills.includes(b)) - Number(scenario.focusSkills.includes(a)),
  );

  return (
    <section className="debrief" aria-labelledby="debrief-heading">
      <h2 id="debrief-heading" ref={ref} tabIndex={-1}>
        Debrief
      </h2>
      {ending && (
        <div className={`ending card ending-${ending.kind}`}>
          <p className="ending-kind">{ENDING_NAMES[ending.kind]}</p>
          <h3>{ending.title}</h3>
          <p>{ending.summary}</p>
        </div>
      )}
      {rehearsal && (
        <p className="notice">
          Practice after stepping back is not recorded: you stepped back or retried during this
          attempt, so the choices after that point were rehearsal. They do not count towards your
          skill profile, and this attempt is not recorded as finished. Play again from the start for
          it to count.
        </p>
      )}

      {flagged.length > 0 && (
        <div className="flags card" role="note" aria-label="Safety and ethics concerns">
          <h3>Safety and ethics concerns</h3>
          {flagged.map(
            (review) => review.flag && <FlagNotice key={review.index} flag={review.flag} />,
          )}
        </div>
      )}

      <h3>What your choices showed</h3>
      <table className="skill-summary">
        <caption className="visually-hidden">Evidence by skill along your path</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Your path</th>
            <th scope="col">Range possible in this scenario</th>
          </tr>
        </thead>
        <tbody>
          {skills.map((skill) => (
            <tr key={skill}>
              <th scope="row">
                {skillNames[skill] ?? skill}
                {scenario.focusSkills.includes(skill) ? ' (focus)' : ''}
              </th>
              <td>{totals[skill]}</td>
              <td>
                {evidenceRange[skill]
                  ? `${evidenceRange[skill].min} to ${evidenceRange[skill].max}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="path-map" aria-labelledby="path-map-heading">
        <h3 id="path-map-heading">Your path on the scenario map</h3>
        <LazyPathMap
          scenario={scenario}
          steps={steps}
          skillNames={skillNames}
          focusSkills={scenario.focusSkills}
          label="your path"
          headingLevel={4}
        />
      </section>

      <h3>Decision by decision</h3>
      <ol className="decision-reviews">
        {reviews.map((review) => (
          <li key={review.index} className="card">
            <h4>Decision {review.index + 1}</h4>
            <p>
              <strong>You said:</strong> {review.choice.text}
            </p>
            <p>{review.choice.feedback}</p>
            {review.flag && <FlagNotice flag={review.flag} />}
            <EvidenceList review={review} skillNames={skillNames} />
            <button type="button" className="secondary" onClick={() => onRetry(review.index)}>
              Try again from decision {review.index + 1}
            </button>
          </li>
        ))}
      </ol>

      <h3>Keep learning</h3>
      <p>{scenario.debrief.summary}</p>
      <ul className="debrief-lessons">
        {scenario.debrief.skills.map((entry) => (
          <li key={entry.skill}>
            <strong>{skillNames[entry.skill] ?? entry.skill}.</strong> {entry.note}{' '}
            {entry.lessons.map((lesson, index) => (
              <span key={lesson}>
                {index > 0 && ', '}
                {siteLinks ? (
                  <a href={`/learn/${lesson}/`}>{lessonTitles[lesson] ?? lesson}</a>
                ) : (
                  (lessonTitles[lesson] ?? lesson)
                )}
              </span>
            ))}
          </li>
        ))}
      </ul>
      <p className="debrief-actions">
        <button type="button" onClick={onReplay}>
          Play again from the start
        </button>
        {siteLinks && (
          <a className="button secondary" href="/profile/">
            See your skill profile
          </a>
        )}
      </p>
    </section>
  );
}
