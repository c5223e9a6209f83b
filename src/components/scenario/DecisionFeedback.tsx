import type { DecisionReview } from '../../domain/scenario/transcript';
import { EvidenceList } from './EvidenceList';
import { FlagNotice } from './FlagNotice';

const narrowScreen = () =>
  typeof window !== 'undefined' && window.matchMedia('(max-width: 40rem)').matches;

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
      {/* Skill by skill, the evidence runs to a screenful on a phone: there it starts folded,
          so the feedback and the conversation it answers fit on the screen together. */}
      <details className="feedback-evidence" open={!narrowScreen()}>
        <summary>What this choice showed, skill by skill</summary>
        <EvidenceList review={review} skillNames={skillNames} />
      </details>
      <button type="button" className="secondary" onClick={onStepBack}>
        Step back and choose again
      </button>
    </section>
  );
}
