import { buildScoringCatalogue } from '../publish/scoring-catalogue';
import { splitScoringCatalogue } from '../publish/scoring-parts';
import { getLessons, getScenarios, getSkills } from './catalogue';

let split: Promise<ReturnType<typeof splitScoringCatalogue>> | undefined;

/** The split scoring catalogue, built once per build for the index and every part. */
export function scoringParts(): Promise<ReturnType<typeof splitScoringCatalogue>> {
  split ??= (async () =>
    splitScoringCatalogue(
      buildScoringCatalogue({
        skills: await getSkills(),
        scenarios: await getScenarios(),
        lessons: await getLessons(),
      }),
    ))();
  return split;
}
