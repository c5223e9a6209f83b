import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAllContent } from './check-content';
import { formatIssue } from './yaml-source';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../tests/fixtures/${name}`, import.meta.url));

describe('content check on broken lessons', () => {
  it('reports every problem with file, line, column and field', () => {
    const lines = checkAllContent(fixture('broken-lessons')).issues.map(formatIssue);
    expect(lines).toEqual([
      'content/lessons/communication/unknown-scenario.mdx:12:13 scenarios[0]: unknown scenario "ghost-scenario" (known: none)',
      'content/lessons/communication/unknown-skill.mdx:3:8 skill: unknown skill "listening" (known: communication, ethics)',
      'content/lessons/ethics/alias-bomb.mdx:6:40 (yaml): alias *b makes too many copies (aliases may expand to at most 100 copies in a file); write the values out instead',
      'content/lessons/ethics/bad-yaml.mdx:4:10 (yaml): Flow sequence in block collection must be sufficiently indented and end with a ]',
      'content/lessons/ethics/missing-summary.mdx:2:1 summary: Invalid input: expected string, received undefined',
      'content/lessons/ethics/missing-summary.mdx:8:8 check: Too small: expected array to have >=3 items',
      'content/lessons/ethics/no-frontmatter.mdx:1:1 (frontmatter): the file must start with a --- frontmatter block',
      'content/lessons/communication/same-order.mdx:4:8 order: order 1 is already used by content/lessons/communication/good.mdx in skill "communication"',
      'content/lessons/ethics/wrong-folder.mdx:3:8 skill: skill "communication" does not match the folder "ethics"',
    ]);
  });
});

describe('content check on the repository', () => {
  it('finds no errors in the real content', () => {
    const report = checkAllContent(fileURLToPath(new URL('../..', import.meta.url)));
    expect(report.issues.filter((issue) => issue.severity !== 'warning').map(formatIssue)).toEqual(
      [],
    );
  });
});
