import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkAllContent } from '../../src/library/check-content';
import { formatIssue } from '../../src/library/yaml-source';
import { expectNoAxeViolations } from './support/axe';
import { choiceTexts } from './support/play';
import { storedRecords } from './support/progress';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

const LIBRARY_FILE = 'scenarios/healthcare/okafor-discharge.yaml';
const original = readFileSync(LIBRARY_FILE, 'utf8');

async function openStudio(page: Page) {
  await page.goto('/studio/');
  await expect(page.locator('.cm-content')).toBeVisible();
  await expect(page.locator('.studio-status')).toContainText('checked in');
}

/** Replaces the whole draft with a paste over a select-all (a real paste event, as a browser sends). */
async function pasteOver(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.locator('.cm-content').evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

const draftSelect = (page: Page) => page.getByRole('combobox', { name: 'Draft', exact: true });

const status = (page: Page) => page.locator('.studio-status');
const tab = (page: Page, name: RegExp | string) => page.getByRole('tab', { name });

test('an author copies a library scenario, breaks and fixes it, maps it, plays it, keeps it and downloads a file the checker accepts', async ({
  page,
}) => {
  // Seven axe scans of a large page (editor, map, player) take most of this under load.
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openStudio(page);
  await expect(status(page)).toContainText('No errors');
  await expectNoAxeViolations(page, 'the studio with a blank draft');

  // Copy a library scenario to edit.
  await page.getByLabel('Library scenario').selectOption('okafor-discharge');
  await page.getByRole('button', { name: 'Copy to edit' }).click();
  await expect(draftSelect(page)).toHaveValue(/.+/);
  await expect(draftSelect(page).locator('option:checked')).toHaveText(
    'Copy of Going home on his own terms',
  );
  await expect(status(page)).toContainText('No errors, 0 warnings');
  await expect(page.getByText('This draft has the id of a library scenario')).toBeVisible();

  // Introduce a dangling next: the problem names its line, in the list and in the editor.
  const lines = original.split('\n');
  const nextLine = lines.findIndex((line) => /^\s+next: his-picture$/.test(line));
  const broken = [...lines];
  broken[nextLine] = broken[nextLine]!.replace('his-picture', 'his-pictur');
  await pasteOver(page, broken.join('\n'));
  await expect(status(page)).toContainText('1 error');
  const column = broken[nextLine].indexOf('his-pictur') + 1;
  const problem = page.getByRole('button', {
    name: new RegExp(`Line ${nextLine + 1}, column ${column} .*next "his-pictur" is not a node`),
  });
  await expect(problem).toBeVisible();
  await expectNoAxeViolations(page, 'the studio showing an error');

  // The map shows where the dangling next points.
  await tab(page, 'Map').click();
  await expect(page.locator('.map-node-missing')).toHaveCount(1);
  await expect(page.locator('.map-node-missing')).toContainText('his-pictur');

  // Go to the problem and fix it by typing.
  await tab(page, /Problems/).click();
  await problem.click();
  // The editor marks the same line and column: the cursor lands at the start of the marked range.
  const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });
  await expect(marked).toHaveText(broken[nextLine]);
  await expect(marked).toHaveClass(/cm-activeLine/);
  await expect(marked.locator('.cm-lintRange-error')).toHaveText('his-pictur');
  await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText(
    String(nextLine + 1),
  );
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('his-picture');
  await expect(status(page)).toContainText('No errors, 0 warnings');

  // Give it an id of its own, so it joins the library instead of replacing a scenario.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.type('-agency');
  await expect(status(page)).toContainText('No errors, 0 warnings');
  await expect(page.getByText('This draft has the id of a library scenario')).toBeHidden();
  await expect(page.getByText('scenarios/healthcare/okafor-discharge-agency.yaml')).toBeVisible();

  // The map updates: no missing node; Enter on a node goes to its line in the YAML.
  await tab(page, 'Map').click();
  await expect(page.locator('.map-node-missing')).toHaveCount(0);
  await expect(page.locator('.map-node')).toHaveCount(publishedNodeCount());
  const startNode = page.locator('.map-node[tabindex="0"]');
  await expect(startNode).toHaveAttribute('aria-label', /^bedside, start · decision point/);
  await startNode.focus();
  await page.keyboard.press('ArrowDown');
  const second = page.locator('.map-node[tabindex="0"]');
  const secondId = (await second.getAttribute('aria-label'))!.split(',')[0]!;
  await expect(second).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.cm-activeLine')).toHaveText(`  ${secondId}:`);
  await tab(page, 'Map').click();
  await page.getByText('The map as a list').click();
  await expect(
    page.getByRole('heading', { name: /bedside — start · decision point/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'the map and its list');

  // Play to an ending in the real player, without recording anything.
  const scenario = publishedScenario('okafor-discharge');
  const [ending, steps] = [...pathsToEndings(scenario)][0]!;
  await tab(page, 'Play').click();
  await page.getByRole('button', { name: 'Play from here' }).click();
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeFocused();
  for (const text of choiceTexts(scenario, steps)) {
    await page.locator('.play-panel .choices button.choice', { hasText: text }).click();
  }
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: scenario.nodes[ending]!.ending!.title, level: 3 }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'the studio player at the debrief');
  expect(await storedRecords(page)).toEqual([]);
  expect(
    await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('casecraft:attempt')),
    ),
  ).toEqual([]);

  // Restart from a later node with chosen variable values.
  await page.getByLabel('Start at').selectOption('his-picture');
  await page.getByRole('spinbutton', { name: /trust/ }).fill('4');
  await page.getByRole('button', { name: 'Restart from here' }).click();
  await expect(page.locator('.play-panel .prompt')).toHaveText(
    'He has told you what he is afraid of. What do you say?',
  );
  // With trust at 4 he mentions church (trust >= 2) and does not shut you out (trust <= 0).
  const transcript = page.locator('.play-panel .transcript-lines');
  await expect(transcript).toContainText('I read the lesson at church');
  await expect(transcript).not.toContainText('you can save your breath');

  // The library report.
  await tab(page, 'Library report').click();
  await expect(page.getByText('This draft meets every gate')).toBeVisible();
  await expectNoAxeViolations(page, 'the library report');

  // Reload: the draft is still there, as last edited.
  await expect(page.locator('.studio-status')).toContainText('Saved in this browser');
  await page.reload();
  await expect(page.locator('.cm-content')).toBeVisible();
  await expect(draftSelect(page).locator('option:checked')).toHaveText(
    'Copy of Going home on his own terms',
  );
  await expect(page.locator('.cm-content')).toContainText('id: okafor-discharge-agency');
  await expect(status(page)).toContainText('No errors, 0 warnings');

  // Download it and put it in a copy of the repository's content: the checker accepts it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download okafor-discharge-agency.yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('okafor-discharge-agency.yaml');
  const downloaded = readFileSync(await download.path(), 'utf8');
  expect(downloaded).toBe(original.replace('id: okafor-discharge', 'id: okafor-discharge-agency'));
  const root = mkdtempSync(join(tmpdir(), 'casecraft-studio-'));
  try {
    cpSync('content', join(root, 'content'), { recursive: true });
    cpSync('scenarios', join(root, 'scenarios'), { recursive: true });
    writeFileSync(join(root, 'scenarios/healthcare/okafor-discharge-agency.yaml'), downloaded);
    const report = checkAllContent(root);
    expect(report.issues.map(formatIssue)).toEqual([]);
    expect(report.scenarios.map((entry) => entry.id)).toContain('okafor-discharge-agency');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  expect(errors).toEqual([]);
});

function publishedNodeCount(): number {
  return Object.keys(publishedScenario('okafor-discharge').nodes).length;
}

test('drafts: several, renamed and deleted with a confirmation', async ({ page }) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'New blank draft' }).click();
  await expect(page.getByText('Started “Untitled draft (2)”.')).toBeVisible();
  await expect(draftSelect(page).locator('option')).toHaveCount(2);

  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByLabel('New name')).toBeFocused();
  await page.getByLabel('New name').fill('Hospital discharge, Spanish speaker');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(draftSelect(page).locator('option:checked')).toHaveText(
    'Hospital discharge, Spanish speaker',
  );

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText(/This cannot be undone/)).toBeVisible();
  await expectNoAxeViolations(page, 'the delete confirmation');
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(draftSelect(page).locator('option')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete “Hospital discharge, Spanish speaker”' }).click();
  await expect(page.getByText('Deleted “Hospital discharge, Spanish speaker”.')).toBeVisible();
  await expect(draftSelect(page).locator('option')).toHaveCount(1);
});

test('the studio passes axe in dark mode, map included', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openStudio(page);
  await tab(page, 'Map').click();
  await expect(page.locator('.map-node')).not.toHaveCount(0);
  await expectNoAxeViolations(page, 'the studio in dark mode');
});

test('an opened .yaml file becomes a new draft', async ({ page }) => {
  await openStudio(page);
  await page.getByLabel('Open a .yaml file').setInputFiles({
    name: 'my-scenario.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(original),
  });
  await expect(draftSelect(page).locator('option:checked')).toHaveText('my-scenario');
  await expect(page.locator('.cm-content')).toContainText('id: okafor-discharge');
  await expect(status(page)).toContainText('No errors');
});

/**
 * The page answers a click and a keypress at once (well within a second or two) while the
 * checker is busy or stuck: checks run in the worker, never on the page's thread.
 */
async function expectResponsive(page: Page) {
  const quickly = { timeout: 2_000 };
  await tab(page, 'Library report').click(quickly);
  await expect(tab(page, 'Library report')).toHaveAttribute('aria-selected', 'true', quickly);
  await page.keyboard.press('ArrowLeft');
  await expect(tab(page, 'Play')).toHaveAttribute('aria-selected', 'true', quickly);
  await tab(page, /Problems/).click(quickly);
}

test('a 5 MB paste is refused with a clear message and the page stays responsive', async ({
  page,
}) => {
  await openStudio(page);
  const huge = `id: huge\nnodes:\n${'  filler: "some text that goes on for a while"\n'.repeat(112_000)}`;
  expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
  await pasteOver(page, huge);
  await expectResponsive(page);
  await expect(status(page)).toContainText(
    'Too large to check: this draft is 5.0 MB; the studio checks and saves drafts up to 512 KB',
  );
  await expect(status(page)).toContainText('Not saved: too large');
  await expectNoAxeViolations(page, 'the too-large message');
  // Undo brings the draft back, and it is checked again.
  await pasteOver(page, original);
  await expect(status(page)).toContainText('No errors');
});

test('an alias bomb is refused with a clear message and the page stays responsive', async ({
  page,
}) => {
  await openStudio(page);
  let bomb = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 12; i++) {
    bomb += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
  }
  await pasteOver(page, bomb);
  await expectResponsive(page);
  await expect(page.getByText(/alias \*a2 makes too many copies/).first()).toBeVisible();
});

test('a check that runs too long is stopped, the checker restarts, and the page answers meanwhile', async ({
  page,
}) => {
  // A checker that never answers, as a validator stuck on a pathological draft would be
  // (the time limit and restart are unit-tested in draft-checker.test.ts).
  const workerScript = /validation\.worker[^/]*\.js$/;
  // Only the first worker is stuck: the one started after the time-out is the real checker.
  await page.route(
    workerScript,
    (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        headers: { 'cache-control': 'no-store' },
        body: 'self.onmessage = () => {};',
      }),
    { times: 1 },
  );
  await page.goto('/studio/');
  await expect(page.locator('.cm-content')).toBeVisible();
  await expect(status(page)).toContainText('Checking…');
  await expectResponsive(page);
  await page.getByRole('button', { name: 'Rename' }).click({ timeout: 2_000 });
  await page.getByLabel('New name').fill('Still typing while it checks', { timeout: 2_000 });
  await expect(page.getByLabel('New name')).toHaveValue('Still typing while it checks');
  await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 2_000 });
  // All of that happened while the check was still running.
  await expect(status(page)).toContainText('Checking…', { timeout: 100 });
  await expect(status(page)).toContainText(
    'Checking took longer than 8 seconds, so it was stopped and the checker restarted',
    { timeout: 20_000 },
  );
  await expectNoAxeViolations(page, 'the time-out message');
  // The restarted checker (the real one) checks the next version.
  await pasteOver(page, original);
  await expect(status(page)).toContainText('No errors');
});
