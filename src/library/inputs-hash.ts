import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A sha256 over every file under the given inputs (directories or files, relative to `root`),
 * path and bytes, in a fixed order: what a derived artefact (the site build, the local
 * database's catalogue) was made from, so a restart can skip remaking it when nothing changed.
 * Missing inputs are skipped; a renamed file changes the hash even with the same bytes.
 */
export function hashInputs(inputs: readonly string[], root = process.cwd()): string {
  const files: string[] = [];
  for (const input of inputs) {
    const full = join(root, input);
    if (!existsSync(full)) continue;
    try {
      files.push(
        ...readdirSync(full, { withFileTypes: true, recursive: true })
          .filter((entry) => entry.isFile())
          .map((entry) => relative(root, join(entry.parentPath, entry.name))),
      );
    } catch (error) {
      // readdirSync throws ENOTDIR for a file: the input is that file.
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
