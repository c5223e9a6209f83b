import type { DecisionReview } from '../../domain/scenario/transcript';
import { evidenceCodeText } from '../../domain/scoring/code-words';

/** Per skill at stake: the code of the choice made, the best on offer, and why. */
export function EvidenceList({
  review,
  skillNames,
}: {
  review: DecisionReview;
  skillNames: Record<string, string>;
}) {
  return (
    <ul className="evidence-list">
      {review.evidence.map((item) => (
        <li
          key={item.skill}
          className={item.code > 0 ? 'positive' : item.code < 0 ? 'negative' : 'neutral'}
        >
          <strong>{skillNames[item.skill] ?? item.skill}:</strong>{' '}
          {evidenceCodeText(item.code, item.best)}
          {item.why && <p>{item.why}</p>}
        </li>
      ))}
    </ul>
  );
}
