import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { hashInputs } from '../../src/library/inputs-hash';

/**
 * A template of a new local database: bootstrap, migrations and catalogue applied, as a
 * PGlite data-directory tarball. A new database made from it opens in about a second; made
 * from scratch it takes 10–20 s (checking every scenario and inserting its state graph),
 * which every stack-starting test and every e2e server paid. Keyed by everything the
 * template is made from, so a changed migration, content file or lockfile makes a new one.
 * Kept in node_modules/.cache (per checkout, git-ignored).
 */
export const TEMPLATE_INPUTS = [
  'supabase/local/bootstrap.sql',
  'supabase/migrations',
  'content',
  'scenarios',
  'src',
  'package-lock.json',
];

const TEMPLATE_DIR = join('node_modules', '.cache', 'casecraft');
const PREFIX = 'database-template-';

export const templateKey = (root = process.cwd()): string =>
  hashInputs(TEMPLATE_INPUTS, root).slice(0, 32);

const templatePath = (key: string, root: string) =>
  join(root, TEMPLATE_DIR, `${PREFIX}${key}.tar.gz`);

/** The template for `key`, if one has been made. */
export function readTemplate(key: string, root = process.cwd()): Blob | undefined {
  const path = templatePath(key, root);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/**
 * Keeps `dump` as the template for `key` (written whole, then renamed: two test workers
 * making it at once each write their own file) and removes templates of older inputs.
 */
export async function writeTemplate(key: string, dump: Blob, root = process.cwd()): Promise<void> {
  const dir = join(root, TEMPLATE_DIR);
  mkdirSync(dir, { recursive: true });
  const path = templatePath(key, root);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  for (const name of readdirSync(dir))
    if (name.startsWith(PREFIX) && name.endsWith('.tar.gz') && join(dir, name) !== path)
      rmSync(join(dir, name), { force: true });
}
