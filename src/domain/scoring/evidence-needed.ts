import { SCORING_CONFIG, type ScoringConfig } from './config';

export interface EvidenceNeeded {
  /** The evidence n a skill needs before it is estimated (`minEvidence`). */
  threshold: number;
  /** How much more n is needed (0 when there is enough). */
  more: number;
  /** At least this many more assessed decisions on the skill (each adds at most its weight). */
  decisions: number;
  /** Or at least this many more knowledge-check answers on it. */
  checks: number;
}

/**
 * How far a skill's evidence is from the threshold, in what a learner can do about it. One
 * assessed decision adds at most the assessment weight to a skill's evidence (less when its
 * options differ little) and one check answer the check weight, so the counts are lower
 * bounds: "at least".
 */
export function evidenceNeeded(
  evidence: number,
  config: Pick<ScoringConfig, 'minEvidence' | 'weights'> = SCORING_CONFIG,
): EvidenceNeeded {
  const more = Math.max(0, config.minEvidence - evidence);
  return {
    threshold: config.minEvidence,
    more,
    decisions: Math.ceil(more / config.weights.assessment - 1e-9),
    checks: Math.ceil(more / config.weights.check - 1e-9),
  };
}

/** "2.6 of 6 needed" below the threshold, "8.3 (6 needed)" at or above it. */
export function formatEvidence(
  evidence: number,
  config: Pick<ScoringConfig, 'minEvidence' | 'weights'> = SCORING_CONFIG,
): string {
  const shown = evidence.toFixed(1);
  return evidence < config.minEvidence
    ? `${shown} of ${config.minEvidence} needed`
    : `${shown} (${config.minEvidence} needed)`;
}

/** "at least 2 more assessed decisions or 4 check answers", or '' when there is enough. */
export function moreEvidenceInWords(
  evidence: number,
  config: Pick<ScoringConfig, 'minEvidence' | 'weights'> = SCORING_CONFIG,
): string {
  const { more, decisions, checks } = evidenceNeeded(evidence, config);
  if (more <= 0) return '';
  return `at least ${decisions} more assessed decision${decisions === 1 ? '' : 's'} or ${checks} check answer${checks === 1 ? '' : 's'}`;
}
