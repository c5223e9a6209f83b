/**
 * `npm run bench:pages`: what the profile and team pages cost a phone, measured in Chromium
 * on the built site (dist/) with a fresh embedded stack: layout shift (CLS, summed from
 * PerformanceObserver `layout-shift` entries without recent input), JavaScript and data
 * transferred (compressed bytes, from resource timing), and the largest contentful paint.
 * Printed against the budgets (CLS < 0.05; team pages before sign-in ≤ 120 KB of
 * JavaScript); the exit code is 1 when one is over. Figures, not a timed test.
 *
 *   --build          build the site first
 *   --port N         site port (default 4394); --api-port N (default 54394)
 *   --records N      records seeded for the full profile (default 500)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { seedProfile } from '../tests/e2e/support/seed-records';
import { startPlatform } from './lib/platform';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const RECORDS = Number(option('records', '500'));
const CLS_BUDGET = 0.05;
const TEAM_JS_BUDGET = 120 * 1024;
const ORG = '00000000-0000-4000-b000-000000000001';
const NORTH = '00000000-0000-4000-c000-000000000001';

/**
 * Collects layout shifts and the LCP from the first byte on (before any page script). A
 * string, as is the reading below: tsx would wrap functions in helpers the page lacks.
 */
const OBSERVE = `
  window.__cls = 0;
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

/** Compressed bytes of the page's scripts and data files, from resource timing. */
const READ = `(() => {
  const resources = performance.getEntriesByType('resource');
  const sum = (pattern) => resources
    .filter((entry) => pattern.test(entry.name))
    .reduce((total, entry) => total + entry.encodedBodySize, 0);
  return {
    cls: window.__cls,
    lcpMs: window.__lcp,
    jsBytes: sum(/\\.js(\\?|$)/),
    dataBytes: sum(/\\.json(\\?|$)/),
    scripts: resources.filter((entry) => /\\.js(\\?|$)/.test(entry.name)).length,
  };
})()`;

interface Figures {
  page: string;
  cls: number;
  lcpMs: number;
  jsBytes: number;
  dataBytes: number;
  scripts: number;
}

async function measure(page: Page, name: string, url: string, ready: string): Promise<Figures> {
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500); // late shifts (fonts, lazy charts) count too
  return { page: name, ...(await page.evaluate<Omit<Figures, 'page'>>(READ)) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'casecraft-bench-pages-'));
const platform = await startPlatform({
  sitePort: Number(option('port', '4394')),
  apiPort: Number(option('api-port', '54394')),
  mailPort: Number(option('mail-port', '54396')),
  smtpPort: Number(option('smtp-port', '54397')),
  dataDir,
  build: process.argv.includes('--build'),
  log: () => undefined,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const phone = { viewport: { width: 412, height: 823 }, baseURL: platform.siteUrl };
const fresh = async (): Promise<BrowserContext> => {
  const context = await browser.newContext(phone);
  await context.addInitScript({ content: OBSERVE });
  return context;
};
const results: Figures[] = [];
let failed = false;
try {
  let context = await fresh();
  let page = await context.newPage();
  results.push(await measure(page, '/profile/ (empty)', '/profile/', '.empty-profile'));
  results.push(
    await measure(page, '/team/dashboard/ (signed out)', '/team/dashboard/', 'form button'),
  );
  await seedProfile(page, RECORDS);
  await page.close();
  page = await context.newPage(); // a new page: CLS and resources from its own load only
  results.push(await measure(page, `/profile/ (${RECORDS} records)`, '/profile/', '.skill-table'));
  await context.close();

  context = await fresh();
  page = await context.newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill('supervisor.north@demo.casecraft.local');
  await page.getByLabel('Password').fill('casecraft-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  await page.close();
  page = await context.newPage();
  results.push(
    await measure(
      page,
      '/team/dashboard/ (signed in)',
      `/team/dashboard/?org=${ORG}&cohort=${NORTH}`,
      '.heatmap',
    ),
  );
  await context.close();

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('page                              CLS     LCP       JS (transferred)  data');
  for (const figures of results) {
    const clsOk = figures.cls < CLS_BUDGET;
    const jsBudget = figures.page === '/team/dashboard/ (signed out)';
    const jsOk = !jsBudget || figures.jsBytes <= TEAM_JS_BUDGET;
    failed ||= !clsOk || !jsOk;
    console.log(
      `${figures.page.padEnd(33)} ${figures.cls.toFixed(3)}${clsOk ? '  ' : '! '} ${`${Math.round(figures.lcpMs)} ms`.padStart(8)}  ${kb(figures.jsBytes).padStart(9)} (${figures.scripts} files)${jsBudget ? (jsOk ? ' ok' : ' OVER') : '   '}  ${kb(figures.dataBytes).padStart(9)}`,
    );
  }
  console.log(
    `budgets: CLS < ${CLS_BUDGET} on every page; JS before sign-in ≤ ${kb(TEAM_JS_BUDGET)} — ${failed ? 'OVER BUDGET' : 'all ok'}`,
  );
} finally {
  await browser.close();
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
