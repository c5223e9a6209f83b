import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { builtRoutes } from './support/routes';

const routes = builtRoutes();

test('the build has the core routes', () => {
  expect(routes).toEqual(expect.arrayContaining(['/', '/learn/', '/learn/communication/']));
  expect(routes.length).toBeGreaterThan(10);
});

for (const route of routes) {
  test(`${route} loads, has one h1 and passes axe (WCAG 2.2 AA)`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(route);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeAttached();
    await expectNoAxeViolations(page, route);
    expect(errors).toEqual([]);
  });
}

test('dark mode follows the system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(21, 24, 28)');
  await expectNoAxeViolations(page, '/ in dark mode');
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/learn/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
