import type { APIRoute } from 'astro';
import { buildScoringCatalogue } from '../../publish/scoring-catalogue';
import { getLessons, getScenarios, getSkills } from '../../site/catalogue';

/**
 * The published content the profile needs to score progress in the browser: scenario
 * cores (choices and their codes, no prose), lessons' check items, skills. Built once, static.
 */
export const GET: APIRoute = async () => {
  const body = buildScoringCatalogue({
    skills: await getSkills(),
    scenarios: await getScenarios(),
    lessons: await getLessons(),
  });
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
