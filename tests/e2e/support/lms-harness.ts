import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { PackagedLesson } from '../../../src/domain/lms/lesson';
import type { LmsFormat, PackagedScenario } from '../../../src/domain/lms/package';

/**
 * A test LMS: packages built by `npm run export:lms`, unzipped and served beside LMS pages
 * whose SCORM API is scorm-again (a real SCORM runtime) committing to this server, and a
 * minimal LRS for cmi5 (fetch URL, statements, state, agent profile) that records everything.
 */

const run = promisify(execFile);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml',
};

export interface BuiltPackage<Config = PackagedScenario> {
  format: LmsFormat;
  zip: Uint8Array;
  dir: string;
  /** The first item's page, relative to the package root. */
  href: string;
  config: Config;
}

/** Builds and unzips one package per format (the CLI, exactly as an author runs it). */
export async function buildPackages(
  scenarioId: string,
  formats: readonly LmsFormat[],
): Promise<Record<string, BuiltPackage>>;
/** The same for a lesson (`SKILL/SLUG`). */
export async function buildPackages(
  lessonId: string,
  formats: readonly LmsFormat[],
  item: 'lesson',
): Promise<Record<string, BuiltPackage<PackagedLesson>>>;
export async function buildPackages(
  itemId: string,
  formats: readonly LmsFormat[],
  item: 'scenario' | 'lesson' = 'scenario',
): Promise<Record<string, BuiltPackage<PackagedScenario | PackagedLesson>>> {
  const out = mkdtempSync(join(tmpdir(), 'casecraft-lms-'));
  const built = await Promise.all(
    formats.map(async (format) => {
      await run('npx', [
        'tsx',
        'scripts/export-lms.ts',
        '--format',
        format,
        `--${item}`,
        itemId,
        '--out',
        out,
      ]);
      const zip = new Uint8Array(
        readFileSync(join(out, `casecraft-${itemId.replace('/', '-')}-${format}.zip`)),
      );
      const dir = join(out, format);
      for (const [name, bytes] of Object.entries(unzipSync(zip))) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), bytes);
      }
      const href = item === 'lesson' ? `lessons/${itemId}/index.html` : `${itemId}/index.html`;
      const page = readFileSync(join(dir, href), 'utf8');
      const json = /<script type="application\/json" id="casecraft-package">(.*?)<\/script>/s.exec(
        page,
      )![1]!;
      return {
        format,
        zip,
        dir,
        href,
        config: JSON.parse(json) as PackagedScenario | PackagedLesson,
      };
    }),
  );
  return Object.fromEntries(built.map((entry) => [entry.format, entry]));
}

export interface RecordedStatement {
  statement: Record<string, unknown>;
  /** The verb's last path segment (launched, answered, …). */
  verb: string;
  registration?: string;
  /** The cmi5 launch session (context extension sessionid). */
  session?: string;
}

const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

function recorded(statement: Record<string, unknown>): RecordedStatement {
  const context = statement.context as
    { registration?: string; extensions?: Record<string, unknown> } | undefined;
  const session = context?.extensions?.[SESSION_ID];
  return {
    statement,
    verb: (statement.verb as { id: string }).id.replace(/^.*\//, ''),
    ...(context?.registration ? { registration: context.registration } : {}),
    ...(typeof session === 'string' ? { session } : {}),
  };
}

export interface TestLms {
  origin: string;
  /** What scorm-again committed last, per LMS page name. */
  commits: Map<string, Record<string, unknown>>;
  /** Pre-seeds (or replaces) what the LMS holds for a page, e.g. damaged suspend data. */
  seed(name: string, cmi: Record<string, unknown>): void;
  statements: RecordedStatement[];
  /** A cmi5 launch URL (the LMS writes `launched` and the LaunchData first). */
  launchCmi5(pkg: BuiltPackage, registration: string, mastery?: number): string;
  close(): Promise<void>;
}

const scormPage = (format: 'scorm12' | 'scorm2004', name: string, src: string) => {
  const constructor = format === 'scorm12' ? 'Scorm12API' : 'Scorm2004API';
  const global = format === 'scorm12' ? 'API' : 'API_1484_11';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again/${format}.js"></script></head><body>
<main><h1>Test LMS</h1><iframe title="Course" id="course" style="width:100%;height:900px"></iframe></main>
<script>
(async () => {
  const stored = await (await fetch('/commits/${name}')).json();
  const api = new ${constructor}({ lmsCommitUrl: '/commits/${name}', autocommit: false, includeCommitSequence: true, logLevel: 5 });
  if (stored && stored.cmi) api.loadFromJSON(stored.cmi);
  window.${global} = api;
  document.getElementById('course').src = ${JSON.stringify(src)};
})();
</script></body></html>`;
};

export async function startTestLms(
  packages: Record<string, BuiltPackage<PackagedScenario | PackagedLesson>>,
): Promise<TestLms> {
  const commits = new Map<string, Record<string, unknown>>();
  const sequences = new Map<string, number>();
  const statements: RecordedStatement[] = [];
  const states = new Map<string, { type: string; body: string }>();
  const launches = new Map<string, Record<string, unknown>>();
  const scormAgain = join(process.cwd(), 'node_modules/scorm-again/dist');

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const send = (status: number, text: string, type = 'application/json') => {
        response.writeHead(status, { 'Content-Type': type, 'X-Experience-API-Version': '1.0.3' });
        response.end(text);
      };
      const path = url.pathname;
      let match: RegExpExecArray | null;
      if ((match = /^\/commits\/([\w-]+)$/.exec(path))) {
        const name = match[1]!;
        if (request.method === 'POST') {
          // Commits are fetches that may arrive out of order: keep the newest of this session.
          const commit = JSON.parse(body) as Record<string, unknown>;
          const sequence = Number(commit.commitSequence ?? 0);
          if (sequence > (sequences.get(name) ?? 0)) {
            sequences.set(name, sequence);
            commits.set(name, commit);
          }
          return send(200, JSON.stringify({ result: true, errorCode: 0 }));
        }
        sequences.set(name, 0); // The LMS page loaded: a new API instance counts from 1.
        return send(200, JSON.stringify(commits.get(name) ?? null));
      }
      if ((match = /^\/lms\/(scorm12|scorm2004)\/([\w-]+)$/.exec(path))) {
        const format = match[1] as 'scorm12' | 'scorm2004';
        const pkg = packages[format]!;
        return send(
          200,
          scormPage(format, match[2]!, `/pkg/${format}/${pkg.href}`),
          TYPES['.html'],
        );
      }
      if ((match = /^\/scorm-again\/(scorm12|scorm2004)\.js$/.exec(path))) {
        return send(200, readFileSync(join(scormAgain, `${match[1]}.js`), 'utf8'), TYPES['.js']);
      }
      if ((match = /^\/pkg\/(scorm12|scorm2004|cmi5)\/(.+)$/.exec(path))) {
        const file = normalize(match[2]!);
        if (file.startsWith('..')) return send(403, 'no');
        try {
          return send(
            200,
            readFileSync(join(packages[match[1]!]!.dir, file), 'utf8'),
            TYPES[extname(file)] ?? 'text/plain',
          );
        } catch {
          return send(404, 'not found', 'text/plain');
        }
      }
      // The LRS (cmi5).
      if (path === '/lrs/fetch' && request.method === 'POST') {
        return send(
          200,
          JSON.stringify({ 'auth-token': `token-${url.searchParams.get('session')}` }),
        );
      }
      if (path === '/lrs/statements') {
        if (request.method === 'POST' || request.method === 'PUT') {
          const parsed = JSON.parse(body) as Record<string, unknown> | Record<string, unknown>[];
          const list = Array.isArray(parsed) ? parsed : [parsed];
          const ids = list.map((statement) => {
            statement.id ??= url.searchParams.get('statementId') ?? randomUUID();
            statements.push(recorded(statement));
            return statement.id as string;
          });
          return request.method === 'PUT' ? send(204, '') : send(200, JSON.stringify(ids));
        }
        return send(
          200,
          JSON.stringify({ statements: statements.map((entry) => entry.statement) }),
        );
      }
      if (path === '/lrs/activities/state') {
        const key = ['activityId', 'agent', 'registration', 'stateId']
          .map((name) => url.searchParams.get(name))
          .join('|');
        const launch = launches.get(url.searchParams.get('registration') ?? '');
        if (url.searchParams.get('stateId') === 'LMS.LaunchData' && launch) {
          return send(200, JSON.stringify(launch));
        }
        if (request.method === 'PUT' || request.method === 'POST') {
          states.set(key, {
            type: request.headers['content-type'] ?? 'application/octet-stream',
            body,
          });
          return send(204, '');
        }
        const state = states.get(key);
        return state ? send(200, state.body, state.type) : send(404, '', 'text/plain');
      }
      if (path === '/lrs/agents/profile') return send(404, '', 'text/plain');
      return send(404, 'not found', 'text/plain');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    origin,
    commits,
    statements,
    seed: (name, cmi) => commits.set(name, { cmi }),
    launchCmi5(pkg, registration, mastery = pkg.config.mastery) {
      const sessionId = randomUUID();
      const actor = {
        objectType: 'Agent',
        name: 'Test Learner',
        account: { homePage: origin, name: 'learner-1' },
      };
      const activityId = pkg.config.auIri!;
      launches.set(registration, {
        contextTemplate: {
          contextActivities: { grouping: [{ objectType: 'Activity', id: activityId }] },
          extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
        },
        launchMode: 'Normal',
        moveOn: 'CompletedAndPassed',
        masteryScore: mastery,
      });
      // The LMS, not the AU, records that it launched the AU.
      statements.push(
        recorded({
          id: randomUUID(),
          actor,
          verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
          object: { objectType: 'Activity', id: activityId },
          context: {
            registration,
            contextActivities: {
              category: [
                {
                  objectType: 'Activity',
                  id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
                },
              ],
              grouping: [{ objectType: 'Activity', id: activityId }],
            },
            extensions: {
              [SESSION_ID]: sessionId,
              'https://w3id.org/xapi/cmi5/context/extensions/launchmode': 'Normal',
              'https://w3id.org/xapi/cmi5/context/extensions/moveon': 'CompletedAndPassed',
              'https://w3id.org/xapi/cmi5/context/extensions/launchurl': `${origin}/pkg/cmi5/${pkg.href}`,
              'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': mastery,
            },
          },
          timestamp: new Date().toISOString(),
        }),
      );
      const params = new URLSearchParams({
        endpoint: `${origin}/lrs/`,
        fetch: `${origin}/lrs/fetch?session=${sessionId}`,
        actor: JSON.stringify(actor),
        registration,
        activityId,
      });
      return `${origin}/pkg/cmi5/${pkg.href}?${params.toString()}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
