/**
 * What JavaScript each built page makes the browser fetch, measured from `dist/`: the
 * eager part (module scripts and `client:load` / `client:only` islands with their static
 * imports), the deferred part (`client:visible` / `idle` / `media` islands, fetched when
 * the island is needed) and everything the page can reach later (dynamic imports, workers).
 * Sizes are gzip (level 6, what static hosts serve) of the files as built.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  /** Path under dist, e.g. `_astro/react-dom.c_sf7UW_.js`. */
  file: string;
  bytes: number;
  gzip: number;
}

export interface PageJs {
  route: string;
  /** Fetched as the page loads. */
  eager: ChunkSize[];
  /** Fetched when a deferred island becomes visible, idle or matches its media query. */
  deferred: ChunkSize[];
  /** Reachable only later: dynamic imports and workers (not counted in eager or deferred). */
  lazy: ChunkSize[];
  /** Bytes of inline `<script>` (Astro's island loader), gzip. */
  inlineGzip: number;
}

const sum = (chunks: readonly ChunkSize[]) =>
  chunks.reduce((total, chunk) => total + chunk.gzip, 0);
export const totalGzip = sum;

const EAGER_ISLANDS = new Set(['load', 'only']);

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Static and lazy references of one built JS file, as dist-relative paths. */
function references(dist: string, file: string): { static: string[]; lazy: string[] } {
  const text = readFileSync(join(dist, file), 'utf8');
  const dir = posix.dirname(file);
  const resolveRef = (ref: string) =>
    ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(dir, ref));
  const found = (pattern: RegExp) =>
    [...text.matchAll(pattern)]
      .map((match) => resolveRef(match[1]!))
      .filter((ref) => ref.endsWith('.js'));
  // `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`
  const staticRefs = found(/(?:\bimport|\bfrom)\s*["'`]([^"'`]+\.js)["'`]/g);
  // `import("./x.js")`, workers (`new URL("x.js", import.meta.url)`), Vite's preload lists.
  const lazyRefs = [
    ...found(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]/g),
    ...found(/new URL\(\s*["'`]([^"'`]+\.js)["'`]/g),
    ...found(/["'`](\/?_astro\/[^"'`]+\.js)["'`]/g),
  ];
  return { static: staticRefs, lazy: lazyRefs };
}

function sizeOf(dist: string, file: string): ChunkSize {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzip: gzipSync(content).length };
}

/** The JavaScript of one built page, split into eager, deferred and lazy. */
export function measurePage(dist: string, route: string): PageJs {
  const htmlFile = join(dist, route, 'index.html');
  const html = readFileSync(htmlFile, 'utf8');
  const eagerRoots: string[] = [];
  const deferredRoots: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (/type="module"/.test(match[0])) eagerRoots.push(match[1]!.replace(/^\//, ''));
  }
  for (const match of html.matchAll(/<astro-island\b[^>]*>/g)) {
    const tag = match[0];
    const urls = [attribute(tag, 'component-url'), attribute(tag, 'renderer-url')]
      .filter((url): url is string => Boolean(url))
      .map((url) => url.replace(/^\//, ''));
    (EAGER_ISLANDS.has(attribute(tag, 'client') ?? '') ? eagerRoots : deferredRoots).push(...urls);
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1] ?? '')
    .join('');

  const seen = new Set<string>();
  const lazyRoots: string[] = [];
  const closure = (roots: readonly string[]) => {
    const files: string[] = [];
    const queue = [...roots];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file) || !existsSync(join(dist, file))) continue;
      seen.add(file);
      files.push(file);
      const refs = references(dist, file);
      queue.push(...refs.static);
      lazyRoots.push(...refs.lazy);
    }
    return files.map((file) => sizeOf(dist, file));
  };
  const eager = closure(eagerRoots);
  const deferred = closure(deferredRoots);
  const lazy: ChunkSize[] = [];
  // Lazy chunks may reference further lazy chunks: follow until nothing new appears.
  while (lazyRoots.length > 0) lazy.push(...closure(lazyRoots.splice(0)));
  return {
    route,
    eager,
    deferred,
    lazy,
    inlineGzip: inline ? gzipSync(inline).length : 0,
  };
}

/** Every page route in `dist/` (directories holding an index.html). */
export function pageRoutes(dist: string): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name === 'index.html') {
        const route = relative(dist, dir).split(sep).join('/');
        routes.push(route ? `/${route}/` : '/');
      }
    }
  };
  walk(dist);
  return routes.sort();
}

export const KB = 1024;

/** The site's JavaScript budgets (gzip). */
export const BUDGETS = {
  /** Lesson pages fetch no JavaScript as they load (their islands wait until visible). */
  lessonEager: 0,
  /** A scenario page's eager JavaScript. */
  scenarioEager: 100 * KB,
  /** Everything the studio can load: eager, lazy chunks and the validation worker. */
  studioTotal: 350 * KB,
  /** A team page before sign-in (the form; views, charts and supabase-js load after). */
  teamEager: 120 * KB,
  /** The profile page as it loads (charts load only when there is something to chart). */
  profileEager: 120 * KB,
} as const;

export interface BudgetReport {
  pages: PageJs[];
  lessons: PageJs[];
  scenarios: PageJs[];
  studio?: PageJs;
  /** /team/* and /join/: one island whose view is chosen by the page. */
  team: PageJs[];
  profile?: PageJs;
}

export function measureSite(dist: string): BudgetReport {
  const pages = pageRoutes(dist).map((route) => measurePage(dist, route));
  return {
    pages,
    lessons: pages.filter((page) => /^\/learn\/[^/]+\/[^/]+\/$/.test(page.route)),
    scenarios: pages.filter((page) => /^\/practice\/[^/]+\/$/.test(page.route)),
    studio: pages.find((page) => page.route === '/studio/'),
    team: pages.filter((page) => /^\/(team|join)\//.test(page.route)),
    profile: pages.find((page) => page.route === '/profile/'),
  };
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
