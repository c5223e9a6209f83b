/**
 * `npm run bench`: prints the speed figures the issues ask for. Figures, not assertions:
 * these machines are shared and noisy. `npm run bench -- scoring` runs one section;
 * `-- --json` prints every figure as JSON ({ section, name, value, unit }, and the notes)
 * instead; `-- postgres15 --explain` adds the plans of the hot team reads.
 */
import { benchColdStart, benchDashboards, benchIngestion } from './bench/backend';
import type { BenchLine } from './bench/figures';
import { benchNpmStart } from './bench/npm-start';
import { benchPostgres15 } from './bench/postgres15';
import { benchScoring } from './bench/scoring';
import { benchStudio } from './bench/studio';

const sections: [string, () => Promise<BenchLine[]> | BenchLine[]][] = [
  ['scoring', benchScoring],
  ['ingest', benchIngestion],
  ['dashboards', benchDashboards],
  ['postgres15', benchPostgres15],
  ['cold-start', benchColdStart],
  ['npm-start', benchNpmStart],
  ['studio', benchStudio],
];
const json = process.argv.includes('--json');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const figures: object[] = [];
for (const [name, run] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  if (!json) console.log(`\n## ${name}`);
  for (const line of await run()) {
    if (json)
      figures.push(
        typeof line === 'string'
          ? { section: name, note: line.trim() }
          : { section: name, name: line.name, value: line.value, unit: line.unit },
      );
    else console.log(typeof line === 'string' ? line : line.text);
  }
}
if (json) console.log(JSON.stringify(figures, null, 2));
