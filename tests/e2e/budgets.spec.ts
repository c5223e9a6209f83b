import { expect, test } from '@playwright/test';
import { BUDGETS, kb, measureSite, totalGzip } from '../../scripts/lib/bundle-budgets';

// The built site's JavaScript against its budgets (`npm run budgets` prints the figures).
const report = measureSite('dist');

test('lesson pages fetch no JavaScript as they load', () => {
  expect(report.lessons.length).toBeGreaterThan(10);
  for (const page of report.lessons) {
    expect(
      page.eager.map((chunk) => chunk.file),
      page.route,
    ).toEqual([]);
  }
});

test(`a scenario page loads at most ${kb(BUDGETS.scenarioEager)} of JavaScript (gzip)`, () => {
  expect(report.scenarios.length).toBeGreaterThan(10);
  for (const page of report.scenarios) {
    expect(totalGzip(page.eager), page.route).toBeLessThanOrEqual(BUDGETS.scenarioEager);
  }
});

test(`the studio's JavaScript, editor and worker included, is at most ${kb(BUDGETS.studioTotal)} (gzip)`, () => {
  const studio = report.studio!;
  const all = [...studio.eager, ...studio.deferred, ...studio.lazy];
  // The editor, map, player and checker are not fetched with the page but when needed.
  expect(all.some((chunk) => /validation\.worker/.test(chunk.file))).toBe(true);
  expect(studio.eager.some((chunk) => /YamlEditor|ScenarioMap|worker/.test(chunk.file))).toBe(
    false,
  );
  expect(totalGzip(all)).toBeLessThanOrEqual(BUDGETS.studioTotal);
});

test('the pages that link the studio add no JavaScript for it', () => {
  const practice = report.pages.find((page) => page.route === '/practice/')!;
  const about = report.pages.find((page) => page.route === '/about/')!;
  expect(about.eager).toEqual([]);
  expect(practice.eager.some((chunk) => /Studio/.test(chunk.file))).toBe(false);
});

test(`a team page before sign-in loads at most ${kb(BUDGETS.teamEager)} of JavaScript (gzip)`, () => {
  expect(report.team.length).toBeGreaterThanOrEqual(6);
  for (const page of report.team) {
    expect(totalGzip(page.eager), page.route).toBeLessThanOrEqual(BUDGETS.teamEager);
    // Dashboards, charts and supabase-js come after sign-in, not with the form.
    expect(page.eager.map((chunk) => chunk.file).join(' '), page.route).not.toMatch(
      /SkillCharts|SupervisorDashboard|AdminPanel|LearnerDrilldown/,
    );
  }
});

test(`the profile loads at most ${kb(BUDGETS.profileEager)} of JavaScript, charts only when needed`, () => {
  const profile = report.profile!;
  expect(totalGzip(profile.eager)).toBeLessThanOrEqual(BUDGETS.profileEager);
  expect(profile.eager.some((chunk) => /SkillCharts/.test(chunk.file))).toBe(false);
  expect(profile.lazy.some((chunk) => /SkillCharts/.test(chunk.file))).toBe(true);
});
