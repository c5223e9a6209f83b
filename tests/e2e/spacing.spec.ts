import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findSpacingProblems } from '../../scripts/lib/html-spacing';
import { builtRoutes } from './support/routes';
import { SPACING_ALLOWED } from './support/spacing';

// Words glued to a link or an emphasis in the built HTML ("Play inpractice"): the check
// runs over every page of `dist/`; team.spec.ts and layout.spec.ts run it on signed-in pages.
test('no built page glues a word to an inline element', () => {
  const problems = builtRoutes().flatMap((route) =>
    findSpacingProblems(
      readFileSync(join('dist', route, 'index.html'), 'utf8'),
      SPACING_ALLOWED,
    ).map((problem) => `${route}: ${problem.excerpt}`),
  );
  expect(problems).toEqual([]);
});
