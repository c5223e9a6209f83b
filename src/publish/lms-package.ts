import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';
import type { PlayMode } from '../domain/activity/kinds';
import {
  cmi5AuIri,
  cmi5CourseStructure,
  scorm12Manifest,
  scorm2004Manifest,
  type PackageDescription,
} from '../domain/lms/manifest';
import { PACKAGE_DATA_ELEMENT, type LmsFormat, type PackagedScenario } from '../domain/lms/package';
import { reachableScoreRange } from '../domain/lms/score';
import { xmlEscape } from '../domain/lms/manifest';
import { checkVersion, type PackagedLesson } from '../domain/lms/lesson';
import type { LoadedLesson, LoadedScenario } from '../library/content';
import { lessonCheckItems, lessonHtml, lessonStyles } from './lms-lesson';

/**
 * Builds LMS packages: the packaged player bundled by Vite into one classic script and one
 * stylesheet (a classic script runs from file:// too; no chunks, no CDN, no backend), one
 * page per item with its scenario inlined, the manifest of the format, all in a zip with
 * sorted entries, a fixed timestamp and fixed compression, so the same input gives the same
 * bytes.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES: Record<LmsFormat, string> = {
  scorm12: 'src/components/lms/entry-scorm.tsx',
  scorm2004: 'src/components/lms/entry-scorm.tsx',
  cmi5: 'src/components/lms/entry-cmi5.tsx',
};
/** Every entry's timestamp (a fixed point, so builds compare byte for byte). */
// Local time, as zip stores it: the same fields in every time zone.
export const ZIP_TIME = new Date(2026, 0, 1, 0, 0, 0);
const encoder = new TextEncoder();

export interface PlayerAssets {
  js: string;
  css: string;
}

/** Bundles the packaged player for a format (SCORM formats share one script). */
export async function bundlePlayer(format: LmsFormat): Promise<PlayerAssets> {
  const output = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      copyPublicDir: false,
      lib: {
        entry: `${ROOT}${ENTRIES[format]}`,
        formats: ['iife'],
        name: 'CasecraftPlayer',
        fileName: () => 'player.js',
        cssFileName: 'player',
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const files = results.flatMap((result) => ('output' in result ? result.output : []));
  const text = (name: string) => {
    const file = files.find((entry) => entry.fileName === name);
    if (!file) throw new Error(`the player bundle has no ${name}`);
    return file.type === 'asset'
      ? typeof file.source === 'string'
        ? file.source
        : new TextDecoder().decode(file.source)
      : file.code;
  };
  return { js: text('player.js'), css: text('player.css') };
}

/** One item of a package, in order: a scenario or a lesson. */
export type PackageItemInput =
  { kind: 'scenario'; loaded: LoadedScenario } | { kind: 'lesson'; lesson: LoadedLesson };

export interface PackageInput {
  format: LmsFormat;
  mode: PlayMode;
  mastery: number;
  /** Identifier-safe package id: the scenario id, or the programme's. */
  id: string;
  title: string;
  description: string;
  items: PackageItemInput[];
  skillNames: Record<string, string>;
  lessonTitles: Record<string, string>;
  assets: PlayerAssets;
}

/** JSON safe inside a <script> element (no "</script", no HTML comment openers). */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');

function itemPage(
  title: string,
  config: PackagedScenario | PackagedLesson,
  /** From the page to the package's root. */
  up: string,
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlEscape(title)} · Casecraft</title>
<link rel="stylesheet" href="${up}assets/player.css">${
    'kind' in config ? `\n<link rel="stylesheet" href="${up}assets/lesson.css">` : ''
  }
</head>
<body>
<div id="app"></div>
<script type="application/json" id="${PACKAGE_DATA_ELEMENT}">${scriptJson(config)}</script>
<script src="${up}assets/player.js"></script>
</body>
</html>
`;
}

/** One package as a zip's bytes: same input, same bytes. */
export function buildPackage(input: PackageInput): Uint8Array {
  const files = new Map<string, string>();
  files.set('assets/player.js', input.assets.js);
  files.set('assets/player.css', input.assets.css);
  const items = input.items.map((item) => {
    // A lesson's page sits under its skill: lessons/<skill>/<slug>/, one level deeper.
    if (item.kind === 'lesson') {
      const { lesson } = item;
      const href = `lessons/${lesson.id}/index.html`;
      return {
        ...item,
        id: lesson.id.replace('/', '.'),
        title: lesson.frontmatter.title,
        description: lesson.frontmatter.summary,
        href,
      };
    }
    const { scenario } = item.loaded;
    const href = `${scenario.id}/index.html`;
    return { ...item, id: scenario.id, title: scenario.title, description: scenario.summary, href };
  });
  if (items.some((item) => item.kind === 'lesson')) files.set('assets/lesson.css', lessonStyles());
  const description: PackageDescription = {
    id: input.id,
    title: input.title,
    description: input.description,
    mastery: input.mastery,
    items: items.map(({ id, title, description, href }) => ({ id, title, description, href })),
    files: [],
  };
  for (const item of items) {
    const auIri = input.format === 'cmi5' ? { auIri: cmi5AuIri(description, { id: item.id }) } : {};
    if (item.kind === 'lesson') {
      const checkItems = lessonCheckItems(item.lesson, input.skillNames);
      const lesson: PackagedLesson = {
        kind: 'lesson',
        format: input.format,
        lessonId: item.lesson.id,
        title: item.title,
        summary: item.description,
        html: lessonHtml(item.lesson),
        items: checkItems,
        mastery: input.mastery,
        version: checkVersion(checkItems),
        ...auIri,
      };
      files.set(item.href, itemPage(item.title, lesson, '../../../'));
      continue;
    }
    const { scenario, analysis } = item.loaded;
    const config: PackagedScenario = {
      format: input.format,
      mode: input.mode,
      scenario,
      skillNames: input.skillNames,
      lessonTitles: Object.fromEntries(
        scenario.debrief.skills
          .flatMap((entry) => entry.lessons)
          .filter((lesson) => input.lessonTitles[lesson])
          .map((lesson) => [lesson, input.lessonTitles[lesson]!]),
      ),
      evidenceRange: analysis.evidence,
      scoreRange: reachableScoreRange(scenario),
      longestPath: analysis.longestPath,
      mastery: input.mastery,
      ...auIri,
    };
    files.set(item.href, itemPage(item.title, config, '../'));
  }
  description.files = [...files.keys()].sort();
  if (input.format === 'scorm12') files.set('imsmanifest.xml', scorm12Manifest(description));
  if (input.format === 'scorm2004') files.set('imsmanifest.xml', scorm2004Manifest(description));
  if (input.format === 'cmi5') files.set('cmi5.xml', cmi5CourseStructure(description));
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    entries[name] = [encoder.encode(files.get(name)), { mtime: ZIP_TIME, level: 9 }];
  }
  return zipSync(entries);
}
