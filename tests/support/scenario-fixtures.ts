import { readFileSync } from 'node:fs';
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
