import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { inPathOrder } from '../../src/domain/skills/skill';
import { expectNoAxeViolations } from './support/axe';
import { choiceTexts } from './support/play';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

/**
 * Issue 19 §3: after every choice the player keeps the conversation in view — the feedback
 * and the newest line on screen, focus on the client's reply — on a phone and a laptop.
 */

/** Where an element sits against the viewport (rounded px), to assert and to report. */
async function placement(locator: Locator) {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return {
      top: Math.round(box.top),
      bottom: Math.round(box.bottom),
      viewport: window.innerHeight,
    };
  });
}

async function expectInViewport(locator: Locator, what: string) {
  const box = await placement(locator);
  expect(box.top, `${what}: top ${box.top}px`).toBeGreaterThanOrEqual(0);
  expect(box.bottom, `${what}: bottom ${box.bottom}px of ${box.viewport}`).toBeLessThanOrEqual(
    box.viewport,
  );
}

/** The element the learner should read next: the first line after their own newest line. */
async function expectFocusOnReply(page: Page) {
  const focused = await page.evaluate(() => {
    const lines = [...document.querySelectorAll('.transcript-lines > li')];
    const own = lines.findLastIndex((line) => line.classList.contains('you'));
    return document.activeElement === lines[own + 1];
  });
  expect(focused, 'focus is on the reply to the last choice').toBe(true);
}

async function start(page: Page, id: string, mode: 'Practice' | 'Assessment') {
  await page.goto(`/practice/${id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await page.getByRole('radio', { name: new RegExp(mode) }).check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeFocused();
}

const viewports = [
  { name: 'phone 390×844', viewport: { width: 390, height: 844 }, touch: true },
  { name: 'laptop 1280×800', viewport: { width: 1280, height: 800 }, touch: false },
] as const;

for (const { name, viewport, touch } of viewports) {
  test.describe(name, () => {
    test.use({ viewport, hasTouch: touch, isMobile: touch });

    for (const mode of ['Practice', 'Assessment'] as const) {
      test(`${mode.toLowerCase()}: after each choice the reply, newest line and feedback are in view and focused`, async ({
        page,
      }) => {
        const scenario = publishedScenario('okafor-discharge');
        // The longest of the shortest paths: the most decisions, the most scrolling.
        const steps = [...pathsToEndings(scenario).values()].sort(
          (a, b) => b.length - a.length,
        )[0]!;
        await start(page, scenario.id, mode);
        const texts = choiceTexts(scenario, steps);
        for (const [index, text] of texts.entries()) {
          if (index === texts.length - 1) break; // the last choice opens the debrief
          // Keyboard on a laptop, a tap on a phone: both are how people play there.
          const button = page.locator('.choices button.choice', { hasText: text });
          if (touch) await button.tap();
          else {
            await button.focus();
            await page.keyboard.press('Enter');
          }
          await expect(page.locator('.transcript-lines .turn.you')).toHaveCount(index + 1);
          await expectFocusOnReply(page);
          await expectInViewport(page.locator('.transcript-lines > li').last(), 'newest line');
          if (mode === 'Practice') {
            await expectInViewport(page.locator('.decision-feedback'), 'feedback');
            await expect(page.locator('[aria-live="polite"].visually-hidden')).toHaveText(
              /^Feedback on your last choice: /,
            );
          }
          if (index === 0) await expectNoAxeViolations(page, `${name}, after the first choice`);
        }
        await page.locator('.choices button.choice', { hasText: texts.at(-1)! }).click();
        await expect(page.getByRole('heading', { name: 'Debrief' })).toBeFocused();
      });
    }

    test(`the "press 1–4" tip shows only where there are keys to press`, async ({ page }) => {
      await start(page, 'williams-eviction', 'Practice');
      const tip = page.getByText(/Tip: press 1–\d to choose/);
      if (touch) await expect(tip).toBeHidden();
      else await expect(tip).toBeVisible();
    });
  });
}

test('"Start over" asks first; Escape and "Keep playing" keep the attempt, confirming starts afresh', async ({
  page,
}) => {
  const scenario = publishedScenario('williams-eviction');
  const steps = [...pathsToEndings(scenario).values()][0]!;
  await start(page, scenario.id, 'Practice');
  const texts = choiceTexts(scenario, steps);
  await page.locator('.choices button.choice', { hasText: texts[0]! }).click();
  await page.locator('.choices button.choice', { hasText: texts[1]! }).click();
  await expect(page.getByText('Decision 3')).toBeVisible();

  const startOver = page.getByRole('button', { name: 'Start over' });
  await startOver.click();
  const dialog = page.getByRole('dialog', { name: 'Start over from the beginning?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('You have made 2 decisions in this conversation.');
  await expect(dialog.getByRole('button', { name: 'Keep playing' })).toBeFocused();
  await expectNoAxeViolations(page, 'start-over dialog');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(startOver).toBeFocused();
  await expect(page.getByText('Decision 3')).toBeVisible();

  await startOver.click();
  await dialog.getByRole('button', { name: 'Keep playing' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.transcript-lines .turn.you')).toHaveCount(2);

  await startOver.click();
  await dialog.getByRole('button', { name: 'Start over' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Decision 1', { exact: true })).toBeVisible();
  await expect(page.locator('.transcript-lines .turn.you')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeFocused();

  // With nothing to lose, starting over does not ask.
  await startOver.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Your response' })).toBeFocused();
});

test('the end of a lesson links to its practice scenario', async ({ page }) => {
  const content = loadAllContent(process.cwd());
  const lesson = content.lessons.find((entry) => entry.frontmatter.scenarios.length > 0)!;
  const scenario = content.scenarios.find(
    (entry) => entry.scenario.id === lesson.frontmatter.scenarios[0],
  )!.scenario;
  await page.goto(`/learn/${lesson.id}/`);
  const practise = page.getByRole('region', { name: 'Practise what this lesson teaches' });
  await practise.getByRole('link', { name: scenario.title }).click();
  await expect(page).toHaveURL(new RegExp(`/practice/${scenario.id}/$`));
});

test('"Start the first lesson" opens the learning path’s first lesson', async ({ page }) => {
  const content = loadAllContent(process.cwd());
  const firstSkill = inPathOrder(loadSkills(process.cwd()).skills).find((skill) =>
    content.lessons.some((lesson) => lesson.frontmatter.skill === skill.id),
  )!;
  const first = content.lessons
    .filter((lesson) => lesson.frontmatter.skill === firstSkill.id)
    .sort((a, b) => a.frontmatter.order - b.frontmatter.order)[0]!;
  await page.goto('/');
  await page.getByRole('link', { name: 'Start the first lesson' }).click();
  await expect(page).toHaveURL(new RegExp(`/learn/${first.id}/$`));
  // The same lesson the learning path lists first.
  await page.goto('/learn/path/');
  await expect(page.locator('.path ol a').first()).toHaveAttribute('href', `/learn/${first.id}/`);
});
