import type { ScoringScenario } from '../domain/scenario/schema';
import type { ProficiencyLevel } from '../domain/skills/skill';

/** The static `/data/scoring-content.json`: what the browser needs to score progress. */
export interface ScoringCatalogue {
  skills: { id: string; name: string; levels: Record<ProficiencyLevel, string> }[];
  scenarios: (ScoringScenario & { capacity: Record<string, number> })[];
  lessons: {
    id: string;
    title: string;
    skill: string;
    order: number;
    check: {
      id: string;
      skill: string;
      prompt: string;
      options: { id: string; text: string; correct: boolean }[];
    }[];
  }[];
}

let cached: Promise<ScoringCatalogue> | undefined;

export function loadScoringCatalogue(
  url = '/data/scoring-content.json',
): Promise<ScoringCatalogue> {
  cached ??= fetch(url).then(async (response) => {
    if (!response.ok)
      throw new Error(`could not load the content catalogue (HTTP ${response.status})`);
    return (await response.json()) as ScoringCatalogue;
  });
  cached.catch(() => {
    cached = undefined; // let a later attempt retry
  });
  return cached;
}
