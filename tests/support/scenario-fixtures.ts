import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioSchema, type Scenario } from '../../src/domain/scenario/schema';

/** Loads a scenario file by its path from the repository root (test code only). */
export function loadScenarioFile(path: string): Scenario {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  return scenarioSchema().parse(parse(text));
}

/** Loads a scenario fixture from tests/fixtures/scenarios (test code only). */
export function loadFixtureScenario(name: string): Scenario {
  return loadScenarioFile(`tests/fixtures/scenarios/${name}.yaml`);
}

/** Every scenario of the library (scenarios/<setting>/<id>.yaml), in path order (test code only). */
export function loadLibraryScenarios(): Scenario[] {
  return readdirSync(new URL('../../scenarios', import.meta.url), {
    recursive: true,
    encoding: 'utf8',
  })
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => loadScenarioFile(`scenarios/${file}`));
}
