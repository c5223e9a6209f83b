import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadGlossary, loadSkills } from '../../src/library/content';
import { aliasPattern } from '../../src/domain/glossary/glossary';
import {
  countComponent,
  internalLinks,
  paragraphs,
  proseOf,
  wordCount,
} from '../../src/domain/lessons/prose';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = loadAllContent(root);
const lessons = content.lessons;
const skills = loadSkills(root).skills;
const glossary = loadGlossary(root).terms;
const scenarioIds = content.scenarios.map((entry) => entry.scenario.id);
const STATIC_PAGES = [
  '/',
  '/learn/',
  '/learn/path/',
  '/practice/',
  '/profile/',
  '/team/',
  '/glossary/',
  '/search/',
  '/about/',
];

describe('the lesson library', () => {
  it('has at least 3 lessons per skill and 2 for the foundations module (26+ in all)', () => {
    for (const skill of skills) {
      const count = lessons.filter((lesson) => lesson.frontmatter.skill === skill.id).length;
      expect(count, skill.id).toBeGreaterThanOrEqual(skill.kind === 'module' ? 2 : 3);
    }
    expect(lessons.length).toBeGreaterThanOrEqual(26);
  });

  describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))('%s', (_id, lesson) => {
    it('is 900–1,600 words', () => {
      const words = wordCount(lesson.body);
      expect(words).toBeGreaterThanOrEqual(900);
      expect(words).toBeLessThanOrEqual(1600);
    });

    it('has 3–5 objectives, two or more Exchanges, a Reflection and one KnowledgeCheck of 4–6 items', () => {
      expect(lesson.frontmatter.objectives.length).toBeGreaterThanOrEqual(3);
      expect(lesson.frontmatter.objectives.length).toBeLessThanOrEqual(5);
      expect(countComponent(lesson.body, 'Exchange')).toBeGreaterThanOrEqual(2);
      expect(countComponent(lesson.body, 'Reflection')).toBeGreaterThanOrEqual(1);
      expect(countComponent(lesson.body, 'KnowledgeCheck')).toBe(1);
      expect(lesson.frontmatter.check.length).toBeGreaterThanOrEqual(4);
      expect(lesson.frontmatter.check.length).toBeLessThanOrEqual(6);
    });

    it('gives every option of every check item its own feedback', () => {
      for (const item of lesson.frontmatter.check) {
        const feedback = item.options.map((option) => option.feedback.trim());
        expect(
          feedback.every((text) => text.length >= 10),
          item.id,
        ).toBe(true);
        expect(new Set(feedback).size, `${item.id}: feedback repeated between options`).toBe(
          feedback.length,
        );
      }
    });

    it('has a pitfalls section', () => {
      expect(lesson.body).toMatch(/^## .*pitfall/im);
    });

    it('links only to pages that exist', () => {
      for (const link of internalLinks(lesson.body)) {
        const [path, anchor] = link.split('#');
        const lessonMatch = /^\/learn\/([a-z-]+\/[a-z0-9-]+)\/$/.exec(path!);
        const scenarioMatch = /^\/practice\/([a-z0-9-]+)\/$/.exec(path!);
        if (lessonMatch)
          expect(
            lessons.map((other) => other.id),
            link,
          ).toContain(lessonMatch[1]);
        else if (scenarioMatch) expect(scenarioIds, link).toContain(scenarioMatch[1]);
        else if (path === '/glossary/' && anchor)
          expect(
            glossary.map((term) => term.id),
            link,
          ).toContain(anchor);
        else
          expect(STATIC_PAGES.concat(skills.map((skill) => `/learn/${skill.id}/`)), link).toContain(
            path,
          );
      }
    });
  });

  it('shares no paragraph between two lessons', () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const lesson of lessons) {
      for (const paragraph of new Set(paragraphs(lesson.body))) {
        const other = seen.get(paragraph);
        if (other && other !== lesson.id)
          shared.push(`${lesson.id} and ${other}: "${paragraph.slice(0, 60)}…"`);
        seen.set(paragraph, lesson.id);
      }
    }
    expect(shared).toEqual([]);
  });

  it('has a glossary whose terms all appear in the lessons', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(30);
    const prose = lessons.map((lesson) => proseOf(lesson.body)).join('\n');
    for (const term of glossary) expect(aliasPattern(term).test(prose), term.id).toBe(true);
  });
});
