import { SCORING_CONFIG, type ScoringConfig } from '../scoring/config';
import type { SkillEstimate } from '../scoring/estimate';
import { certainLevelLabel, levelWithCertainty } from '../scoring/levels';

/**
 * How an estimate is put into words, shared by the learner's profile and the team pages.
 * Figures (the evidence needed, the interval's mass, how sure "meets" is) come from the
 * scoring configuration, never from the text.
 */

/**
 * What a status means to a reader. "Developing" (neither ≥ 90% sure of meeting the target nor
 * of missing it) reads by which side the evidence leans to, so 81% against a 70% target is
 * never worded like 56% against it.
 */
export type StatusWording = 'meets' | 'likely-meets' | 'likely-below' | 'below' | 'insufficient';

export const STATUS_WORDINGS: readonly StatusWording[] = [
  'meets',
  'likely-meets',
  'likely-below',
  'below',
  'insufficient',
];

/** The one place statuses are named: profile, dashboard, drill-down, CSV and print. */
export const STATUS_WORDS: Record<StatusWording, { label: string; short: string }> = {
  meets: { label: 'Meets target', short: 'Meets' },
  'likely-meets': { label: 'Likely meets — not yet certain', short: 'Likely meets' },
  'likely-below': { label: 'Likely below — not yet certain', short: 'Likely below' },
  below: { label: 'Below target', short: 'Below' },
  insufficient: { label: 'Not enough evidence', short: 'Too little evidence' },
};

export function statusWording(
  estimate: Pick<SkillEstimate, 'status' | 'probabilityMeetsTarget'>,
): StatusWording {
  switch (estimate.status) {
    case 'meets':
      return 'meets';
    case 'gap':
      return 'below';
    case 'insufficient':
      return 'insufficient';
    case 'developing':
      return estimate.probabilityMeetsTarget >= 0.5 ? 'likely-meets' : 'likely-below';
  }
}

export const statusLabel = (estimate: Pick<SkillEstimate, 'status' | 'probabilityMeetsTarget'>) =>
  STATUS_WORDS[statusWording(estimate)].label;

/** What each status means, with its figures from the scoring configuration (the legend). */
export function statusMeaning(
  wording: StatusWording,
  config: Pick<
    ScoringConfig,
    'meetsProbability' | 'gapProbability' | 'minEvidence'
  > = SCORING_CONFIG,
): string {
  switch (wording) {
    case 'meets':
      return `at least ${percent(config.meetsProbability)} sure the skill is at or above target`;
    case 'likely-meets':
      return 'more likely above target than below, but not yet sure enough to say it meets it';
    case 'likely-below':
      return 'more likely below target than above, but not yet sure enough to call it a gap';
    case 'below':
      return `at least ${percent(1 - config.gapProbability)} sure the skill is below target`;
    case 'insufficient':
      return `fewer than ${config.minEvidence} pieces of evidence: no estimate yet, not a low score`;
  }
}

/** The level only when the interval sits inside its band; else the span or "Not yet certain". */
export const levelText = (estimate: Pick<SkillEstimate, 'interval' | 'evidence'>) =>
  certainLevelLabel(levelWithCertainty(estimate));

/**
 * Expected shortfall in plain words: "about 42 points below target, fairly certain", where
 * the certainty is how likely the skill is below target at all.
 */
export function shortfallText(
  shortfall: number,
  estimate: Pick<SkillEstimate, 'probabilityMeetsTarget'>,
): string {
  const points = Math.round(shortfall * 100);
  const below = 1 - estimate.probabilityMeetsTarget;
  const certainty =
    below >= 0.99
      ? 'almost certain'
      : below >= 0.9
        ? 'fairly certain'
        : below >= 0.5
          ? 'more likely than not'
          : 'possibly not below at all';
  return `${points < 1 ? 'less than 1 point' : `about ${points} point${points === 1 ? '' : 's'}`} below target, ${certainty}`;
}

/**
 * What a lesson or scenario link next to a gap does. It only opens the lesson today, so it
 * "suggests"; when assignment exists this is the one word to change.
 */
export const GAP_ACTION_LABEL = 'Suggest';

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** "80% interval": the credible interval's mass as the UI names it. */
export const intervalName = (config: Pick<ScoringConfig, 'intervalMass'> = SCORING_CONFIG) =>
  `${percent(config.intervalMass)} interval`;

/** One estimate in a sentence (the heatmap cell's tooltip and accessible description). */
export function estimateText(
  estimate: SkillEstimate,
  config: Pick<ScoringConfig, 'intervalMass' | 'minEvidence'> = SCORING_CONFIG,
): string {
  return estimate.status === 'insufficient'
    ? `${STATUS_WORDS.insufficient.label} (${estimate.evidence.toFixed(1)} of ${config.minEvidence}); target ${percent(estimate.target)}`
    : `${statusLabel(estimate)}: estimate ${percent(estimate.mean)}, ${intervalName(config)} ${percent(estimate.interval[0])}–${percent(estimate.interval[1])}, target ${percent(estimate.target)}; level: ${levelText(estimate)}`;
}

/** A skill's display name from a list of skills, or its id when the list does not have it. */
export function skillNamer(
  skills: readonly { id: string; name: string }[],
): (id: string) => string {
  const names = new Map(skills.map((skill) => [skill.id, skill.name]));
  return (id) => names.get(id) ?? id;
}
