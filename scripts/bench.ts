/**
 * `npm run bench`: prints the speed figures the issues ask for. Figures, not assertions:
 * these machines are shared and noisy. `npm run bench -- scoring` runs one section.
 */
import { benchColdStart, benchDashboards, benchIngestion } from './bench/backend';
import { benchScoring } from './bench/scoring';
import { benchStudio } from './bench/studio';

const sections: [string, () => Promise<string[]> | string[]][] = [
  ['scoring', benchScoring],
  ['ingest', benchIngestion],
  ['dashboards', benchDashboards],
  ['cold-start', benchColdStart],
  ['studio', benchStudio],
];
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const [name, run] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(line);
}
