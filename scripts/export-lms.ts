/**
 * `npm run export:lms -- --format scorm12|scorm2004|cmi5 (--scenario ID | --lesson SKILL/SLUG | --programme FILE)
 *    [--mode assessment|practice] [--mastery 0.7] [--out DIR]`
 *
 * Writes one LMS package (a zip) per run into DIR (default lms-packages/): the packaged
 * player, the scenario(s) and lesson(s), and the format's manifest. A programme file (YAML or
 * JSON) lists its items in order: `title`, optional `description`,
 * `items: [{ scenario: ID } | { lesson: SKILL/SLUG }, …]`; each item becomes one SCO (SCORM)
 * or AU (cmi5). Bad input: one line on stderr, exit 2.
 * See README, "Using Casecraft in your LMS".
 */
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadAllContent } from '../src/library/check-content';
import { loadSkills } from '../src/library/content';
import { bundlePlayer, buildPackage, type PackageItemInput } from '../src/publish/lms-package';
import { PLAY_MODES, type PlayMode } from '../src/domain/activity/kinds';
import { LMS_FORMATS, type LmsFormat } from '../src/domain/lms/package';
import { DEFAULT_MASTERY } from '../src/domain/lms/score';

const USAGE =
  'usage: npm run export:lms -- --format scorm12|scorm2004|cmi5 (--scenario ID | --lesson SKILL/SLUG | --programme FILE) [--mode assessment|practice] [--mastery 0.7] [--out DIR]';

class InputError extends Error {}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--'))
    throw new InputError(`--${name} needs a value`);
  return value;
}

interface ProgrammeFile {
  id: string;
  title: string;
  description: string;
  items: WantedItem[];
}

/** An item asked for, by id: a scenario's id or a lesson's SKILL/SLUG. */
type WantedItem = { kind: 'scenario'; id: string } | { kind: 'lesson'; id: string };

function readProgramme(file: string): ProgrammeFile {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `programme ${file} cannot be read (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const programme = data as { title?: unknown; description?: unknown; items?: unknown } | null;
  if (!programme || typeof programme.title !== 'string' || !programme.title.trim()) {
    throw new InputError(`programme ${file} needs a title`);
  }
  if (!Array.isArray(programme.items) || programme.items.length === 0) {
    throw new InputError(
      `programme ${file} has no items (list them under items: - scenario: ID or - lesson: SKILL/SLUG)`,
    );
  }
  const items = programme.items.map((item: unknown, index): WantedItem => {
    const entry = item as { scenario?: unknown; lesson?: unknown } | null;
    if (entry && typeof entry.lesson === 'string' && entry.scenario === undefined) {
      return { kind: 'lesson', id: entry.lesson };
    }
    if (!entry || typeof entry.scenario !== 'string' || entry.lesson !== undefined) {
      throw new InputError(
        `programme ${file}, item ${index + 1}: expected { scenario: ID } or { lesson: SKILL/SLUG }`,
      );
    }
    return { kind: 'scenario', id: entry.scenario };
  });
  const id = programme.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    id: id || 'programme',
    title: programme.title,
    description:
      typeof programme.description === 'string' ? programme.description : programme.title,
    items,
  };
}

async function main() {
  const format = option('format');
  if (!format || !(LMS_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`--format must be one of ${LMS_FORMATS.join(', ')} (${USAGE})`);
  }
  const mode = option('mode') ?? 'assessment';
  if (!(PLAY_MODES as readonly string[]).includes(mode)) {
    throw new InputError('--mode must be assessment or practice');
  }
  const masteryText = option('mastery');
  const mastery = masteryText === undefined ? DEFAULT_MASTERY : Number(masteryText);
  if (!Number.isFinite(mastery) || mastery < 0 || mastery > 1) {
    throw new InputError(
      '--mastery must be a number from 0 to 1 (the share of the best reachable score)',
    );
  }
  const scenarioId = option('scenario');
  const lessonId = option('lesson');
  const programmeFile = option('programme');
  if ([scenarioId, lessonId, programmeFile].filter((given) => given !== undefined).length !== 1)
    throw new InputError('give one of --scenario ID, --lesson SKILL/SLUG or --programme FILE');
  const programme = programmeFile ? readProgramme(programmeFile) : undefined;

  const out = resolve(option('out') ?? 'lms-packages');
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw new InputError(
      `cannot write to --out ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }

  const root = process.cwd();
  const content = loadAllContent(root);
  const byId = new Map(content.scenarios.map((entry) => [entry.scenario.id, entry]));
  const lessonsById = new Map(content.lessons.map((lesson) => [lesson.id, lesson]));
  const wanted: WantedItem[] = programme
    ? programme.items
    : lessonId !== undefined
      ? [{ kind: 'lesson', id: lessonId }]
      : [{ kind: 'scenario', id: scenarioId! }];
  const items = wanted.map((item): PackageItemInput => {
    if (item.kind === 'lesson') {
      const lesson = lessonsById.get(item.id);
      if (!lesson) {
        throw new InputError(
          `unknown lesson "${item.id}" (SKILL/SLUG, as in content/lessons/SKILL/SLUG.mdx)`,
        );
      }
      return { kind: 'lesson', lesson };
    }
    const entry = byId.get(item.id);
    if (!entry)
      throw new InputError(`unknown scenario id "${item.id}" (npm run check:content lists them)`);
    if (entry.analysis.issues.some((issue) => issue.severity === 'error')) {
      throw new InputError(`scenario "${item.id}" has content errors (npm run check:content)`);
    }
    return { kind: 'scenario', loaded: entry };
  });
  const skills = loadSkills(root).skills;
  const first = items[0]!;
  const single =
    first.kind === 'lesson'
      ? {
          id: first.lesson.id.replace('/', '-'),
          title: first.lesson.frontmatter.title,
          summary: first.lesson.frontmatter.summary,
        }
      : first.loaded.scenario;
  const zip = buildPackage({
    format: format as LmsFormat,
    mode: mode as PlayMode,
    mastery,
    id: programme?.id ?? single.id,
    title: programme?.title ?? single.title,
    description: programme?.description ?? single.summary,
    items,
    skillNames: Object.fromEntries(skills.map((skill) => [skill.id, skill.name])),
    lessonTitles: Object.fromEntries(
      content.lessons.map((lesson) => [lesson.id, lesson.frontmatter.title]),
    ),
    assets: await bundlePlayer(format as LmsFormat),
  });
  const file = join(out, `casecraft-${programme?.id ?? single.id}-${format}.zip`);
  try {
    writeFileSync(file, zip);
  } catch (error) {
    throw new InputError(
      `cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  console.log(`${file} ${zip.length} bytes`);
}

main().catch((error: unknown) => {
  if (error instanceof InputError) {
    console.error(`export:lms: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
