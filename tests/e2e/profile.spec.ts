import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { answerFirstCheckItem, playInAssessment } from './support/play';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';
import { storedRecords } from './support/progress';

test('a new learner sees an empty state that points to a first lesson and scenario', async ({
  page,
}) => {
  await page.goto('/profile/');
  await expect(
    page.getByRole('heading', { name: 'Your profile fills in as you practise' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: /Start with/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Or try/ })).toBeVisible();
  await expectNoAxeViolations(page, 'empty profile');
});

test('answers and a scenario change the profile; export, reset and import round-trip', async ({
  page,
}) => {
  // A knowledge check answered in a lesson, and a scenario played in assessment mode.
  await answerFirstCheckItem(page, 'communication/active-listening-oars');
  const scenario = publishedScenario('williams-eviction');
  const paths = pathsToEndings(scenario);
  await playInAssessment(page, scenario, paths.get('end-home') ?? [...paths.values()][0]!);
  await expect
    .poll(
      async () =>
        (await storedRecords(page)).filter((record) => record.kind === 'completion').length,
    )
    .toBe(1);

  await page.goto('/profile/');
  await expect(page.getByRole('heading', { name: 'Your skills' })).toBeVisible();
  const rapport = page.locator('.skill-table tr', {
    has: page.getByRole('rowheader', { name: 'Rapport building' }),
  });
  await expect(rapport).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Evidence log' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What to study next' })).toBeVisible();
  await expectNoAxeViolations(page, 'profile with evidence');

  // Rate yourself.
  await page.getByLabel('Empathy', { exact: true }).selectOption({ label: 'Competent' });
  await expect(
    page.locator('.skill-table tr', { has: page.getByRole('rowheader', { name: 'Empathy' }) }),
  ).toContainText('Competent');

  // Export, reset with confirmation, import.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { records: unknown[] };
  expect(exported.records.length).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Reset…' }).click();
  await expect(page.getByRole('button', { name: 'Yes, delete my progress' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, delete my progress' }).click();
  await expect(
    page.getByRole('heading', { name: 'Your profile fills in as you practise' }),
  ).toBeVisible();

  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText(`Imported ${exported.records.length} new records.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your skills' })).toBeVisible();
});
