import { PROFICIENCY_LEVEL_NAMES, PROFICIENCY_LEVELS } from '../../domain/skills/skill';

export { intervalName, percent, STATUS_LABELS } from '../../domain/team/labels';

/** Self-ratings are 1–5 on Benner's levels. */
export const ratingName = (rating: number) =>
  PROFICIENCY_LEVEL_NAMES[PROFICIENCY_LEVELS[rating - 1] ?? 'novice'];

export const formatDate = (time: number | string) =>
  new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
