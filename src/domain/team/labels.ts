import { SCORING_CONFIG, type ScoringConfig } from '../scoring/config';
import type { SkillEstimate, SkillStatus } from '../scoring/estimate';
import { PROFICIENCY_LEVEL_NAMES } from '../skills/skill';

/**
 * How an estimate is put into words, shared by the learner's profile and the team pages.
 * Figures (the evidence needed, the interval's mass, how sure "meets" is) come from the
 * scoring configuration, never from the text.
 */

export const STATUS_LABELS: Record<SkillStatus, string> = {
  meets: 'Meets target',
  developing: 'Developing',
  gap: 'Gap',
  insufficient: 'Not enough evidence yet',
};

/** The heatmap's cell labels and legend. */
export const STATUS_SHORT: Record<SkillStatus, string> = {
  meets: 'Meets',
  developing: 'Developing',
  gap: 'Gap',
  insufficient: 'Not enough evidence',
};

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** "80% interval": the credible interval's mass as the UI names it. */
export const intervalName = (config: Pick<ScoringConfig, 'intervalMass'> = SCORING_CONFIG) =>
  `${percent(config.intervalMass)} interval`;

/** One estimate in a sentence (the heatmap cell's tooltip). */
export function estimateText(
  estimate: SkillEstimate,
  config: Pick<ScoringConfig, 'intervalMass' | 'minEvidence'> = SCORING_CONFIG,
): string {
  return estimate.status === 'insufficient'
    ? `Not enough evidence yet (${estimate.evidence.toFixed(1)} of ${config.minEvidence}); target ${percent(estimate.target)}`
    : `Estimate ${percent(estimate.mean)}, ${intervalName(config)} ${percent(estimate.interval[0])}–${percent(estimate.interval[1])}, target ${percent(estimate.target)}, ${PROFICIENCY_LEVEL_NAMES[estimate.level]}`;
}

/** A skill's display name from a list of skills, or its id when the list does not have it. */
export function skillNamer(
  skills: readonly { id: string; name: string }[],
): (id: string) => string {
  const names = new Map(skills.map((skill) => [skill.id, skill.name]));
  return (id) => names.get(id) ?? id;
}
