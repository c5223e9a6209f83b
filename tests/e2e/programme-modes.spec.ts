import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

/**
 * Issue 19 §2, agencies: a programme item says what completes it, and the admin chooses the
 * mode a scenario item needs (DEMO DATA agency).
 */

const ORG = '00000000-0000-4000-b000-000000000001';

async function signIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('casecraft-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

test('My programme says what completes each item', async ({ browser }) => {
  const page = await signIn(browser, 'amara@demo.casecraft.local');
  await page.goto('/team/programme/');
  const programme = page.getByRole('region', { name: 'New case manager essentials' });
  // The demo programme promises "a first assessed scenario": its scenarios need assessment.
  await expect(
    programme.getByText('(scenario, done when you reach an ending in assessment mode)'),
  ).toHaveCount(2);
  await expect(
    programme.getByText('(lesson, done when all its check questions are answered)'),
  ).toHaveCount(4);
  await expectNoAxeViolations(page, 'my programme with completion rules');
  await page.context().close();
});

test('the admin picks the mode that completes a scenario item', async ({ browser }) => {
  const page = await signIn(browser, 'admin@demo.casecraft.local');
  await page.goto(`/team/admin/?org=${ORG}`);
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: 'Programmes', level: 3 }),
  });
  const name = `Practice first ${Date.now().toString(36)}`;
  await section.getByLabel('Name').fill(name);
  await section.getByLabel('Lesson or scenario').selectOption({ label: 'Scenario: Eleven days' });
  await section.getByRole('button', { name: 'Add to programme' }).click();
  const mode = section.getByLabel('What completes Scenario: Eleven days');
  await expect(mode).toHaveValue('assessment');
  await mode.selectOption('practice');
  await expectNoAxeViolations(page, 'programme form with a scenario item');
  await section.getByRole('button', { name: 'Create programme' }).click();
  const created = section.locator('.programme-block', {
    has: page.getByRole('heading', { name, level: 4 }),
  });
  await expect(created).toContainText(
    'Scenario: Eleven days (done when you reach an ending, in practice or assessment mode)',
  );
  await page.context().close();
});
