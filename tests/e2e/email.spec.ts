import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

// Agency operations by email on the embedded stack (demo agency, DEMO DATA): mail lands in
// MailDev, and the test reads it through MailDev's REST API as a person reads their inbox.

const ORG = '00000000-0000-4000-b000-000000000001';
const PASSWORD = 'casecraft-demo';
const SITE_PORT = Number(process.env.E2E_PORT ?? 4329);
const INBOX = `http://127.0.0.1:${Number(process.env.E2E_MAIL_PORT ?? 54334)}`;
const unique = Date.now().toString(36);

test.describe.configure({ mode: 'serial' });

interface InboxMail {
  subject: string;
  text: string;
  to: { address: string }[];
}

async function mailsTo(address: string): Promise<InboxMail[]> {
  const response = await fetch(`${INBOX}/api/email`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as InboxMail[]).filter((mail) =>
    mail.to.some((to) => to.address === address),
  );
}

/** The newest mail to `address` whose subject starts with `subject`, once it has arrived. */
async function mailTo(address: string, subject: string): Promise<InboxMail> {
  let found: InboxMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).filter((mail) => mail.subject.startsWith(subject)).pop();
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The link in a mail's text that goes to `path` on the site. */
const linkIn = (mail: InboxMail, path: string) => {
  const match = new RegExp(`http://127\\.0\\.0\\.1:${SITE_PORT}${path}\\S*`).exec(mail.text);
  expect(match, `a link to ${path} in “${mail.subject}”`).not.toBeNull();
  return match![0];
};

async function signIn(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

test('a learner resets a forgotten password from the mailed link; a used link says so and offers a new one', async ({
  browser,
  page,
}) => {
  const email = 'lena@demo.casecraft.local';
  await page.goto('/team/');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await expectNoAxeViolations(page, 'password reset request');
  await page.getByLabel('Email').fill('not an address');
  await page.getByRole('button', { name: 'Send me a reset link' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter the email address of your account.');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a reset link' }).click();
  await expect(page.getByText(`If an account uses ${email}`)).toBeVisible();

  const link = linkIn(await mailTo(email, 'Reset your Casecraft password'), '/team/reset/');
  const reset = await (await browser.newContext()).newPage();
  await reset.goto(link);
  await expect(reset.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectNoAxeViolations(reset, 'choose a new password');
  await reset.getByLabel('New password', { exact: true }).fill('short');
  await reset.getByRole('button', { name: 'Save new password' }).click();
  await expect(reset.getByRole('alert')).toHaveText('Passwords have at least 8 characters.');
  await reset.getByLabel('New password', { exact: true }).fill('lena-new-password');
  await reset.getByRole('button', { name: 'Save new password' }).click();
  await expect(reset.getByText('Your password was changed and you are signed in.')).toBeVisible();

  await signIn(browser, email, 'lena-new-password');

  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toHaveText(
    'This reset link was already used. Ask for a new one.',
  );
  await expect(again.getByRole('heading', { name: 'Get a new reset link' })).toBeVisible();
  await expectNoAxeViolations(again, 'used reset link');
});

test('an admin invites two people by email (a malformed address is listed back), and one joins from the mailed link', async ({
  browser,
}) => {
  const ana = `ana.${unique}@example.org`;
  const ben = `ben.${unique}@example.org`;
  const admin = await signIn(browser, 'admin@demo.casecraft.local');
  await admin.goto(`/team/admin/?org=${ORG}`);
  const form = admin.locator('form.email-invite');
  await expect(form.getByText('Mail goes out through MailDev')).toBeVisible();
  await form.getByLabel('Email addresses').fill(`${ana}, not-an-address\n${ben}`);
  await form.getByLabel('Into cohort').selectOption({ label: 'North team — spring onboarding' });
  await form.getByRole('button', { name: 'Send invitations' }).click();
  const outcomes = form.getByRole('list', { name: 'What happened to each address' });
  await expect(outcomes).toContainText(`${ana}: invited; the email is on its way.`);
  await expect(outcomes).toContainText(`${ben}: invited; the email is on its way.`);
  await expect(outcomes).toContainText('not-an-address: not invited — no @ in it.');
  await expect(form.getByLabel('Email addresses')).toHaveValue('not-an-address');
  await expectNoAxeViolations(admin, 'invitations by email');

  const mail = await mailTo(ana, 'Join Riverbend Community Care');
  await mailTo(ben, 'Join Riverbend Community Care');
  const join = await (await browser.newContext()).newPage();
  await join.goto(linkIn(mail, '/join/'));
  await join.getByRole('button', { name: 'I need an account' }).click();
  await join.getByLabel('Your name').fill('Ana Lindqvist');
  await join.getByLabel('Email').fill(ana);
  await join.getByLabel('Password').fill('ana-password-1');
  await join.getByRole('button', { name: 'Create account' }).click();
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(join.getByText('You joined as learner.')).toBeVisible();

  await admin.reload();
  const row = (address: string) => admin.getByRole('row', { name: new RegExp(address) });
  await expect(row(ana)).toContainText('joined by Ana Lindqvist');
  await expect(row(ben)).toContainText('sent');
  await row(ben)
    .getByRole('button', { name: `Re-send to ${ben}` })
    .click();
  await expect(admin.getByText(`Invitation to ${ben} sent again.`)).toBeVisible();
  await expect.poll(async () => (await mailsTo(ben)).length, { timeout: 15_000 }).toBe(2);
});

test('a supervisor assigns a lesson to everyone below target from the gap ranking, and a learner sees it in My programme', async ({
  browser,
}) => {
  const supervisor = await signIn(browser, 'supervisor.north@demo.casecraft.local');
  await supervisor.goto(`/team/dashboard/?org=${ORG}`);
  await supervisor.getByLabel('Cohort').selectOption({ label: 'North team — spring onboarding' });
  const ranking = supervisor.locator('section', {
    has: supervisor.getByRole('heading', { name: 'Largest gaps first' }),
  });
  await ranking
    .getByRole('button', { name: /^Assign… / })
    .first()
    .click();
  const panel = supervisor.locator('section.assign-gaps');
  await expect(panel.getByRole('heading', { name: 'Assign work for a skill gap' })).toBeFocused();
  await panel.getByLabel('Lesson or scenario').selectOption({ index: 0 });
  const lesson = (
    await panel.getByLabel('Lesson or scenario').locator('option:checked').innerText()
  ).replace(/^Lesson: /, '');
  await panel.getByRole('button', { name: 'Everyone below target' }).click();
  const chosen = panel.getByRole('checkbox', { checked: true });
  const count = await chosen.count();
  expect(count).toBeGreaterThan(0);
  // The demo's learners sign in with their first name (amara@…, ben@…).
  const firstName = (
    await panel
      .locator('.checklist li', { has: supervisor.getByRole('checkbox', { checked: true }) })
      .first()
      .innerText()
  )
    .trim()
    .split(' ')[0]!
    .toLowerCase();
  await expectNoAxeViolations(supervisor, 'assign from the gap ranking');
  await panel.getByRole('button', { name: `Assign to ${count} selected` }).click();
  await expect(panel.getByRole('status')).toContainText(
    `Assigned “${lesson}” to ${count} learner${count === 1 ? '' : 's'}`,
  );

  // The programme progress CSV, beside the skill CSV: per learner and item.
  const download = supervisor.waitForEvent('download');
  await supervisor.getByRole('button', { name: 'Export programme progress CSV' }).click();
  const chunks: Buffer[] = [];
  for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8').split('\r\n');
  expect(csv[0]).toBe('learner,programme,item_kind,item,item_id,due_date,status,completed_at');
  expect(
    csv.filter((line) => line.includes(',Assigned individually,lesson,') && line.includes(lesson)),
  ).toHaveLength(count);
  await supervisor.locator('summary', { hasText: 'Programme items per learner' }).click();
  await expect(
    supervisor
      .getByRole('table', { name: 'Programme items per learner' })
      .getByText(lesson)
      .first(),
  ).toBeVisible();

  const learner = await signIn(browser, `${firstName}@demo.casecraft.local`);
  await learner.goto('/team/programme/');
  const assigned = learner.locator('section', {
    has: learner.getByRole('heading', { name: 'Assigned to you' }),
  });
  await expect(assigned.getByRole('link', { name: lesson })).toBeVisible();
  await expectNoAxeViolations(learner, 'my programme with an individual assignment');
});

test('an admin reorders a programme and removes an item in one save; the order holds', async ({
  browser,
}) => {
  const admin = await signIn(browser, 'admin@demo.casecraft.local');
  await admin.goto(`/team/admin/?org=${ORG}`);
  // A programme of its own: the seeded one is read by other specs running in parallel.
  const section = admin.locator('section', {
    has: admin.getByRole('heading', { name: 'Programmes', level: 3 }),
  });
  const name = `Reorder ${unique}`;
  await section.getByLabel('Name').fill(name);
  const choose = section.getByLabel('Lesson or scenario');
  const labels = (await choose.locator('option').allInnerTexts())
    .map((text) => text.trim())
    .filter((text) => text.startsWith('Lesson: ') || text.startsWith('Scenario: '))
    .slice(0, 4);
  expect(labels).toHaveLength(4);
  for (const label of labels) {
    await choose.selectOption({ label });
    await section.getByRole('button', { name: 'Add to programme' }).click();
  }
  await section.getByRole('button', { name: 'Create programme' }).click();
  const block = admin.locator('.programme-block', {
    has: admin.getByRole('heading', { name, level: 4 }),
  });
  // Each item's name, without the rule that completes it (the editor's buttons name items so).
  const items = block.locator('ol > li .item-label');
  await expect(items).toHaveCount(4);
  const before = (await items.allInnerTexts()).map((text) => text.trim());
  await block.getByRole('button', { name: `Edit items of ${name}` }).click();
  const editor = block.getByRole('form', { name: `Items of ${name}` });
  await editor.getByRole('button', { name: `Down ${before[0]}` }).click();
  await editor.getByRole('button', { name: `Remove ${before[2]}` }).click();
  await expectNoAxeViolations(admin, 'editing a programme');
  await editor.getByRole('button', { name: 'Save items' }).click();
  await expect(admin.getByText(`${name}: items saved.`)).toBeVisible();
  const after = [before[1]!, before[0]!, ...before.slice(3)];
  await expect(items).toHaveText(after);
  await admin.reload();
  await expect(items).toHaveText(after);
});

test('the reminder job sends one digest per person, and run again the same day, none', async () => {
  const run = async () =>
    (
      await promisify(execFile)(
        'npx',
        [
          'tsx',
          'scripts/send-reminders.ts',
          '--api-port',
          String(process.env.E2E_API_PORT ?? 54329),
          '--smtp-port',
          String(process.env.E2E_SMTP_PORT ?? 54335),
          '--site-port',
          String(SITE_PORT),
        ],
        // The e2e server keeps its data (and so the stack's key) here: scripts/e2e-server.ts.
        {
          env: { ...process.env, CASECRAFT_DATA_DIR: join(tmpdir(), `casecraft-e2e-${SITE_PORT}`) },
        },
      )
    ).stdout;
  expect(await run()).toMatch(/^Reminders: [1-9]\d* digests? queued today;/);
  // Grace's cohort programme was due three days ago (seed): one digest says so.
  const digest = await mailTo('grace@demo.casecraft.local', 'Casecraft: ');
  expect(digest.text).toContain('Overdue:');
  expect(await run()).toMatch(/^Reminders: 0 digests queued today;/);
  const digests = (await mailsTo('grace@demo.casecraft.local')).filter((mail) =>
    mail.subject.startsWith('Casecraft: '),
  );
  expect(digests).toHaveLength(1);
});
