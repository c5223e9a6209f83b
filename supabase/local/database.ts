import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pgtap } from '@electric-sql/pglite-pgtap';
import type { LoadedContent } from '../../src/library/check-content';
import { hashInputs } from '../../src/library/inputs-hash';
import { readTemplate, templateKey, writeTemplate } from './template';

// Loading and checking the content (and the demo history made from it) is needed only when
// the catalogue is republished or the demo agency seeded: imported then, not on every start.
const contentLibrary = async () => ({
  ...(await import('../../src/library/check-content')),
  ...(await import('../../src/library/content')),
});

export const SUPABASE_DIR = new URL('..', import.meta.url).pathname;

/** Whether opening `dataDir` makes a new database (always, in memory). */
const isNewDatabase = (dataDir?: string) => !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));

/**
 * Opens PGlite: persisted under `dataDir`, or in memory when it is undefined. A new database
 * starts from `template` (a data-directory tarball) when one is given.
 */
export async function openDatabase(
  dataDir?: string,
  template?: Blob,
): Promise<{ db: PGlite; isNew: boolean }> {
  const isNew = isNewDatabase(dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(isNew && template ? { loadDataDir: template } : {}),
    extensions: { pgcrypto, pgtap },
  });
  return { db, isNew };
}

export async function applyBootstrap(db: PGlite): Promise<void> {
  await db.exec(readFileSync(join(SUPABASE_DIR, 'local/bootstrap.sql'), 'utf8'));
}

/**
 * Applies each migration in supabase/migrations once, in order, tracked by version; with
 * `through`, only those up to that version (to test a migration on data made before it).
 */
export async function applyMigrations(
  db: PGlite,
  log: (line: string) => void = () => {},
  through?: string,
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
    if (!version || applied.has(version) || (through !== undefined && version > through)) continue;
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

/**
 * What the catalogue is made from: the content, the code that validates it and derives the
 * catalogue's rows (src), and the lockfile (the parsers' versions).
 */
export const CATALOGUE_INPUTS = ['content', 'scenarios', 'src', 'package-lock.json'];

/**
 * Publishes the repository's content to the catalogue (idempotent). With `inputs` (a hash of
 * CATALOGUE_INPUTS), the hash is stored with the catalogue in the same transaction, so a
 * restart can tell the catalogue is already what the repository would publish.
 */
export async function applyCatalogue(
  db: PGlite,
  root = process.cwd(),
  inputs?: string,
  loaded?: LoadedContent,
) {
  const { loadAllContent, loadSkills } = await contentLibrary();
  const { catalogueStatements } = await import('../../src/publish/catalogue-sql');
  const content = loaded ?? loadAllContent(root);
  const errors = content.issues.filter((issue) => issue.severity !== 'warning');
  if (errors.length > 0)
    throw new Error(`content has ${errors.length} error(s); run npm run check:content`);
  const statements = catalogueStatements({
    skills: loadSkills(root).skills,
    lessons: content.lessons,
    scenarios: content.scenarios.map((entry) => entry.scenario),
  });
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.exec(statement);
    if (inputs !== undefined)
      await tx.query(
        `insert into supabase_migrations.local_state (key, value) values ('catalogue_inputs', $1)
         on conflict (key) do update set value = excluded.value`,
        [inputs],
      );
  });
}

/** Whether the catalogue was last published from exactly these inputs. */
async function catalogueFrom(db: PGlite, inputs: string): Promise<boolean> {
  const { rows } = await db.query<{ value: string }>(
    `select value from supabase_migrations.local_state where key = 'catalogue_inputs'`,
  );
  return rows[0]?.value === inputs;
}

/** The demo agency (seed.sql), then its simulated activity history against the current content. */
export async function applySeed(
  db: PGlite,
  root = process.cwd(),
  now = Date.now(),
  loaded?: LoadedContent,
): Promise<void> {
  const seed = join(SUPABASE_DIR, 'seed.sql');
  if (!existsSync(seed)) return;
  await db.exec(readFileSync(seed, 'utf8'));
  const people = (
    await db.query<{ user_id: string; role: string; cohort: number }>(
      `select cm.user_id, cm.role, dense_rank() over (order by c.name)::int as cohort
       from public.cohort_members cm join public.cohorts c on c.id = cm.cohort_id
       join public.organisations o on o.id = c.organisation_id where o.is_demo`,
    )
  ).rows;
  const { loadAllContent, loadSkills } = await contentLibrary();
  const { measuredSkills } = await import('../../src/domain/skills/skill');
  const { demoActivitySql } = await import('./demo-activity');
  const content = loaded ?? loadAllContent(root);
  const statements = demoActivitySql({
    learners: people
      .filter((person) => person.role === 'learner')
      .map((person) => ({ userId: person.user_id, cohort: person.cohort })),
    supervisors: people
      .filter((person) => person.role === 'supervisor')
      .map((person) => ({ userId: person.user_id, cohort: person.cohort })),
    scenarios: content.scenarios.map((entry) => entry.scenario),
    lessons: content.lessons,
    skills: measuredSkills(loadSkills(root).skills).map((skill) => skill.id),
    now,
  });
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.exec(statement);
  });
}

/**
 * A ready database: bootstrap, migrations, catalogue; the seed on a new one. The catalogue is
 * republished only when its inputs changed or a migration ran (it may have reshaped the
 * catalogue's tables): loading and checking every lesson and scenario is most of a restart.
 */
export async function prepareDatabase(options: {
  dataDir?: string;
  seed?: boolean;
  log?: (line: string) => void;
}) {
  // A new database starts from the template of these inputs. In memory (tests, benches) the
  // template is made when missing; a data directory is prepared directly then, since making
  // the template would only add its dump to that one start.
  // An existing database is opened as it is: no hashing or reading of templates on a restart.
  const key = isNewDatabase(options.dataDir) ? templateKey() : undefined;
  const template = key === undefined ? undefined : readTemplate(key);
  const { db, isNew } = await openDatabase(options.dataDir, template);
  const makeTemplate = key !== undefined && !template && !options.dataDir;
  if (isNew && template) options.log?.('new database made from the template');
  await applyBootstrap(db);
  const migrated = await applyMigrations(db, options.log);
  const inputs = hashInputs(CATALOGUE_INPUTS);
  // Loaded at most once, and only if the catalogue or the seed needs it.
  let content: LoadedContent | undefined;
  const loadContent = async () =>
    (content ??= (await contentLibrary()).loadAllContent(process.cwd()));
  if (migrated.length > 0 || !(await catalogueFrom(db, inputs))) {
    await applyCatalogue(db, process.cwd(), inputs, await loadContent());
    options.log?.('catalogue published from the repository content');
  } else options.log?.('catalogue: content unchanged since it was last published');
  if (makeTemplate) {
    await writeTemplate(key, await db.dumpDataDir('gzip'));
    options.log?.('template of a new database kept for the next one');
  }
  if (isNew && options.seed !== false)
    await applySeed(db, process.cwd(), Date.now(), await loadContent());
  return { db, isNew };
}
