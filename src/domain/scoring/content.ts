import type { ScenarioCore } from '../scenario/schema';
import type { ScoringContent } from './evidence';

/**
 * A ScoringContent over published content. Records name a scenario version; when that
 * version is not the one published here, the current version is used as long as the
 * recorded steps still replay in it (records that no longer replay are reported).
 */
export function scoringContentFrom(content: {
  scenarios: readonly ScenarioCore[];
  lessons: readonly {
    id: string;
    check: readonly {
      id: string;
      skill: string;
      options: readonly { id: string; correct: boolean }[];
    }[];
  }[];
}): ScoringContent {
  const scenarios = new Map(content.scenarios.map((scenario) => [scenario.id, scenario]));
  const items = new Map(
    content.lessons.flatMap((lesson) =>
      lesson.check.map(
        (item) =>
          [
            `${lesson.id}#${item.id}`,
            {
              skill: item.skill,
              options: item.options.map(({ id, correct }) => ({ id, correct })),
            },
          ] as const,
      ),
    ),
  );
  return {
    scenario: (id) => scenarios.get(id),
    checkItem: (lessonId, itemId) => items.get(`${lessonId}#${itemId}`),
  };
}
