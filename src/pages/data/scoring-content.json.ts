import type { APIRoute } from 'astro';
import { scoringScenario } from '../../domain/scenario/schema';
import { evidenceCapacity } from '../../domain/scoring/recommend';
import { getLessons, getScenarios, getSkills } from '../../site/catalog';

/**
 * The published content the profile needs to score progress in the browser: scenario
 * cores (choices and their codes, no prose), lessons' check items, skills. Built once, static.
 */
export const GET: APIRoute = async () => {
  const skills = (await getSkills()).filter((skill) => skill.kind === 'skill');
  const scenarios = await getScenarios();
  const lessons = await getLessons();
  const body = {
    skills: skills.map(({ id, name, levels }) => ({ id, name, levels })),
    scenarios: scenarios.map((scenario) => ({
      ...scoringScenario(scenario),
      capacity: evidenceCapacity(
        scenario,
        (scenario.analysis.shortestPath + scenario.analysis.longestPath) / 2,
      ),
    })),
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.data.title,
      skill: lesson.data.skill,
      order: lesson.data.order,
      check: lesson.data.check.map((item) => ({
        id: item.id,
        skill: item.skill,
        prompt: item.prompt,
        options: item.options.map(({ id, text, correct }) => ({ id, text, correct })),
      })),
    })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
};
