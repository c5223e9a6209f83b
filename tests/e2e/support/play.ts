import { expect, type Page } from '@playwright/test';
import { choose, startPosition } from '../../../src/domain/scenario/runtime';
import type { PublishedScenario } from '../../../src/domain/scenario/schema';
import { lessonFrontmatter } from './content';

/** The text of each choice along a path of choice ids, in order. */
export function choiceTexts(scenario: PublishedScenario, steps: readonly string[]): string[] {
  let position = startPosition(scenario).position;
  return steps.map((choiceId) => {
    const text = scenario.nodes[position.node]!.choices!.find(
      (choice) => choice.id === choiceId,
    )!.text;
    position = choose(scenario, position, choiceId).position;
    return text;
  });
}

/** Opens a scenario, starts it in assessment mode and clicks through a path to the debrief. */
export async function playInAssessment(
  page: Page,
  scenario: PublishedScenario,
  steps: readonly string[],
  beforeStep: (index: number) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  await page.goto(`/practice/${scenario.id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await page.getByRole('radio', { name: /Assessment/ }).check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  for (const [index, text] of choiceTexts(scenario, steps).entries()) {
    await beforeStep(index);
    await page.locator('.choices button.choice', { hasText: text }).click();
  }
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
}

/** Answers a lesson's first knowledge-check item with its first option. */
export async function answerFirstCheckItem(page: Page, lessonId: string) {
  const item = lessonFrontmatter(lessonId).check[0]!;
  await page.goto(`/learn/${lessonId}/`);
  const question = page.getByRole('form').filter({ hasText: item.prompt });
  await question.scrollIntoViewIfNeeded();
  await expect(page.locator('.knowledge-check-block astro-island:not([ssr])')).toBeAttached();
  await question.getByRole('radio').first().check();
  await question.getByRole('button', { name: 'Check answer' }).click();
  await expect(question.locator('.feedback')).toBeVisible();
}
