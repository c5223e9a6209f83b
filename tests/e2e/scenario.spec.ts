import { expect, test, type Page } from '@playwright/test';
import { startPosition } from '../../src/domain/scenario/runtime';
import { expectNoAxeViolations } from './support/axe';
import { storedRecords } from './support/progress';
import { choiceTexts } from './support/play';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

async function startScenario(page: Page, id: string, mode: 'Practice' | 'Assessment') {
  await page.goto(`/practice/${id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  const radio = page.getByRole('radio', { name: new RegExp(mode) });
  await radio.focus();
  await page.keyboard.press('Space');
  await expect(radio).toBeChecked();
  await page.getByRole('button', { name: 'Start the conversation' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeFocused();
}

/** Presses the number key of the choice with this id, wherever the shuffle put it. */
async function chooseByKeyboard(page: Page, text: string) {
  const buttons = page.locator('.choices button.choice');
  const texts = await buttons.allInnerTexts();
  const index = texts.findIndex(
    (candidate) => candidate.replace(/^\d+\s*/, '').trim() === text.trim(),
  );
  expect(index, `choice "${text}" on screen`).toBeGreaterThanOrEqual(0);
  await page.keyboard.press(String(index + 1));
}

for (const id of ['okafor-discharge', 'williams-eviction']) {
  const scenario = publishedScenario(id);
  for (const [ending, steps] of pathsToEndings(scenario)) {
    test(`${id}: keyboard play reaches the "${ending}" ending`, async ({ page }) => {
      await startScenario(page, id, 'Assessment');
      for (const text of choiceTexts(scenario, steps)) await chooseByKeyboard(page, text);
      await expect(page.getByRole('heading', { name: 'Debrief' })).toBeFocused();
      await expect(
        page.getByRole('heading', { name: scenario.nodes[ending]!.ending!.title, level: 3 }),
      ).toBeVisible();
    });
  }
}

test('practice mode shows feedback, steps back, resumes after a reload, and passes axe throughout', async ({
  page,
}) => {
  const scenario = publishedScenario('okafor-discharge');
  const steps = [...pathsToEndings(scenario).values()][0]!;
  await startScenario(page, scenario.id, 'Practice');
  await expectNoAxeViolations(page, 'scenario start');

  const texts = choiceTexts(scenario, steps);
  const first = scenario.nodes[startPosition(scenario).position.node]!.choices!.find(
    (choice) => choice.id === steps[0],
  )!;
  await chooseByKeyboard(page, first.text);
  await expect(page.getByRole('heading', { name: 'Feedback on your last choice' })).toBeVisible();
  await expect(page.locator('.decision-feedback').getByText(first.feedback)).toBeVisible();
  await expectNoAxeViolations(page, 'after feedback');

  // Step back, then choose the same again.
  await page.getByRole('button', { name: 'Step back and choose again' }).click();
  await expect(page.getByText('Rehearsal')).toBeVisible();
  await chooseByKeyboard(page, first.text);

  // Reload mid-scenario: the same transcript, and play goes on.
  await page.reload();
  await expect(page.getByText('Welcome back: you are where you left off.')).toBeVisible();
  await expect(page.locator('.transcript-lines .turn.you')).toHaveCount(1);
  for (const text of texts.slice(1)) await chooseByKeyboard(page, text);
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
  await expectNoAxeViolations(page, 'debrief');
  // Only the decision before stepping back is recorded; the rehearsal's ending is not.
  await expect(page.getByText('Practice after stepping back is not recorded')).toBeVisible();
  const recorded = await storedRecords(page);
  expect(recorded.map((record) => [record.kind, record.seq])).toEqual([['choice', 1]]);

  // Try again from decision 1.
  await page.getByRole('button', { name: 'Try again from decision 1', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeVisible();
  await expect(page.locator('.transcript-lines .turn.you')).toHaveCount(0);
});

test('the catalogue filters by setting, skill and difficulty', async ({ page }) => {
  await page.goto('/practice/');
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await expect(page.getByRole('status')).toHaveText(/16 scenarios/);
  await page.getByLabel('Setting').selectOption('healthcare');
  await expect(page.locator('.scenario-cards > li')).toHaveCount(4);
  await page.getByLabel('Difficulty').selectOption('advanced');
  await expect(page.locator('.scenario-cards > li')).toHaveCount(1);
  await page.getByLabel('Focus skill').selectOption('negotiation');
  await expect(page.getByText('No scenario matches all three filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page.locator('.scenario-cards > li')).toHaveCount(16);
  await expectNoAxeViolations(page, 'catalogue');
});
