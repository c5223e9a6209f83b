import { PROFICIENCY_LEVEL_NAMES, PROFICIENCY_LEVELS } from '../../domain/skills/skill';

export { intervalName, percent } from '../../domain/team/labels';

/** Self-ratings are 1–5 on Benner's levels. */
export const ratingName = (rating: number) =>
  PROFICIENCY_LEVEL_NAMES[PROFICIENCY_LEVELS[rating - 1] ?? 'novice'];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const calendarDateFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/**
 * A date in the reader's locale ("24 Dec 2026", "Dec 24, 2026"). A calendar date such as a
 * due date ("2026-12-24") is that day wherever the reader is, not the day its UTC midnight
 * falls on.
 */
export const formatDate = (time: number | string) =>
  typeof time === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(time)
    ? calendarDateFormat.format(new Date(`${time}T00:00:00Z`))
    : dateFormat.format(new Date(time));
