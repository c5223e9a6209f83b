/**
 * `npm run soak:offline`: the offline journey of issue 19, at every decision. For two
 * assessed scenarios, one run per decision index: a signed-in learner starts the scenario,
 * the network drops just before that decision, they finish offline, the network returns,
 * the player says everything is saved (or not, within a minute). Then the service role reads
 * what the server holds for the attempt and compares it with what the browser recorded.
 * Prints runs, records, refused, lost and duplicated: figures, not a pass/fail test.
 *
 * Runs the built site (dist/) with a fresh embedded stack in a temporary directory.
 *   --build            build the site first
 *   --port N           site port (default 4391); --api-port N (default 54391)
 *   --scenarios a,b    which scenarios (default williams-eviction,okafor-discharge)
 *   --sync-wait S      seconds to wait for the player to say saved (default 60)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { playInAssessment } from '../tests/e2e/support/play';
import { storedRecords } from '../tests/e2e/support/progress';
import { pathsToEndings, publishedScenario } from '../tests/e2e/support/scenario-paths';
import { startPlatform } from './lib/platform';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const scenarioIds = option('scenarios', 'williams-eviction,okafor-discharge').split(',');
const SYNC_WAIT_MS = Number(option('sync-wait', '60')) * 1000;
const PASSWORD = 'soak password';

interface Run {
  scenario: string;
  offlineAt: number;
  records: number;
  refused: number;
  lost: number;
  duplicated: number;
  /** The player said "Saved to your account" within the wait. */
  saidSaved: boolean;
  seconds: number;
  problems: string[];
}

/** The IndexedDB outbox entries the server refused for good. */
function refusedInBrowser(page: Page): Promise<{ id: string; lastError?: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ id: string; lastError?: string }[]>((resolve, reject) => {
        const open = indexedDB.open('casecraft');
        open.onerror = () => reject(new Error('cannot open IndexedDB'));
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () =>
            resolve(
              (request.result as { id: string; fatal?: boolean; lastError?: string }[]).filter(
                (entry) => entry.fatal,
              ),
            );
          request.onerror = () => reject(new Error('cannot read the outbox'));
        };
      }),
  );
}

async function signIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: siteUrl });
  const page = await context.newPage();
  await page.goto('/team/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  await page.close();
  return context;
}

const dataDir = mkdtempSync(join(tmpdir(), 'casecraft-soak-'));
const platform = await startPlatform({
  sitePort: Number(option('port', '4391')),
  apiPort: Number(option('api-port', '54391')),
  mailPort: Number(option('mail-port', '54394')),
  smtpPort: Number(option('smtp-port', '54395')),
  dataDir,
  build: process.argv.includes('--build'),
  log: (line) => console.log(`soak: ${line}`),
});
const siteUrl = platform.siteUrl;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const runs: Run[] = [];
try {
  if (!platform.stack) throw new Error('the soak needs the embedded stack (its service role)');
  const service = createClient(platform.stack.url, platform.stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const email = `soak.${Date.now().toString(36)}@example.org`;
  const { error } = await createClient(platform.stack.url, platform.stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).auth.signUp({ email, password: PASSWORD });
  if (error) throw new Error(`sign-up: ${error.message}`);
  const signedIn = await signIn(browser, email);
  const storageState = await signedIn.storageState();
  await signedIn.close();

  for (const id of scenarioIds) {
    const scenario = publishedScenario(id);
    // The longest of the shortest paths to an ending: the most decisions to go offline before.
    const steps = [...pathsToEndings(scenario).values()].sort((a, b) => b.length - a.length)[0]!;
    for (let offlineAt = 0; offlineAt < steps.length; offlineAt++) {
      const started = performance.now();
      // A fresh browser profile per run (signed in): its IndexedDB holds exactly this run.
      const context = await browser.newContext({ baseURL: siteUrl, storageState });
      const page = await context.newPage();
      const problems: string[] = [];
      await playInAssessment(page, scenario, steps, async (index) => {
        if (index === offlineAt) await context.setOffline(true);
      });
      await context.setOffline(false);
      // The debrief shows a moment before its completion is stored in the browser.
      const localRecords = async () =>
        (await storedRecords(page)).filter(
          (record) => record.kind === 'choice' || record.kind === 'completion',
        );
      const deadline = Date.now() + SYNC_WAIT_MS;
      let played = await localRecords();
      while (played.length < steps.length + 1 && Date.now() < deadline) {
        await page.waitForTimeout(100);
        played = await localRecords();
      }
      const saidSaved = await page
        .locator('.sync-indicator', { hasText: 'Saved to your account' })
        .waitFor({ timeout: Math.max(1, deadline - Date.now()) })
        .then(
          () => true,
          () => false,
        );
      if (!saidSaved)
        problems.push(
          `player says: ${(await page.locator('.sync-indicator').allTextContents()).join(' ') || '(nothing)'}`,
        );

      const attemptIds = new Set(played.map((record) => String(record.attemptId)));
      const refused = await refusedInBrowser(page);
      for (const entry of refused) problems.push(`refused: ${entry.lastError ?? '?'}`);
      const { data: held, error: readError } = await service
        .from('activity_events')
        .select('id, attempt_id')
        .in('attempt_id', [...attemptIds]);
      if (readError) throw new Error(`service role read: ${readError.message}`);
      const local = new Set(played.map((record) => String(record.id)));
      const server = (held ?? []) as { id: string }[];
      const lost = [...local].filter((recordId) => !server.some((row) => row.id === recordId));
      const duplicated = server.filter((row) => !local.has(row.id)).length;
      if (played.length !== steps.length + 1)
        problems.push(`browser recorded ${played.length} of ${steps.length + 1} records`);
      runs.push({
        scenario: id,
        offlineAt,
        records: played.length,
        refused: refused.length,
        lost: lost.length,
        duplicated,
        saidSaved,
        seconds: (performance.now() - started) / 1000,
        problems,
      });
      const run = runs.at(-1)!;
      console.log(
        `${id} offline before decision ${offlineAt + 1}/${steps.length}: ${run.records} records, ${run.refused} refused, ${run.lost} lost, ${run.duplicated} duplicated, ${saidSaved ? 'player said saved' : 'player did NOT say saved'} (${run.seconds.toFixed(1)} s)${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const sum = (pick: (run: Run) => number, list = runs) => list.reduce((n, run) => n + pick(run), 0);
console.log('\n## soak: offline before every decision');
for (const id of scenarioIds) {
  const list = runs.filter((run) => run.scenario === id);
  console.log(
    `${id}: runs ${list.length}, records ${sum((run) => run.records, list)}, refused ${sum((run) => run.refused, list)}, lost ${sum((run) => run.lost, list)}, duplicated ${sum((run) => run.duplicated, list)}, player said saved in ${list.filter((run) => run.saidSaved).length} of ${list.length}`,
  );
}
console.log(
  `total: runs ${runs.length}, records ${sum((run) => run.records)}, refused ${sum((run) => run.refused)}, lost ${sum((run) => run.lost)}, duplicated ${sum((run) => run.duplicated)}; ${(sum((run) => run.seconds) / Math.max(1, runs.length)).toFixed(1)} s per run`,
);
