import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

// The demo agency (DEMO DATA): twelve simulated learners, so most decisions have exactly five
// first answers and every knowledge-check cell is below the disclosure minimum of five.
// team.spec.ts and email.spec.ts add learners who play williams-eviction, okafor-discharge and
// a confidentiality check, so the figures asserted here come from content they never touch.
const ORG = '00000000-0000-4000-b000-000000000001';

async function openSection(page: Page) {
  await page.goto('/team/');
  await page.getByLabel('Email').fill('admin@demo.casecraft.local');
  await page.getByLabel('Password').fill('casecraft-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.goto(`/team/admin/?org=${ORG}`);
  return page.locator('section', {
    has: page.getByRole('heading', { name: 'Content analytics', level: 3 }),
  });
}

test('an admin runs the content analysis of the demo agency: figures, suppression, filter', async ({
  page,
}) => {
  // The whole agency's analysis plus an axe scan of a long page: a budget of three minutes.
  test.slow();
  const section = await openSection(page);
  await section.getByRole('button', { name: 'Run the analysis' }).click();
  // The RPC aggregates every first answer of the agency: seconds on the embedded stack.
  await expect(section.getByText(/^\d+ items analysed, /)).toBeVisible({ timeout: 30_000 });
  await expect(section.getByText('a group of fewer than 5 learners')).toBeVisible();

  const scenario = section.locator('.content-analytics-group', {
    has: page.getByRole('heading', { name: "Scenario: A colleague's funny post" }),
  });
  const cafe = scenario.getByRole('row', { name: 'Decision “cafe”' });
  await expect(cafe.getByRole('link', { name: 'Decision “cafe”' })).toHaveAttribute(
    'href',
    '/practice/colleague-breach/',
  );
  await expect(cafe.getByRole('cell').nth(0)).toHaveText('5');
  await expect(cafe).toContainText(
    'Ask her for a quick word outside, and tell her quietly that client names are carrying to the queue. (best for',
  );
  await expect(cafe).toContainText('60% (3 of 5)');
  // Five learners are too few for any flag to be beyond chance.
  await expect(cafe.getByRole('cell').last()).toHaveText('None');

  // A lesson no test plays: its checks are all below the minimum, so it is only named (with
  // its link), and why is said once in the legend.
  const waiting = section.locator('.content-analytics-group', {
    has: page.getByRole('heading', { name: 'Fewer than 5 learners so far' }),
  });
  const lesson = waiting.getByRole('link', { name: 'Lesson: Working with interpreters' });
  await expect(lesson).toHaveAttribute(
    'href',
    '/learn/cultural-competence/working-with-interpreters/',
  );
  await expect(
    waiting.getByRole('listitem').filter({ hasText: 'Working with interpreters' }),
  ).toHaveText(/^Lesson: Working with interpreters \(\d+ questions\)$/);

  await section.getByLabel('Flagged only').check();
  await expect(cafe).toBeHidden();
  await expect(waiting).toBeHidden();
  // Whatever remains (if another spec's learner tipped an item over) carries a flag.
  for (const row of await section.locator('tbody tr').all())
    await expect(row.getByRole('cell').last()).not.toHaveText('None');

  // At phone width the page does not scroll sideways: wide tables scroll in their own box.
  await page.setViewportSize({ width: 390, height: 844 });
  await section.getByLabel('Flagged only').uncheck();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // One axe run over the whole report (about ten seconds with 80 rows of figures).
  await expectNoAxeViolations(page, 'content analytics with figures, 390 px');
});

test('the analysis says when it fails, retries, and says when there is not enough to show', async ({
  page,
}) => {
  let calls = 0;
  await page.route('**/rest/v1/rpc/agency_item_analysis', async (route) => {
    calls += 1;
    if (calls === 1)
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ message: 'service unavailable' }),
      });
    // An agency whose learners have not answered anything yet.
    else await route.fulfill({ status: 200, contentType: 'application/json', body: '[]' });
  });
  const section = await openSection(page);
  await section.getByRole('button', { name: 'Run the analysis' }).click();
  await expect(section.getByRole('alert')).toContainText('The analysis could not run');
  await expectNoAxeViolations(page, 'content analytics error');
  await section.getByRole('button', { name: 'Try again' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Not enough answers yet: items need at least 5 learners before they are analysed.',
  );
  expect(calls).toBe(2);
  await expectNoAxeViolations(page, 'content analytics empty');
});
