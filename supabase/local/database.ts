import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pgtap } from '@electric-sql/pglite-pgtap';
import { loadAllContent } from '../../src/build/check-content';
import { catalogStatements } from '../../src/build/catalog-sql';
import { loadSkills } from '../../src/build/content';

export const SUPABASE_DIR = new URL('..', import.meta.url).pathname;

/** Opens PGlite: persisted under `dataDir`, or in memory when it is undefined. */
export async function openDatabase(dataDir?: string): Promise<{ db: PGlite; isNew: boolean }> {
  let isNew = true;
  if (dataDir) {
    isNew = !existsSync(join(dataDir, 'PG_VERSION'));
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pgcrypto, pgtap },
  });
  return { db, isNew };
}

export async function applyBootstrap(db: PGlite): Promise<void> {
  await db.exec(readFileSync(join(SUPABASE_DIR, 'local/bootstrap.sql'), 'utf8'));
}

/** Applies each migration in supabase/migrations once, in order, tracked by version. */
export async function applyMigrations(
  db: PGlite,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const dir = join(SUPABASE_DIR, 'migrations');
  const applied = new Set(
    (
      await db.query<{ version: string }>(
        'select version from supabase_migrations.schema_migrations',
      )
    ).rows.map((row) => row.version),
  );
  const done: string[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
    if (!version || applied.has(version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(readFileSync(join(dir, file), 'utf8'));
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)',
        [version, rest.join('_')],
      );
    });
    log(`migration ${file} applied`);
    done.push(file);
  }
  return done;
}

/** Publishes the repository's content to the catalogue (idempotent). */
export async function applyCatalog(db: PGlite, root = process.cwd()): Promise<void> {
  const content = loadAllContent(root);
  const errors = content.issues.filter((issue) => issue.severity !== 'warning');
  if (errors.length > 0)
    throw new Error(`content has ${errors.length} error(s); run npm run check:content`);
  const statements = catalogStatements({
    skills: loadSkills(root).skills,
    lessons: content.lessons,
    scenarios: content.scenarios.map((entry) => entry.scenario),
  });
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.exec(statement);
  });
}

export async function applySeed(db: PGlite): Promise<void> {
  const seed = join(SUPABASE_DIR, 'seed.sql');
  if (existsSync(seed)) await db.exec(readFileSync(seed, 'utf8'));
}

/** A ready database: bootstrap, migrations, catalogue; the seed on a new one. */
export async function prepareDatabase(options: {
  dataDir?: string;
  seed?: boolean;
  log?: (line: string) => void;
}) {
  const { db, isNew } = await openDatabase(options.dataDir);
  await applyBootstrap(db);
  await applyMigrations(db, options.log);
  await applyCatalog(db);
  if (isNew && options.seed !== false) await applySeed(db);
  return { db, isNew };
}
