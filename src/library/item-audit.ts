import { join } from 'node:path';
import type { AuditInput } from '../domain/item-audit/audit';
import { checkItems, decisionItems, type AuditItem } from '../domain/item-audit/items';
import { measuredSkills } from '../domain/skills/skill';
import { loadAllContent } from './check-content';
import { loadSkills } from './content';
import { readText, splitFrontmatter } from './content-files';
import { locate, parseYamlSource, type YamlSource } from './yaml-source';

/**
 * The item audit's input from the content on disk: every knowledge-check item, every
 * reachable scenario decision, the library the audit's learners play, and line numbers.
 */
export function loadAuditInput(root: string): AuditInput {
  const content = loadAllContent(root);
  const sources = new Map<string, YamlSource>();
  const items: AuditItem[] = [];
  for (const lesson of content.lessons) {
    items.push(
      ...checkItems({ id: lesson.id, file: lesson.file, check: lesson.frontmatter.check }),
    );
    const parts = splitFrontmatter(readText(join(root, lesson.file)));
    if (parts)
      sources.set(
        lesson.file,
        parseYamlSource(lesson.file, parts.frontmatter, parts.frontmatterLine),
      );
  }
  for (const { scenario, file } of content.scenarios) {
    items.push(...decisionItems(scenario, file));
    sources.set(file, parseYamlSource(file, readText(join(root, file))));
  }
  return {
    items,
    scenarios: content.scenarios.map((entry) => entry.scenario),
    lessons: content.lessons.map((lesson) => ({ id: lesson.id, check: lesson.frontmatter.check })),
    skills: measuredSkills(loadSkills(root).skills).map((skill) => skill.id),
    lineOf: (item) => {
      const source = sources.get(item.file);
      return source ? locate(source, item.path)?.line : undefined;
    },
  };
}
