import type { ScenarioMeasures } from '../domain/scenario/analysis';
import { scoringScenario, type PublishedScenario } from '../domain/scenario/schema';
import { evidenceCapacity } from '../domain/scoring/recommend';
import type { LessonFrontmatter } from '../domain/lessons/lesson';
import type { Skill } from '../domain/skills/skill';
import type { ScoringCatalogue } from '../services/scoring-catalogue';

/** The browser's scoring catalogue (`/data/scoring-content.json`) from published content. */
export function buildScoringCatalogue(input: {
  skills: readonly Skill[];
  scenarios: readonly (PublishedScenario & {
    analysis: Pick<ScenarioMeasures, 'shortestPath' | 'longestPath'>;
  })[];
  lessons: readonly { id: string; data: LessonFrontmatter }[];
}): ScoringCatalogue {
  return {
    skills: input.skills
      .filter((skill) => skill.kind === 'skill')
      .map(({ id, name, levels }) => ({ id, name, levels })),
    scenarios: input.scenarios.map((scenario) => ({
      ...scoringScenario(scenario),
      capacity: evidenceCapacity(
        scenario,
        (scenario.analysis.shortestPath + scenario.analysis.longestPath) / 2,
      ),
    })),
    lessons: input.lessons.map((lesson) => ({
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
}
