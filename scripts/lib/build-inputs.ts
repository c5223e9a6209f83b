import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What the site build reads — content, scenarios, source, public assets, the config files and
 * the lockfile — hashed, so that `npm start` can skip a build whose inputs have not changed
 * since the last one. The hash is written into dist/ after a successful build; dist/ is
 * git-ignored, so a fresh clone always builds.
 */
export const BUILD_INPUTS = [
  'content',
  'scenarios',
  'src',
  'public',
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/write-backend-config.ts',
];

export const BUILD_STAMP = join('dist', '.build-inputs');

/** Files under a directory (readdirSync throws ENOTDIR for a file). */
function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** sha256 over every input file's path and bytes, in a fixed order. */
export function buildInputsHash(root = process.cwd()): string {
  const files: string[] = [];
  for (const input of BUILD_INPUTS) {
    const full = join(root, input);
    if (!existsSync(full)) continue;
    try {
      files.push(...filesUnder(root, input));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      files.push(input);
    }
  }
  const hash = createHash('sha256');
  for (const file of files.map((name) => name.split('\\').join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether dist/ was built from exactly these inputs (a stamp written by `recordBuild`). */
export function builtFrom(hash: string, root = process.cwd()): boolean {
  const stamp = join(root, BUILD_STAMP);
  return (
    existsSync(join(root, 'dist', 'index.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash
  );
}

export function recordBuild(hash: string, root = process.cwd()): void {
  writeFileSync(join(root, BUILD_STAMP), `${hash}\n`);
}
