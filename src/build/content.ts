import { join } from 'node:path';
import type { ContentIssue } from '../domain/content-issue';
import {
  checkLessonSet,
  lessonFrontmatterSchema,
  type LessonFrontmatter,
} from '../domain/lessons/lesson';
import { skillTaxonomySchema, type Skill } from '../domain/skills/skill';
import { listFiles, readText, splitFrontmatter } from './content-files';
import { locate, parseYamlSource, validateYaml, type YamlSource } from './yaml-source';

/** Where content lives, relative to the repository root. */
export const CONTENT_PATHS = {
  skills: 'content/skills.yaml',
  lessons: 'content/lessons',
  scenarios: 'scenarios',
  glossary: 'content/glossary.yaml',
} as const;

export interface LoadedLesson {
  id: string;
  file: string;
  frontmatter: LessonFrontmatter;
  body: string;
  /** Line in the file where the body starts (1-based), for positions in body checks. */
  bodyLine: number;
}

export function loadSkills(root: string): { skills: Skill[]; issues: ContentIssue[] } {
  const file = CONTENT_PATHS.skills;
  let text: string;
  try {
    text = readText(join(root, file));
  } catch {
    return { skills: [], issues: [{ file, field: '(file)', message: 'file is missing' }] };
  }
  const { data, issues } = validateYaml(parseYamlSource(file, text), skillTaxonomySchema());
  return { skills: data?.skills ?? [], issues };
}

export function loadLessons(
  root: string,
  context: { skillIds?: readonly string[]; scenarioIds?: readonly string[] },
): { lessons: LoadedLesson[]; issues: ContentIssue[] } {
  const schema = lessonFrontmatterSchema(context);
  const lessons: LoadedLesson[] = [];
  const issues: ContentIssue[] = [];
  const sources = new Map<string, YamlSource>();
  for (const relativePath of listFiles(join(root, CONTENT_PATHS.lessons), ['.mdx'])) {
    const file = `${CONTENT_PATHS.lessons}/${relativePath}`;
    const id = relativePath.replace(/\.mdx$/, '');
    if (!/^[a-z0-9-]+\/[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      issues.push({
        file,
        field: '(path)',
        message:
          'lessons live at content/lessons/<skill>/<slug>.mdx with a lowercase-hyphenated slug',
      });
      continue;
    }
    const parts = splitFrontmatter(readText(join(root, file)));
    if (!parts) {
      issues.push({
        file,
        field: '(frontmatter)',
        message: 'the file must start with a --- frontmatter block',
        line: 1,
      });
      continue;
    }
    const source = parseYamlSource(file, parts.frontmatter, parts.frontmatterLine);
    sources.set(file, source);
    const result = validateYaml(source, schema);
    issues.push(...result.issues);
    if (result.data) {
      lessons.push({
        id,
        file,
        frontmatter: result.data,
        body: parts.body,
        bodyLine: parts.bodyLine + 1,
      });
    }
  }
  for (const issue of checkLessonSet(lessons)) {
    const source = sources.get(issue.file);
    issues.push({ ...issue, ...(source ? locate(source, [issue.field]) : {}) });
  }
  return { lessons, issues };
}
