import type { DecisionReview } from '../../domain/scenario/transcript';

/** How a code reads to a learner. */
export function codeLabel(code: number): string {
  if (code >= 3) return 'strong evidence for';
  if (code === 2) return 'good evidence for';
  if (code === 1) return 'some evidence for';
  if (code === 0) return 'neutral for';
  if (code === -1) return 'some evidence against';
  if (code === -2) return 'evidence against';
  return 'strong evidence against';
}

const signed = (code: number) => (code > 0 ? `+${code}` : String(code));

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
          <strong>
            {skillNames[item.skill] ?? item.skill}: {signed(item.code)}
          </strong>{' '}
          <span className="muted">
            ({codeLabel(item.code)}; best on offer {signed(item.best)})
          </span>
          {item.why && <p>{item.why}</p>}
        </li>
      ))}
    </ul>
  );
}
