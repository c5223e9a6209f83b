import { expect, test } from '@playwright/test';
import { tracePath } from '../../src/domain/scenario/graph';
import { choose, startPosition } from '../../src/domain/scenario/runtime';
import { expectNoAxeViolations } from './support/axe';
import { choiceTexts } from './support/play';
import { pathsToEndings, publishedScenario } from './support/scenario-paths';

/** Issue 17 §6: the path taken, on the scenario map, in the debrief and the drill-down. */

/** A path of choice ids as the steps it takes (node and choice), each with its flag. */
function stepsOf(path: readonly string[], scenario = publishedScenario('williams-eviction')) {
  let position = startPosition(scenario).position;
  return path.map((choice) => {
    const node = position.node;
    const flagged = Boolean(
      scenario.nodes[node]!.choices!.find((option) => option.id === choice)!.flag,
    );
    position = choose(scenario, position, choice).position;
    return { node, choice, flagged };
  });
}

const ORG = '00000000-0000-4000-b000-000000000001';
const isMapChunk = (url: string) => /\/_astro\/(PathMap|ScenarioMap)\.[\w-]+\.js$/.test(url);

test('the debrief draws the path on the map, loaded only when the debrief opens', async ({
  page,
}) => {
  // A whole scenario played, then the map laid out and an axe scan of the full debrief.
  test.slow();
  const scenario = publishedScenario('williams-eviction');
  // A path with a flagged choice on it, if the scenario has one.
  const paths = [...pathsToEndings(scenario).values()];
  const steps = paths.find((path) => stepsOf(path).some((step) => step.flagged)) ?? paths[0]!;
  const mapRequests: string[] = [];
  page.on('request', (request) => {
    if (isMapChunk(request.url())) mapRequests.push(request.url());
  });

  await page.goto(`/practice/${scenario.id}/`);
  await expect(page.locator('astro-island:not([ssr])')).toBeAttached();
  await page.getByRole('radio', { name: /Assessment/ }).check();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  const texts = choiceTexts(scenario, steps);
  for (const text of texts.slice(0, -1))
    await page.locator('.choices button.choice', { hasText: text }).click();
  expect(mapRequests, 'no map code before the debrief').toEqual([]);
  await page.locator('.choices button.choice', { hasText: texts.at(-1)! }).click();
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeFocused();

  const section = page.getByRole('region', { name: 'Your path on the scenario map' });
  await expect(section.locator('.map-svg')).toBeVisible();
  expect(mapRequests.length, 'the map chunk loads with the debrief').toBeGreaterThan(0);
  await expect(section).toContainText(`${steps.length} decisions on your path`);

  // The highlighted route is the path played: its nodes and edges, nothing else.
  const played = tracePath(scenario, stepsOf(steps));
  await expect(section.locator('g.map-node.map-on-path')).toHaveCount(played.nodes.length);
  await expect(section.locator('g.map-edge.map-on-path')).toHaveCount(played.edges.length);

  // The list alternative says the same.
  await section.getByText('The map as a list').click();
  await expect(section.locator('.map-list > li.map-on-path')).toHaveCount(played.nodes.length);
  await expect(section.getByText(/\(taken on your path\)/)).toHaveCount(played.edges.length);
  await expectNoAxeViolations(page, 'debrief with the path map');
});

test('the supervisor’s drill-down draws an attempt’s path on the map', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill('supervisor.north@demo.casecraft.local');
  await page.getByLabel('Password').fill('casecraft-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

  // Ben (DEMO DATA, North team) has simulated attempts.
  await page.goto(`/team/learner/?org=${ORG}&id=00000000-0000-4000-a000-000000000102`);
  const attempt = page.locator('details.attempt').first();
  await expect(attempt).toBeVisible();
  await expect(attempt.locator('.map-svg')).toHaveCount(0); // folded: nothing laid out yet
  await attempt.locator('summary').click();
  const section = attempt.getByRole('region', { name: 'This attempt on the scenario map' });
  await expect(section.locator('.map-svg')).toBeVisible();
  const decisions = await attempt.locator('.transcript-review > li').count();
  expect(decisions).toBeGreaterThan(0);
  await expect(section).toContainText(
    `${decisions} decision${decisions === 1 ? '' : 's'} on this attempt’s path`,
  );
  await expect(section.locator('g.map-edge.map-on-path')).not.toHaveCount(0);
  await expectNoAxeViolations(page, 'drill-down with an attempt’s path map');
  await context.close();
});
