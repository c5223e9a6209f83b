/**
 * The roles a person has in an agency and in a cohort, and what the UI calls them: defined
 * once for the role pickers, the narrowing of database rows and the labels.
 */

export const AGENCY_ROLES = ['learner', 'supervisor', 'admin'] as const;
export type Role = (typeof AGENCY_ROLES)[number];

/** In a cohort, a person learns or supervises (admins manage the agency, not a cohort). */
export const COHORT_ROLES = ['learner', 'supervisor'] as const;
export type CohortRole = (typeof COHORT_ROLES)[number];

export const MEMBERSHIP_STATUSES = ['active', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** What a programme item is. */
export const PROGRAMME_ITEM_KINDS = ['lesson', 'scenario'] as const;
export type ProgrammeItemKind = (typeof PROGRAMME_ITEM_KINDS)[number];

/** A value from a database column with a check constraint, as its union; throws on anything else. */
export function oneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`Unexpected ${column} "${value}" (expected ${allowed.join(', ')}).`);
}

/** "an admin", "a supervisor", "a learner". */
export const withArticle = (role: Role) => (role === 'admin' ? 'an admin' : `a ${role}`);
