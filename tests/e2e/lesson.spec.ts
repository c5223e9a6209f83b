import { expect, test } from '@playwright/test';
import { lessonFrontmatter } from './support/content';
import { storedRecords } from './support/progress';

const lessonId = 'communication/active-listening-oars';
const lessonPath = `/learn/${lessonId}/`;

test('previous/next navigation stays inside the skill', async ({ page }) => {
  await page.goto(lessonPath);
  const next = page
    .getByRole('navigation', { name: /More Communication lessons/ })
    .getByRole('link', { name: /Next lesson/ });
  await next.click();
  await expect(page).toHaveURL(/\/learn\/communication\/[^/]+\/$/);
  expect(page.url()).not.toContain('active-listening-oars');
  await page.getByRole('link', { name: /Previous lesson/ }).click();
  await expect(page).toHaveURL(new RegExp(`${lessonPath}$`));
});

test('the lesson page shows objectives and estimated time', async ({ page }) => {
  const lesson = lessonFrontmatter(lessonId);
  await page.goto(lessonPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  await expect(page.getByText(`About ${lesson.estimatedMinutes} minutes`)).toBeVisible();
  for (const objective of lesson.objectives) await expect(page.getByText(objective)).toBeVisible();
});

test('no JavaScript loads until the knowledge check nears the viewport', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lessonPath);
  await page.waitForLoadState('networkidle');
  // Astro's tiny inline island loader is part of the HTML; no module script is fetched yet.
  expect(scripts).toEqual([]);
  await page.locator('.knowledge-check-block').scrollIntoViewIfNeeded();
  await expect.poll(() => scripts.some((url) => url.includes('KnowledgeCheckQuiz'))).toBe(true);
});

test('a knowledge check can be answered by keyboard only, and the answer is recorded', async ({
  page,
}) => {
  const lesson = lessonFrontmatter(lessonId);
  const item = lesson.check[0]!;
  const correctIndex = item.options.findIndex((option) => option.correct);
  await page.goto(lessonPath);
  const question = page.getByRole('form').filter({ hasText: item.prompt });
  await question.scrollIntoViewIfNeeded();
  const radios = question.getByRole('radio');
  await expect(radios.first()).toBeEnabled();
  await expect(page.locator('.knowledge-check-block astro-island:not([ssr])')).toBeAttached();

  // Focus the first option, then arrow to the right one and submit with Enter.
  await radios.first().focus();
  await page.keyboard.press('Space');
  for (let index = 0; index < correctIndex; index++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(correctIndex)).toBeChecked();
  await page.keyboard.press('Enter');

  await expect(question.getByText('Correct.')).toBeVisible();
  await expect(question.getByText(item.options[correctIndex]!.feedback)).toBeVisible();
  await expect(question.locator('.feedback-region')).toBeFocused();

  // A second item answered wrongly shows that option's own feedback and the stronger answer.
  const second = lesson.check[1]!;
  const wrongIndex = second.options.findIndex((option) => !option.correct);
  const secondQuestion = page.getByRole('form').filter({ hasText: second.prompt });
  await secondQuestion.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  for (let index = 0; index < wrongIndex; index++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(secondQuestion.getByText('Not quite.')).toBeVisible();
  await expect(secondQuestion.getByText(second.options[wrongIndex]!.feedback)).toBeVisible();

  await expect.poll(async () => (await storedRecords(page)).length).toBe(2);
  const records = await storedRecords(page);
  expect(
    records.map((record) => [record.kind, record.lessonId, record.itemId, record.optionId]),
  ).toEqual(
    expect.arrayContaining([
      ['check', lessonId, item.id, item.options[correctIndex]!.id],
      ['check', lessonId, second.id, second.options[wrongIndex]!.id],
    ]),
  );
  for (const record of records) expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
});

test('a reflection is kept privately in the browser across reloads', async ({ page }) => {
  await page.goto(lessonPath);
  const box = page.locator('.reflection-block textarea').first();
  await box.scrollIntoViewIfNeeded();
  await expect(page.locator('.reflection-block astro-island:not([ssr])').first()).toBeAttached();
  await box.fill('I jumped to solutions with Mrs. K.');
  await expect(page.locator('.reflection-block').getByText('Saved in this browser.')).toBeVisible();
  await page.reload();
  await page.locator('.reflection-block textarea').first().scrollIntoViewIfNeeded();
  await expect(page.locator('.reflection-block textarea').first()).toHaveValue(
    'I jumped to solutions with Mrs. K.',
  );
});
