/** Where the team pages link to each other (the drill-down's back link reads the cohort). */
export const learnerHref = (organisationId: string, cohortId: string, userId: string) =>
  `/team/learner/?org=${organisationId}&cohort=${cohortId}&id=${userId}`;

export const dashboardHref = (organisationId: string, cohortId?: string | null) =>
  `/team/dashboard/?org=${organisationId}${cohortId ? `&cohort=${cohortId}` : ''}`;
