import type { ContentIssue } from '../domain/content-issue';
import type { ScenarioAnalysis } from '../domain/scenario/analysis';
import { measuredSkills } from '../domain/skills/skill';
import {
  loadGlossary,
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
  const glossary = loadGlossary(root, lessonIds);
  return {
    lessons: lessons.lessons,
    scenarios: scenarios.scenarios,
    issues: [...skills.issues, ...lessons.issues, ...scenarios.issues, ...glossary.issues],
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
  // Files that failed the schema have no analysis, but still get an entry with their errors.
  const unreadable = [...new Set(content.issues.map((issue) => issue.file))]
    .filter(
      (file) => file.startsWith('scenarios/') && !scenarios.some((entry) => entry.file === file),
    )
    .map((file): ScenarioReport => ({
      id: file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
      file,
      version: '',
      nodes: 0,
      decisionPoints: 0,
      endings: { good: 0, mixed: 0, poor: 0 },
      states: 0,
      paths: { count: 0, capped: false },
      shortestPath: 0,
      longestPath: 0,
      evidence: {},
      errors: content.issues
        .filter((issue) => issue.file === file)
        .map((issue) => `${issue.field}: ${issue.message}`),
      warnings: [],
    }));
  return {
    issues: content.issues,
    summary: `${content.lessons.length} lessons, ${content.scenarios.length} scenarios`,
    scenarios: [...scenarios, ...unreadable].sort((a, b) => a.file.localeCompare(b.file)),
  };
}
