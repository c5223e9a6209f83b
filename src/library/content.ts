import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ContentIssue } from '../domain/content-issue';
import { glossarySchema, type GlossaryTerm } from '../domain/glossary/glossary';
import {
  checkLessonSet,
  lessonFrontmatterSchema,
  type LessonFrontmatter,
} from '../domain/lessons/lesson';
import type { AnalysisContext, ScenarioAnalysis } from '../domain/scenario/analysis';
import type { PublishedScenario } from '../domain/scenario/schema';
import { skillTaxonomySchema, type Skill } from '../domain/skills/skill';
import { listFiles, readText, splitFrontmatter } from './content-files';
import { checkScenarioFile } from './scenario-source';
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

export interface LoadedScenario {
  file: string;
  scenario: PublishedScenario;
  analysis: ScenarioAnalysis;
}

/** A scenario's content version: a short hash of its canonical data, so any edit makes a new version. */
export function contentVersion(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Loads and validates every `scenarios/<setting>/<id>.yaml`: schema (with line and column),
 * references, and the state-space analysis. Scenarios with errors are still returned with
 * their analysis so reports can show them; `publishable` filters them out.
 */
export function loadScenarios(
  root: string,
  context: AnalysisContext,
): { scenarios: LoadedScenario[]; issues: ContentIssue[] } {
  const scenarios: LoadedScenario[] = [];
  const issues: ContentIssue[] = [];
  const seen = new Map<string, string>();
  for (const relativePath of listFiles(join(root, CONTENT_PATHS.scenarios), ['.yaml', '.yml'])) {
    const file = `${CONTENT_PATHS.scenarios}/${relativePath}`;
    const checked = checkScenarioFile(file, readText(join(root, file)), context, seen);
    issues.push(...checked.issues);
    if (!checked.scenario || !checked.analysis) continue;
    if (!seen.has(checked.scenario.id)) seen.set(checked.scenario.id, file);
    scenarios.push({
      file,
      scenario: { ...checked.scenario, version: contentVersion(checked.source.document.toJS()) },
      analysis: checked.analysis,
    });
  }
  return { scenarios, issues };
}

/** The glossary, checked against the lessons it names. */
export function loadGlossary(
  root: string,
  lessonIds?: readonly string[],
): { terms: GlossaryTerm[]; issues: ContentIssue[] } {
  const file = CONTENT_PATHS.glossary;
  let text: string;
  try {
    text = readText(join(root, file));
  } catch {
    return { terms: [], issues: [] };
  }
  const source = parseYamlSource(file, text);
  const { data, issues } = validateYaml(source, glossarySchema());
  const terms = data?.terms ?? [];
  if (lessonIds) {
    terms.forEach((term, index) =>
      term.lessons.forEach((lesson, lessonIndex) => {
        if (!lessonIds.includes(lesson)) {
          issues.push({
            file,
            field: `terms[${index}].lessons[${lessonIndex}]`,
            message: `unknown lesson "${lesson}"`,
            ...locate(source, ['terms', index, 'lessons', lessonIndex]),
          });
        }
      }),
    );
  }
  return { terms, issues };
}
