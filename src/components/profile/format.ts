import type { SkillStatus } from '../../domain/scoring/estimate';
import { PROFICIENCY_LEVEL_NAMES, PROFICIENCY_LEVELS } from '../../domain/skills/skill';

export const STATUS_LABELS: Record<SkillStatus, string> = {
  meets: 'Meets target',
  developing: 'Developing',
  gap: 'Gap',
  insufficient: 'Not enough evidence yet',
};

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** Self-ratings are 1–5 on Benner's levels. */
export const ratingName = (rating: number) =>
  PROFICIENCY_LEVEL_NAMES[PROFICIENCY_LEVELS[rating - 1] ?? 'novice'];

export const formatDate = (time: number | string) =>
  new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
