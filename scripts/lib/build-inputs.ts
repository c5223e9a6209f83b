import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashInputs } from '../../src/library/inputs-hash';

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

/** sha256 over every input file's path and bytes, in a fixed order. */
export const buildInputsHash = (root = process.cwd()): string => hashInputs(BUILD_INPUTS, root);

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
