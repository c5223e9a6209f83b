import { z } from 'zod';
import type { ContentIssue } from '../content-issue';
import { DIFFICULTIES } from '../scenario/difficulty';

/** A lesson's level is on the scenarios' difficulty scale (one statement of its order). */
export const LESSON_LEVELS = DIFFICULTIES;
export type LessonLevel = (typeof LESSON_LEVELS)[number];

const slugId = () =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words or numbers joined by hyphens');

/** What the schemas check names against. Leave a list out to skip that check. */
export interface LessonSchemaContext {
  skillIds?: readonly string[];
  scenarioIds?: readonly string[];
}

const knownId = (kind: string, ids: readonly string[] | undefined) =>
  ids
    ? z.string().refine((id) => ids.includes(id), {
        error: (issue) =>
          `unknown ${kind} "${String(issue.input)}" (known: ${ids.join(', ') || 'none'})`,
      })
    : z.string();

/** One answer option of a knowledge-check item. Every option teaches through its feedback. */
export const checkOptionSchema = () =>
  z.object({
    id: slugId(),
    text: z.string().min(1),
    correct: z.boolean().default(false),
    feedback: z.string().min(10, 'every option needs its own feedback (10+ characters)'),
  });

/** A single-answer knowledge-check item; `skill` is the skill an answer evidences. */
export const checkItemSchema = (context: LessonSchemaContext = {}) =>
  z
    .object({
      id: slugId(),
      skill: knownId('skill', context.skillIds),
      prompt: z.string().min(10),
      options: z.array(checkOptionSchema()).min(3).max(4),
    })
    .superRefine((item, ctx) => {
      const correct = item.options.filter((option) => option.correct).length;
      if (correct !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `item "${item.id}" must have exactly one correct option (has ${correct})`,
        });
      }
      duplicates(item.options.map((option) => option.id)).forEach((id) =>
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `item "${item.id}" repeats option id "${id}"`,
        }),
      );
    });

/** Frontmatter of `content/lessons/<skill>/<slug>.mdx` (see docs/writing-lessons.md). */
export const lessonFrontmatterSchema = (context: LessonSchemaContext = {}) =>
  z
    .object({
      title: z.string().min(3).max(120),
      skill: knownId('skill', context.skillIds),
      order: z.number().int().positive(),
      level: z.enum(LESSON_LEVELS),
      summary: z.string().min(20).max(300),
      estimatedMinutes: z.number().int().min(5).max(60),
      objectives: z.array(z.string().min(10)).min(3).max(5),
      scenarios: z.array(knownId('scenario', context.scenarioIds)).default([]),
      check: z.array(checkItemSchema(context)).min(3).max(6),
    })
    .superRefine((lesson, ctx) => {
      duplicates(lesson.check.map((item) => item.id)).forEach((id) =>
        ctx.addIssue({ code: 'custom', path: ['check'], message: `repeats item id "${id}"` }),
      );
    });

export type CheckOption = z.infer<ReturnType<typeof checkOptionSchema>>;
export type CheckItem = z.infer<ReturnType<typeof checkItemSchema>>;
export type LessonFrontmatter = z.infer<ReturnType<typeof lessonFrontmatterSchema>>;

/** Checks that span lessons: the folder names the skill, and `order` is unique per skill. */
export function checkLessonSet(
  lessons: readonly {
    file: string;
    id: string;
    frontmatter: Pick<LessonFrontmatter, 'skill' | 'order'>;
  }[],
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const byPosition = new Map<string, string>();
  for (const lesson of lessons) {
    const folder = lesson.id.split('/')[0];
    if (folder !== lesson.frontmatter.skill) {
      issues.push({
        file: lesson.file,
        field: 'skill',
        message: `skill "${lesson.frontmatter.skill}" does not match the folder "${folder}"`,
      });
    }
    const key = `${lesson.frontmatter.skill}#${lesson.frontmatter.order}`;
    const other = byPosition.get(key);
    if (other) {
      issues.push({
        file: lesson.file,
        field: 'order',
        message: `order ${lesson.frontmatter.order} is already used by ${other} in skill "${lesson.frontmatter.skill}"`,
      });
    } else {
      byPosition.set(key, lesson.file);
    }
  }
  return issues;
}

/** Lessons of one skill in teaching order, with their neighbours for previous/next links. */
export function lessonSequence<T extends { id: string; skill: string; order: number }>(
  lessons: readonly T[],
  skill: string,
): T[] {
  return lessons.filter((lesson) => lesson.skill === skill).sort((a, b) => a.order - b.order);
}

export function lessonNeighbours<T extends { id: string; skill: string; order: number }>(
  lessons: readonly T[],
  id: string,
): { previous?: T; next?: T } {
  const current = lessons.find((lesson) => lesson.id === id);
  if (!current) return {};
  const sequence = lessonSequence(lessons, current.skill);
  const index = sequence.findIndex((lesson) => lesson.id === id);
  return { previous: sequence[index - 1], next: sequence[index + 1] };
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

export const LESSON_LEVEL_NAMES: Record<LessonLevel, string> = {
  introductory: 'Introductory',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
