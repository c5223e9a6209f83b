/**
 * `npm run budgets`: after `npm run build`, prints the JavaScript each page fetches (gzip)
 * against the site's budgets: lesson pages none as they load, a scenario page at most
 * 100 KB, the studio at most 350 KB in all (editor, map, player and validation worker).
 * `-- --pages` lists every page; `-- --chunks` lists the studio's chunks.
 */
import { existsSync } from 'node:fs';
import { BUDGETS, kb, measureSite, totalGzip, type PageJs } from './lib/bundle-budgets';

const dist = 'dist';
if (!existsSync(dist)) {
  console.error('No dist/ folder: run `npm run build` first.');
  process.exit(1);
}
const report = measureSite(dist);
const line = (page: PageJs) =>
  `${page.route.padEnd(48)} eager ${kb(totalGzip(page.eager)).padStart(9)}  deferred ${kb(totalGzip(page.deferred)).padStart(9)}  lazy ${kb(totalGzip(page.lazy)).padStart(9)}  inline ${kb(page.inlineGzip).padStart(8)}`;
const worst = (pages: readonly PageJs[], measure: (page: PageJs) => number) =>
  pages.reduce<PageJs | undefined>(
    (max, page) => (!max || measure(page) > measure(max) ? page : max),
    undefined,
  );

let failed = false;
const verdict = (ok: boolean) => {
  failed ||= !ok;
  return ok ? 'ok' : 'OVER BUDGET';
};

if (process.argv.includes('--pages')) {
  for (const page of report.pages) console.log(line(page));
  console.log('');
}

const lessonWorst = worst(report.lessons, (page) => totalGzip(page.eager));
const lessonEager = lessonWorst ? totalGzip(lessonWorst.eager) : 0;
console.log(
  `lesson pages (${report.lessons.length}): most eager JS ${kb(lessonEager)} (budget ${kb(BUDGETS.lessonEager)}) ${verdict(lessonEager <= BUDGETS.lessonEager)}`,
);
const scenarioWorst = worst(report.scenarios, (page) => totalGzip(page.eager));
const scenarioEager = scenarioWorst ? totalGzip(scenarioWorst.eager) : 0;
console.log(
  `scenario pages (${report.scenarios.length}): most eager JS ${kb(scenarioEager)} on ${scenarioWorst?.route ?? '-'} (budget ${kb(BUDGETS.scenarioEager)}) ${verdict(scenarioEager <= BUDGETS.scenarioEager)}`,
);
const teamWorst = worst(report.team, (page) => totalGzip(page.eager));
const teamEager = teamWorst ? totalGzip(teamWorst.eager) : 0;
console.log(
  `team pages before sign-in (${report.team.length}): most eager JS ${kb(teamEager)} on ${teamWorst?.route ?? '-'} (budget ${kb(BUDGETS.teamEager)}) ${verdict(teamEager <= BUDGETS.teamEager)}`,
);
const profileEager = report.profile ? totalGzip(report.profile.eager) : 0;
console.log(
  `profile: eager JS ${kb(profileEager)} (budget ${kb(BUDGETS.profileEager)}) ${verdict(profileEager <= BUDGETS.profileEager)}`,
);
if (report.studio) {
  const studio = report.studio;
  const all = [...studio.eager, ...studio.deferred, ...studio.lazy];
  console.log(
    `studio: eager ${kb(totalGzip(studio.eager))}, lazy ${kb(totalGzip(studio.lazy))}, total ${kb(totalGzip(all))} (budget ${kb(BUDGETS.studioTotal)}) ${verdict(totalGzip(all) <= BUDGETS.studioTotal)}`,
  );
  if (process.argv.includes('--chunks')) {
    for (const [label, chunks] of [
      ['eager', studio.eager],
      ['lazy', studio.lazy],
    ] as const) {
      for (const chunk of [...chunks].sort((a, b) => b.gzip - a.gzip)) {
        console.log(
          `  ${label.padEnd(5)} ${chunk.file.padEnd(56)} ${kb(chunk.bytes).padStart(9)} raw ${kb(chunk.gzip).padStart(9)} gzip`,
        );
      }
    }
  }
} else {
  console.log('studio: not built');
}
process.exitCode = failed ? 1 : 0;
