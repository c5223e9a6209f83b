import type { ContentIssue } from '../domain/content-issue';
import type { ScenarioAnalysis } from '../domain/scenario/analysis';
import { measuredSkills } from '../domain/skills/skill';
import {
  loadLessons,
  loadScenarios,
  loadSkills,
  type LoadedLesson,
  type LoadedScenario,
} from './content';

export interface ScenarioReport extends Omit<ScenarioAnalysis, 'issues'> {
  file: string;
  version: string;
  errors: string[];
  warnings: string[];
}

export interface ContentReport {
  issues: ContentIssue[];
  summary: string;
  scenarios: ScenarioReport[];
}

export interface LoadedContent {
  lessons: LoadedLesson[];
  scenarios: LoadedScenario[];
  issues: ContentIssue[];
}

/** Loads the taxonomy, scenarios and lessons, each checked against the others. */
export function loadAllContent(root: string): LoadedContent {
  const skills = loadSkills(root);
  const skillIds = skills.skills.map((skill) => skill.id);
  // Lessons are read twice: first for their ids (scenario debriefs link to them), then
  // checked against the scenario ids. Both reads are cheap text parsing.
  const lessonIds = loadLessons(root, {}).lessons.map((lesson) => lesson.id);
  const scenarios = loadScenarios(root, {
    skillIds,
    measuredSkillIds: measuredSkills(skills.skills).map((skill) => skill.id),
    lessonIds,
  });
  const lessons = loadLessons(root, {
    skillIds,
    scenarioIds: scenarios.scenarios.map((entry) => entry.scenario.id),
  });
  return {
    lessons: lessons.lessons,
    scenarios: scenarios.scenarios,
    issues: [...skills.issues, ...lessons.issues, ...scenarios.issues],
  };
}

/** Every build-time content check: skills taxonomy, lessons and scenarios. */
export function checkAllContent(root: string): ContentReport {
  const content = loadAllContent(root);
  const scenarios = content.scenarios.map(({ file, scenario, analysis }): ScenarioReport => {
    const { issues, ...rest } = analysis;
    const ownIssues = content.issues.filter((issue) => issue.file === file);
    return {
      ...rest,
      file,
      version: scenario.version,
      errors: ownIssues
        .filter((issue) => issue.severity !== 'warning')
        .map((issue) => `${issue.field}: ${issue.message}`),
      warnings: issues
        .filter((issue) => issue.severity === 'warning')
        .map((issue) => issue.message),
    };
  });
  return {
    issues: content.issues,
    summary: `${content.lessons.length} lessons, ${content.scenarios.length} scenarios`,
    scenarios,
  };
}
