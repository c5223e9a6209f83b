/** Scenario difficulties, easiest first: the one statement of their order. */
export const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Compares by difficulty, easiest first (for `sort`). */
export const byDifficulty = (a: { difficulty: Difficulty }, b: { difficulty: Difficulty }) =>
  DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty);
