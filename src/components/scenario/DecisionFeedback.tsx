import type { DecisionReview } from '../../domain/scenario/transcript';
import { EvidenceList } from './EvidenceList';
import { FlagNotice } from './FlagNotice';

/** Practice mode: what the last choice showed, right after it, with a way back. */
export function DecisionFeedback({
  review,
  skillNames,
  onStepBack,
}: {
  review: DecisionReview;
  skillNames: Record<string, string>;
  onStepBack: () => void;
}) {
  return (
    <section className="decision-feedback card" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback on your last choice</h2>
      <p>{review.choice.feedback}</p>
      {review.flag && <FlagNotice flag={review.flag} />}
      <EvidenceList review={review} skillNames={skillNames} />
      <button type="button" className="secondary" onClick={onStepBack}>
        Step back and choose again
      </button>
    </section>
  );
}
