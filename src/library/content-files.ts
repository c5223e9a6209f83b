import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` whose name ends with one of `extensions`, sorted, as relative paths. */
export function listFiles(dir: string, extensions: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(path);
    }
  };
  walk(dir);
  return found.map((path) => relative(dir, path).split(sep).join('/')).sort();
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Splits an MDX/Markdown file into its YAML frontmatter and body. */
export function splitFrontmatter(text: string):
  | {
      frontmatter: string;
      body: string;
      /** Line number (0-based) of the first frontmatter line, for positions in errors. */
      frontmatterLine: number;
      bodyLine: number;
    }
  | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return undefined;
  const frontmatter = match[1] ?? '';
  const bodyLine = match[0].split('\n').length - 1;
  return { frontmatter, body: text.slice(match[0].length), frontmatterLine: 1, bodyLine };
}
