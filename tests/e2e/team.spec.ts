import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { answerFirstCheckItem, playInAssessment } from './support/play';
import { serverEventIds, storedRecords } from './support/progress';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

const syncIndicator = (page: Page) => page.locator('.sync-indicator');

// One journey across roles on the embedded stack with the demo agency (DEMO DATA).
const ORG = '00000000-0000-4000-b000-000000000001';
const PASSWORD = 'casecraft-demo';

test.describe.configure({ mode: 'serial' });

async function signIn(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

const unique = Date.now().toString(36);
const cohortName = `E2E cohort ${unique}`;
const learnerEmail = `new.learner.${unique}@example.org`;
let invitationCode = '';
let learnerId = '';

test('sign-in refuses a wrong password with a clear message', async ({ page }) => {
  await page.goto('/team/');
  await page.getByLabel('Email').fill('admin@demo.casecraft.local');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That email and password do not match an account. Check them and try again.',
  );
  await expectNoAxeViolations(page, 'sign-in error');
});

test('an admin creates a cohort, assigns a supervisor and invites a learner', async ({
  browser,
}) => {
  const page = await signIn(browser, 'admin@demo.casecraft.local');
  await expectNoAxeViolations(page, 'team home (admin)');
  await page.goto(`/team/admin/?org=${ORG}`);
  await page.getByLabel('New cohort name').fill(cohortName);
  await page.getByRole('button', { name: 'Create cohort' }).click();
  await expect(page.getByRole('heading', { name: cohortName, level: 4 })).toBeVisible();
  const block = page.locator('.cohort-block', {
    has: page.getByRole('heading', { name: cohortName }),
  });
  await block
    .getByLabel('Add a member of the agency')
    .selectOption({ label: 'Morgan Ellery (supervisor)' });
  await block.getByLabel('as').selectOption('supervisor');
  await block.getByRole('button', { name: 'Add' }).click();
  await expect(block.getByText('Morgan Ellery — supervisor')).toBeVisible();

  const invite = page.locator('section', {
    has: page.getByRole('heading', { name: 'Invite staff' }),
  });
  await invite.getByLabel('Role', { exact: true }).selectOption('learner');
  await invite.getByLabel('Cohort', { exact: true }).selectOption({ label: cohortName });
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  invitationCode = (await page.locator('.invite-code').innerText()).trim();
  expect(invitationCode).toMatch(/^[0-9A-F]{12}$/);
  await expectNoAxeViolations(page, 'admin panel');
});

test('a new learner joins with the invitation and plays a scenario in assessment mode, offline included', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/join/?code=${invitationCode}`);
  await page.getByRole('button', { name: 'I need an account' }).click();
  await page.getByLabel('Your name').fill('Noor Ahmadi');
  await page.getByLabel('Email').fill(learnerEmail);
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Invitation code')).toHaveValue(invitationCode);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('You joined as learner.')).toBeVisible();
  await expectNoAxeViolations(page, 'join page');
  learnerId = await page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('casecraft-auth') ?? '{}') as { user?: { id: string } }).user
        ?.id ?? '',
  );
  expect(learnerId).toMatch(/^[0-9a-f-]{36}$/);

  await page.goto('/team/programme/');
  await expect(page.getByRole('heading', { name: 'New case manager essentials' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'my programme');

  // Halfway through the scenario the network drops: play goes on, records queue, and the
  // player says so.
  const scenario = publishedScenario('williams-eviction');
  await playInAssessment(
    page,
    scenario,
    [...pathsToEndings(scenario).values()][0]!,
    async (index) => {
      if (index === 3) await context.setOffline(true);
      if (index > 3) await expect(syncIndicator(page)).toContainText('Offline');
    },
  );
  await expect(syncIndicator(page)).toContainText('saved in this browser, will sync');
  await expectNoAxeViolations(page, 'debrief while offline');
  await context.setOffline(false);
  await expect(syncIndicator(page)).toContainText('Saved to your account', { timeout: 30_000 });

  // A knowledge-check answer too, then everything syncs.
  await answerFirstCheckItem(page, 'ethics/confidentiality-and-its-limits');

  await page.goto('/team/');
  await expect(page.getByText('All your progress is saved to your account.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/could not be saved/)).toHaveCount(0);
  await context.close();
});

test('offline from the first decision, back online before the last: every decision reaches the server once', async ({
  browser,
}) => {
  const page = await signIn(browser, learnerEmail, 'a long password');
  const context = page.context();
  const scenario = publishedScenario('okafor-discharge');
  const steps = [...pathsToEndings(scenario).values()].at(-1)!;
  await playInAssessment(page, scenario, steps, async (index) => {
    if (index === 0) await context.setOffline(true);
    // Back online for the last decision, while the earlier ones still wait for their retry.
    if (index === steps.length - 1) await context.setOffline(false);
  });
  await expect(syncIndicator(page)).toContainText('Saved to your account', { timeout: 30_000 });

  // The completion is stored a moment after the debrief shows: read once everything is in.
  const attempt = async () =>
    (await storedRecords(page)).filter(
      (record) => record.scenarioId === scenario.id && record.kind !== 'check',
    );
  await expect.poll(async () => (await attempt()).length).toBe(steps.length + 1);
  const played = await attempt();
  expect(played.map((record) => record.seq).sort((a, b) => Number(a) - Number(b))).toEqual(
    Array.from({ length: steps.length + 1 }, (_, index) => index + 1),
  );
  const attemptId = String(played[0]!.attemptId);
  await expect
    .poll(async () => (await serverEventIds(page, attemptId)).sort(), { timeout: 30_000 })
    .toEqual(played.map((record) => String(record.id)).sort());
  await page.goto('/team/');
  await expect(page.getByText('All your progress is saved to your account.')).toBeVisible();
});

test('the supervisor sees the new evidence, drills down, records an observation and exports CSV', async ({
  browser,
}) => {
  const page = await signIn(browser, 'supervisor.north@demo.casecraft.local');
  await page.goto(`/team/dashboard/?org=${ORG}`);
  await page.getByLabel('Cohort').selectOption({ label: cohortName });
  const row = page.locator('.heatmap tr', { has: page.getByRole('link', { name: 'Noor Ahmadi' }) });
  await expect(row).toBeVisible();
  await expect(row.locator('td.cell')).toHaveCount(8);
  await expectNoAxeViolations(page, 'dashboard heatmap');
  await page.getByRole('button', { name: 'Show as table' }).click();
  await expect(page.getByRole('heading', { name: 'Skills against target (table)' })).toBeVisible();
  await expectNoAxeViolations(page, 'dashboard table mode');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.split('\r\n')[0]).toBe(
    'learner,skill,status,estimate,interval_low,interval_high,target,evidence,level',
  );
  expect(text).toContain('Noor Ahmadi,Rapport building');

  await page.getByRole('button', { name: 'Show heatmap' }).click();
  await page.locator('.heatmap').getByRole('link', { name: 'Noor Ahmadi' }).click();
  await expect(page.getByRole('heading', { name: 'Noor Ahmadi' })).toBeVisible();
  await expect(page.getByText(/Eleven days — .*assessment mode, ended:/)).toBeVisible();
  await expectNoAxeViolations(page, 'learner drill-down');

  await page.getByLabel('Skill', { exact: true }).last().selectOption({ label: 'Empathy' });
  await page.getByLabel('What you saw matches').selectOption('proficient');
  await page.getByLabel('Note').fill('Reflected a tenant’s fear accurately during a home visit.');
  await page.getByRole('button', { name: 'Record observation' }).click();
  await expect(
    page.getByText('Observation recorded. It counts as evidence and the learner can see it.'),
  ).toBeVisible();
  await expect(
    page.getByText('Reflected a tenant’s fear accurately during a home visit.').first(),
  ).toBeVisible();
});

test('a supervisor of another cohort cannot open that learner, and a learner cannot open the dashboard', async ({
  browser,
}) => {
  const page = await signIn(browser, 'supervisor.south@demo.casecraft.local');
  await page.goto(`/team/learner/?org=${ORG}&id=${learnerId}`);
  await expect(
    page.getByRole('heading', { name: 'You do not have access to this page' }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'forbidden learner');

  const learner = await signIn(browser, 'amara@demo.casecraft.local');
  await learner.goto(`/team/dashboard/?org=${ORG}`);
  await expect(
    learner.getByRole('heading', { name: 'You do not have access to this page' }),
  ).toBeVisible();
  await learner.goto(`/team/admin/?org=${ORG}`);
  await expect(
    learner.getByRole('heading', { name: 'You do not have access to this page' }),
  ).toBeVisible();
  await learner.goto('/profile/');
  await expect(learner.getByText(/Targets from Riverbend Community Care/)).toBeVisible();
  await expectNoAxeViolations(learner, 'learner profile with agency targets');
});
