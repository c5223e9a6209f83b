import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { choose, startPosition } from '../../src/domain/scenario/runtime';
import { expectNoAxeViolations } from './support/axe';
import { lessonFrontmatter } from './support/content';
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
  // A knowledge check answered in a lesson.
  const lessonId = 'communication/active-listening-oars';
  const item = lessonFrontmatter(lessonId).check[0]!;
  await page.goto(`/learn/${lessonId}/`);
  const question = page.getByRole('form').filter({ hasText: item.prompt });
  await question.scrollIntoViewIfNeeded();
  await expect(page.locator('.knowledge-check-block astro-island:not([ssr])')).toBeAttached();
  await question.getByRole('radio').first().check();
  await question.getByRole('button', { name: 'Check answer' }).click();
  await expect(question.locator('.feedback')).toBeVisible();

  // A scenario played through in assessment mode.
  const scenario = publishedScenario('williams-eviction');
  const steps =
    pathsToEndings(scenario).get('end-home') ?? [...pathsToEndings(scenario).values()][0]!;
  await page.goto(`/practice/${scenario.id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await page.getByRole('radio', { name: /Assessment/ }).check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  let position = startPosition(scenario).position;
  for (const choiceId of steps) {
    const text = scenario.nodes[position.node]!.choices!.find(
      (choice) => choice.id === choiceId,
    )!.text;
    await page.locator('.choices button.choice', { hasText: text }).click();
    position = choose(scenario, position, choiceId).position;
  }
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
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
