import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import xapiValidation from '@learninglocker/xapi-validation';
import { expectNoAxeViolations } from './support/axe';
import { answerFirstCheckItem } from './support/play';
import { storedRecords } from './support/progress';

/**
 * xAPI exports on the site: a guest's "Export as xAPI statements" on the profile, and a
 * supervisor's export of a learner (drill-down) and of a cohort (dashboard), every statement
 * valid by @learninglocker/xapi-validation. Grace and the South team (DEMO DATA) are used
 * by no other spec's assertions.
 */

const validate = ((xapiValidation as unknown as { default?: unknown }).default ??
  xapiValidation) as (statement: unknown) => unknown[];
const ORG = '00000000-0000-4000-b000-000000000001';
const SOUTH = '00000000-0000-4000-c000-000000000002';
const GRACE = '00000000-0000-4000-a000-000000000107';
const LESSON = 'empathy/reflecting-feelings';

test.describe.configure({ mode: 'serial' });

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('casecraft-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

interface Statement {
  actor: { name?: string; account: { name: string } };
  verb: { id: string };
  object: { id: string };
}

async function statementsIn(download: Promise<Download>): Promise<Statement[]> {
  const statements = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as Statement[];
  for (const statement of statements) expect(validate(statement)).toEqual([]);
  return statements;
}

test('a guest exports their progress as valid xAPI statements', async ({ page }) => {
  await answerFirstCheckItem(page, LESSON);
  await expect.poll(async () => (await storedRecords(page)).length).toBe(1);
  await page.goto('/profile/');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as xAPI statements' }).click();
  const statements = await statementsIn(download);
  expect(statements).toHaveLength(1);
  expect(statements[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
  expect(statements[0]!.object.id).toContain(`/activities/lesson/${LESSON}/check/`);
  await expect(
    page.getByText('Exported 1 xAPI statements (for a learning record store).'),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'profile after an xAPI export');
});

test('a supervisor exports a learner’s and a cohort’s statements', async ({ browser }) => {
  const learner = await signIn(browser, 'grace@demo.casecraft.local');
  await answerFirstCheckItem(learner, LESSON);
  await expect.poll(async () => (await storedRecords(learner)).length).toBeGreaterThan(0);
  await learner.goto('/team/');
  await expect(learner.getByText('All your progress is saved to your account.')).toBeVisible();

  const page = await signIn(browser, 'supervisor.south@demo.casecraft.local');
  await page.goto(`/team/learner/?org=${ORG}&id=${GRACE}`);
  await expect(page.getByRole('heading', { name: 'Grace Liu' })).toBeVisible();
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export xAPI statements' }).click();
  const own = await statementsIn(download);
  expect(own.length).toBeGreaterThan(0);
  expect(new Set(own.map((statement) => statement.actor.account.name))).toEqual(new Set([GRACE]));

  await page.goto(`/team/dashboard/?org=${ORG}&cohort=${SOUTH}`);
  await expect(page.getByRole('heading', { name: /South team/ })).toBeVisible();
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export xAPI statements' }).click();
  const cohort = await statementsIn(download);
  expect(cohort.filter((statement) => statement.actor.name === 'Grace Liu')).toHaveLength(
    own.length,
  );
  await expectNoAxeViolations(page, 'dashboard with the xAPI export');
});
