/**
 * `npm run bench`: prints the speed figures the issues ask for. Figures, not assertions:
 * these machines are shared and noisy.
 */
import { benchScoring } from './bench/scoring';

const sections: [string, () => Promise<string[]> | string[]][] = [['scoring engine', benchScoring]];
for (const [name, run] of sections) {
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(line);
}
