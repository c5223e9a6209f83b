import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LessonFrontmatter } from '../../../src/domain/lessons/lesson';

/** A lesson's frontmatter straight from its file, so tests follow the content. */
export function lessonFrontmatter(id: string): LessonFrontmatter {
  const text = readFileSync(`content/lessons/${id}.mdx`, 'utf8');
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return parse(frontmatter) as LessonFrontmatter;
}
