import { expect, test, type Browser, type Page } from '@playwright/test';
import { findSpacingProblems } from '../../scripts/lib/html-spacing';
import { expectNoAxeViolations } from './support/axe';
import { horizontalOverflow, WIDTHS } from './support/layout';
import { builtRoutes } from './support/routes';
import { seedProfile } from './support/seed-records';
import { SPACING_ALLOWED } from './support/spacing';

// Every page fits a 390 px phone, a 1024 px and a 1280 px screen without scrolling sideways:
// wide tables scroll in their own box. Signed-in pages are checked with data loaded.
const ORG = '00000000-0000-4000-b000-000000000001';
const NORTH = '00000000-0000-4000-c000-000000000001';
const BEN = '00000000-0000-4000-a000-000000000102';
const PASSWORD = 'casecraft-demo';

for (const width of WIDTHS) {
  test(`no built page scrolls sideways at ${width} px`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const wide: string[] = [];
    for (const route of builtRoutes()) {
      await page.goto(route);
      const { overflow, culprits } = await horizontalOverflow(page);
      if (overflow > 0) wide.push(`${route}: ${overflow} px (${culprits.join(', ')})`);
    }
    expect(wide).toEqual([]);
  });
}

async function signIn(browser: Browser, email: string, seedRecords = 0): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Records made as a guest are claimed by the account that signs in on this browser.
  if (seedRecords > 0) await seedProfile(page, seedRecords);
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

/** The page at each width: fits, no glued words; axe at the phone width. */
async function expectFits(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const { overflow, culprits } = await horizontalOverflow(page);
    expect(overflow, `${name} at ${width} px: ${culprits.join(', ')}`).toBe(0);
  }
  expect(findSpacingProblems(await page.content(), SPACING_ALLOWED), name).toEqual([]);
  await page.setViewportSize({ width: 390, height: 900 });
  await expectNoAxeViolations(page, `${name} at 390 px`);
}

test.describe.configure({ mode: 'serial' });

test('signed-in pages fit every width with data loaded, and the dashboard prints as a table', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // Ben practised a lot as a guest, then signed in: his records go to the server.
  const ben = await signIn(browser, 'ben@demo.casecraft.local', 500);
  await expect(ben.locator('.sync')).toContainText('All your progress is saved to your account.', {
    timeout: 90_000,
  });
  await ben.goto('/team/programme/');
  await expect(ben.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expectFits(ben, 'My programme');
  await ben.goto('/profile/');
  await expect(ben.getByRole('heading', { name: 'Your skills' })).toBeVisible();
  await expect(ben.getByText(/Targets from Riverbend/)).toBeVisible();
  await expectFits(ben, 'profile with 500 records');

  const supervisor = await signIn(browser, 'supervisor.north@demo.casecraft.local');
  await supervisor.goto(`/team/dashboard/?org=${ORG}&cohort=${NORTH}`);
  const row = supervisor.locator('.heatmap tr', {
    has: supervisor.getByRole('link', { name: 'Ben Whitfield' }),
  });
  await expect(row.locator('td.cell')).toHaveCount(8);
  await expect(row.locator('td.cell.insufficient')).not.toHaveCount(8);
  await expect(
    supervisor.getByRole('link', { name: 'What the statuses and levels mean' }),
  ).toBeVisible();
  await expectFits(supervisor, 'dashboard (heatmap)');

  // Print: the table with estimates and intervals, no heatmap, hints or toolbar.
  await supervisor.emulateMedia({ media: 'print' });
  await expect(supervisor.locator('.heatmap')).toBeHidden();
  await expect(supervisor.locator('.toolbar')).toBeHidden();
  const printed = supervisor.locator('.print-only table');
  await expect(printed).toBeVisible();
  await expect(printed.locator('thead')).toContainText('80% interval');
  await expect(printed.locator('thead')).toContainText('Level');
  await supervisor.setViewportSize({ width: 1047, height: 740 }); // A4 landscape, 96 dpi
  expect((await horizontalOverflow(supervisor)).overflow).toBe(0);
  await supervisor.emulateMedia({ media: 'screen' });

  await supervisor.getByRole('button', { name: 'Show as table' }).click();
  await expectFits(supervisor, 'dashboard (table)');

  await supervisor.goto(`/team/learner/?org=${ORG}&cohort=${NORTH}&id=${BEN}`);
  await expect(supervisor.getByRole('heading', { name: 'Ben Whitfield' })).toBeVisible();
  await expect(supervisor.getByRole('heading', { name: /Scenario attempts/ })).toBeVisible();
  await expectFits(supervisor, 'drill-down');
  await supervisor.getByRole('link', { name: '← Back to the team dashboard' }).click();
  await expect(supervisor).toHaveURL(new RegExp(`/team/dashboard/\\?org=${ORG}&cohort=${NORTH}`));

  const admin = await signIn(browser, 'admin@demo.casecraft.local');
  await admin.goto(`/team/admin/?org=${ORG}`);
  await expect(admin.getByRole('heading', { name: 'People' })).toBeVisible();
  await expectFits(admin, 'admin');
});
