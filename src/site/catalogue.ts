import { getCollection, type CollectionEntry } from 'astro:content';
import { byDifficulty } from '../domain/scenario/difficulty';
import { inPathOrder, type Skill } from '../domain/skills/skill';

/** Build-time queries over the content collections, shared by the pages. */

export type LessonEntry = CollectionEntry<'lessons'>;

/** Skills in the taxonomy's order (foundations first). */
export async function getSkills(): Promise<Skill[]> {
  return (await getCollection('skills')).map((entry) => entry.data);
}

/** Skills in learning-path order (content/skills.yaml's pathStep). */
export async function getSkillsInPathOrder(): Promise<Skill[]> {
  return inPathOrder(await getSkills());
}

export async function skillNames(): Promise<Map<string, string>> {
  return new Map((await getSkills()).map((skill) => [skill.id, skill.name]));
}

/** Lessons in curriculum order: by the taxonomy's skill order, then `order`. */
export async function getLessons(): Promise<LessonEntry[]> {
  const skillOrder = new Map((await getSkills()).map((skill, index) => [skill.id, index]));
  return (await getCollection('lessons')).sort(
    (a, b) =>
      (skillOrder.get(a.data.skill) ?? 99) - (skillOrder.get(b.data.skill) ?? 99) ||
      a.data.order - b.data.order,
  );
}

export function lessonHref(lesson: { id: string }): string {
  return `/learn/${lesson.id}/`;
}

export function skillHref(skillId: string): string {
  return `/learn/${skillId}/`;
}

export type ScenarioEntry = CollectionEntry<'scenarios'>;

/** Published scenarios, by setting then difficulty then title. */
export async function getScenarios(): Promise<ScenarioEntry['data'][]> {
  return (await getCollection('scenarios'))
    .map((entry) => entry.data)
    .sort(
      (a, b) =>
        a.setting.localeCompare(b.setting) || byDifficulty(a, b) || a.title.localeCompare(b.title),
    );
}

export function scenarioHref(scenario: { id: string }): string {
  return `/practice/${scenario.id}/`;
}
