import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { lessonFrontmatter } from './support/content';

const lessonIds = readdirSync('content/lessons').flatMap((skill) =>
  readdirSync(`content/lessons/${skill}`).map((file) => `${skill}/${file.replace(/\.mdx$/, '')}`),
);

test('every lesson appears in site search under its title', async ({ page }) => {
  await page.goto('/search/');
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  const box = page.getByLabel('Search lessons and the glossary');
  for (const id of lessonIds) {
    const { title } = lessonFrontmatter(id);
    await box.fill(title);
    await expect(page.locator('.search-results a', { hasText: title }).first(), id).toBeVisible();
  }
  await expectNoAxeViolations(page, 'search results');
});

test('a lesson links the first use of a glossary term to its entry', async ({ page }) => {
  await page.goto('/learn/communication/active-listening-oars/');
  const link = page.locator('a.glossary-term', { hasText: 'OARS' });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page).toHaveURL(/\/glossary\/#oars$/);
  await expect(page.locator('#oars dt')).toHaveText('OARS');
});
