import type { ContentIssue } from '../domain/content-issue';
import { join } from 'node:path';
import { listFiles } from './content-files';
import { CONTENT_PATHS, loadLessons, loadSkills } from './content';

export interface ContentReport {
  issues: ContentIssue[];
  summary: string;
}

/** Every build-time content check: skills taxonomy, lessons, and (later) scenarios. */
export function checkAllContent(root: string): ContentReport {
  const skills = loadSkills(root);
  const scenarioIds = listFiles(join(root, CONTENT_PATHS.scenarios), ['.yaml']).map((path) =>
    path.replace(/^.*\//, '').replace(/\.yaml$/, ''),
  );
  const lessons = loadLessons(root, {
    skillIds: skills.skills.map((skill) => skill.id),
    scenarioIds,
  });
  const issues = [...skills.issues, ...lessons.issues];
  return {
    issues,
    summary: `${skills.skills.length} skills, ${lessons.lessons.length} lessons`,
  };
}
