import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioSchema, type Scenario } from '../../src/domain/scenario/schema';

/** Loads a scenario fixture from tests/fixtures/scenarios (test code only). */
export function loadFixtureScenario(name: string): Scenario {
  const text = readFileSync(new URL(`../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
  return scenarioSchema().parse(parse(text));
}
