import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { lessonFrontmatter } from './support/content';
import { choiceTexts } from './support/play';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

/**
 * Issue 19 §2, self-study: answers survive a reload, the learning path and skill pages mark
 * what is done by the rule the server uses (all check questions answered; an ending
 * reached), and the profile says how much evidence is still needed.
 */

const lessonId = 'empathy/reflecting-feelings';

/** Answers the lesson's check items `from` to `to` (0-based, end excluded), with first options. */
async function answerItems(page: Page, to: number, from = 0) {
  const lesson = lessonFrontmatter(lessonId);
  await page.goto(`/learn/${lessonId}/`);
  for (const item of lesson.check.slice(from, to)) {
    const question = page.getByRole('form').filter({ hasText: item.prompt });
    await question.scrollIntoViewIfNeeded();
    await expect(page.locator('.knowledge-check-block astro-island:not([ssr])')).toBeAttached();
    await question.getByRole('radio').first().check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect(question.locator('.feedback')).toBeVisible();
  }
  return lesson;
}

const lessonMark = (page: Page) => page.locator(`[data-lesson="${lessonId}"] .done-mark`);

test('answered check questions survive a reload; the lesson is done only with all of them', async ({
  page,
}) => {
  const lesson = await answerItems(page, 1);
  const total = lesson.check.length;
  expect(total).toBeGreaterThan(1);
  await page.reload();
  await page.locator('.knowledge-check-block').scrollIntoViewIfNeeded();
  await expect(page.getByText(`1 of ${total} answered.`)).toBeVisible();
  const first = page.getByRole('form').filter({ hasText: lesson.check[0]!.prompt });
  await expect(first.locator('.feedback')).toBeVisible();
  await expect(first.getByRole('radio').first()).toBeChecked();

  // One of several answered: not done on the path or the skill page.
  await page.goto('/learn/path/');
  await expect(page.getByRole('status').filter({ hasText: 'Done in this browser' })).toContainText(
    'Done in this browser: 0 of',
  );
  await expect(lessonMark(page)).toHaveCount(0);

  await answerItems(page, total, 1);
  await page.reload();
  await page.locator('.knowledge-check-block').scrollIntoViewIfNeeded();
  await expect(
    page.getByText(new RegExp(`^All ${total} answered: \\d+ correct\\.$`)),
  ).toBeVisible();

  await page.goto('/learn/path/');
  await expect(lessonMark(page)).toHaveText('Done');
  await expectNoAxeViolations(page, 'learning path with a lesson done');
  await page.goto('/learn/empathy/');
  await expect(lessonMark(page)).toHaveText('Done');
  await expect(page.getByRole('status')).toContainText('Done in this browser: 1 of');
  await expectNoAxeViolations(page, 'skill page with a lesson done');
});

test('a scenario played to an ending is marked done on the learning path', async ({ page }) => {
  // The first scenario the path lists.
  await page.goto('/learn/path/');
  const id = await page.locator('[data-scenario]').first().getAttribute('data-scenario');
  const scenario = publishedScenario(id!);
  const steps = [...pathsToEndings(scenario).values()][0]!;
  await page.goto(`/practice/${scenario.id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await page.getByRole('radio', { name: /Practice/ }).check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  for (const text of choiceTexts(scenario, steps))
    await page.locator('.choices button.choice', { hasText: text }).click();
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();

  await page.goto('/learn/path/');
  await expect(page.locator(`[data-scenario="${scenario.id}"] .done-mark`).first()).toHaveText(
    'Done',
  );
});

test('the profile shows evidence against the threshold and how much more is needed', async ({
  page,
}) => {
  await answerItems(page, 1);
  await page.goto('/profile/');
  const row = page.getByRole('row', { name: /^Empathy/ });
  await expect(row).toContainText(/\d+\.\d of 6 needed/);
  await expect(
    page.getByText(
      /^Empathy: at least \d+ more assessed decisions? or \d+ check answers? on this skill$/,
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'profile with evidence still needed');
});
