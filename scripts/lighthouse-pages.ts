/**
 * Lighthouse (mobile preset, default simulated throttling) on the pages whose state lives in
 * the browser: `/profile/` empty, `/profile/` with 500 records, and the team dashboard signed
 * in as the demo supervisor. Each run gets a fresh Chromium profile, seeded with Playwright
 * (records imported through the profile's own import; a sign-in through the team page), and
 * Lighthouse then loads the page in that same browser over its debugging port, keeping the
 * storage. Prints every run and the median per page. Figures, not a test: run it on a quiet
 * machine (see docs/performance.md).
 *
 * Lighthouse is not a dependency of the project; install it in a folder of its own:
 *
 *   mkdir -p /tmp/lh && cd /tmp/lh && npm i lighthouse
 *   npx tsx scripts/lighthouse-pages.ts /tmp/lh [--runs 3] [--build] [--pages a,b]
 *     [--port N] [--api-port N] [--mail-port N] [--smtp-port N] [--debug-port N] [--records N]
 *     [--json file] [--reports folder]
 *
 * --json writes the figures; --reports keeps each run's full Lighthouse report (JSON) for the
 * main-thread breakdown, the long tasks and the treemap.
 *
 * Pages: profile-empty, profile-records, team-dashboard (all by default).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from '@playwright/test';
import { checkPortFree } from '../supabase/local/ports';
import { seedProfile } from '../tests/e2e/support/seed-records';
import { startPlatform } from './lib/platform';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const installFolder = process.argv[2];
const entry =
  installFolder && join(installFolder, 'node_modules', 'lighthouse', 'core', 'index.js');
if (!entry || installFolder.startsWith('--') || !existsSync(entry)) {
  console.error(
    `Lighthouse not found${installFolder && !installFolder.startsWith('--') ? ` in ${installFolder}` : ''}.\n` +
      'Install it in a folder of its own (it is not a project dependency), then pass that folder:\n' +
      '  mkdir -p /tmp/lh && cd /tmp/lh && npm i lighthouse\n' +
      '  npx tsx scripts/lighthouse-pages.ts /tmp/lh',
  );
  process.exit(2);
}

const RUNS = Number(option('runs', '3'));
const RECORDS = Number(option('records', '500'));
const DEBUG_PORT = Number(option('debug-port', '54455'));
const ORG = '00000000-0000-4000-b000-000000000001';
const NORTH = '00000000-0000-4000-c000-000000000001';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface PageUnderTest {
  name: string;
  path: string;
  /** Puts the browser in the state the page is measured in. */
  seed: (context: BrowserContext) => Promise<void>;
}

const PAGES: Record<string, PageUnderTest> = {
  'profile-empty': { name: '/profile/ (empty)', path: '/profile/', seed: async () => {} },
  'profile-records': {
    name: `/profile/ (${RECORDS} records)`,
    path: '/profile/',
    seed: async (context) => {
      const page = await context.newPage();
      await seedProfile(page, RECORDS);
      await page.close();
    },
  },
  'team-dashboard': {
    name: '/team/dashboard/ (signed in)',
    path: `/team/dashboard/?org=${ORG}&cohort=${NORTH}`,
    seed: async (context) => {
      const page = await context.newPage();
      await page.goto('/team/');
      await page.getByLabel('Email').fill('supervisor.north@demo.casecraft.local');
      await page.getByLabel('Password').fill('casecraft-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      await page.close();
    },
  },
};
const chosen = option('pages', Object.keys(PAGES).join(','))
  .split(',')
  .map((key) => {
    const page = PAGES[key];
    if (!page) throw new Error(`unknown page "${key}"; pages: ${Object.keys(PAGES).join(', ')}`);
    return [key, page] as const;
  });

interface RunFigures {
  score: number;
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  /** The longest main-thread task, as Lighthouse's throttling simulates it (4× CPU). */
  longestTaskMs: number;
}

type Audit = { numericValue?: number; details?: { items?: Array<Record<string, unknown>> } };
interface Lhr {
  categories: { performance: { score: number | null } };
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
}
type Lighthouse = (
  url: string,
  flags: Record<string, unknown>,
) => Promise<{ lhr: Lhr } | undefined>;
const lighthouse = ((await import(pathToFileURL(entry).href)) as { default: Lighthouse }).default;

await checkPortFree(DEBUG_PORT, 'Chromium debugging');
const dataDir = mkdtempSync(join(tmpdir(), 'casecraft-lighthouse-'));
const platform = await startPlatform({
  sitePort: Number(option('port', '4394')),
  apiPort: Number(option('api-port', '54394')),
  mailPort: Number(option('mail-port', '54396')),
  smtpPort: Number(option('smtp-port', '54397')),
  dataDir,
  build: process.argv.includes('--build'),
  log: () => undefined,
});

const reportsFolder = option('reports', '');
if (reportsFolder) mkdirSync(reportsFolder, { recursive: true });

async function runOnce(target: PageUnderTest, label: string): Promise<RunFigures> {
  const profileDir = mkdtempSync(join(tmpdir(), 'casecraft-lighthouse-chromium-'));
  // A persistent context is the browser's default one, the one Lighthouse opens its tab in.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    baseURL: platform.siteUrl,
    args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${DEBUG_PORT}`],
  });
  try {
    await target.seed(context);
    const result = await lighthouse(`${platform.siteUrl}${target.path}`, {
      port: DEBUG_PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      // Keep what the seeding stored (records, the session).
      disableStorageReset: true,
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    if (reportsFolder) writeFileSync(join(reportsFolder, `${label}.json`), JSON.stringify(lhr));
    const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const tasks = lhr.audits['long-tasks']?.details?.items ?? [];
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      tbtMs: value('total-blocking-time'),
      lcpMs: value('largest-contentful-paint'),
      fcpMs: value('first-contentful-paint'),
      cls: value('cumulative-layout-shift'),
      longestTaskMs: Math.max(0, ...tasks.map((task) => Number(task.duration ?? 0))),
    };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const row = (label: string, figures: RunFigures) =>
  `${label.padEnd(36)} ${String(figures.score).padStart(5)} ${`${Math.round(figures.tbtMs)} ms`.padStart(9)} ${`${Math.round(figures.lcpMs)} ms`.padStart(9)} ${`${Math.round(figures.fcpMs)} ms`.padStart(9)} ${figures.cls.toFixed(3).padStart(6)} ${`${Math.round(figures.longestTaskMs)} ms`.padStart(9)}`;

const summary: Array<{ page: string; runs: RunFigures[]; median: RunFigures }> = [];
try {
  console.log(`${'page (run)'.padEnd(36)} score       TBT       LCP       FCP    CLS  long task`);
  for (const [key, target] of chosen) {
    const runs: RunFigures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const figures = await runOnce(target, `${key}-${run}`);
      runs.push(figures);
      console.log(row(`${target.name} #${run}`, figures));
    }
    const middle: RunFigures = {
      score: median(runs.map((figures) => figures.score)),
      tbtMs: median(runs.map((figures) => figures.tbtMs)),
      lcpMs: median(runs.map((figures) => figures.lcpMs)),
      fcpMs: median(runs.map((figures) => figures.fcpMs)),
      cls: median(runs.map((figures) => figures.cls)),
      longestTaskMs: median(runs.map((figures) => figures.longestTaskMs)),
    };
    summary.push({ page: target.name, runs, median: middle });
    console.log(row(`${target.name} median of ${RUNS}`, middle));
  }
  const jsonPath = option('json', '');
  if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
