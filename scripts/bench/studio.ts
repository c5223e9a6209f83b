/**
 * The studio's check, timed where authors run it: in the validation worker of the built
 * site, in Chromium. For the largest library scenarios, the first check after copying and
 * then repeated checks of small edits (the time the worker reports for `checkDraft`).
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { loadAllContent } from '../../src/library/check-content';
import { serveStatic } from '../lib/static-server';
import { figure, type BenchLine } from './figures';

const EDITS = 7;

async function lastCheckMs(page: Page, previous: string): Promise<number> {
  const status = page.locator('.studio-status');
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector('.studio-status')?.textContent ?? '';
      return /checked in \d+ ms/.test(text) && text !== before;
    },
    previous,
    { timeout: 60_000 },
  );
  return Number(/checked in (\d+) ms/.exec(await status.innerText())![1]);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function benchStudio(): Promise<BenchLine[]> {
  if (!statSync('dist/studio/index.html', { throwIfNoEntry: false })) {
    return ['dist/studio/ is missing: run `npm run build` first'];
  }
  const largest = loadAllContent(process.cwd())
    .scenarios.map((entry) => ({ id: entry.scenario.id, bytes: statSync(entry.file).size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 2);
  const server = await serveStatic('dist', 0);
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const lines: BenchLine[] = [];
  try {
    for (const { id, bytes } of largest) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/studio/`);
      let before = await page.locator('.studio-status').innerText();
      await lastCheckMs(page, '');
      before = await page.locator('.studio-status').innerText();
      await page.getByLabel('Library scenario').selectOption(id);
      await page.getByRole('button', { name: 'Copy to edit' }).click();
      const first = await lastCheckMs(page, before);
      const edits: number[] = [];
      await page.locator('.cm-content').click();
      for (let edit = 0; edit < EDITS; edit++) {
        before = await page.locator('.studio-status').innerText();
        await page.keyboard.press('ControlOrMeta+End');
        await page.keyboard.type(`# edit ${edit}\n`);
        edits.push(await lastCheckMs(page, before));
      }
      lines.push(
        figure(
          `studio.${id}.first_check`,
          first,
          'ms',
          `${id} (${Math.round(bytes / 1024)} KB): first check ${first} ms`,
        ),
        figure(
          `studio.${id}.edit_check`,
          median(edits),
          'ms',
          `${id}: after an edit median ${median(edits)} ms (min ${Math.min(...edits)}, max ${Math.max(...edits)}, ${EDITS} edits)`,
        ),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return lines;
}
