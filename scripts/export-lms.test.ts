import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PackagedLesson } from '../src/domain/lms/lesson';

const run = promisify(execFile);

/** Runs `npm run export:lms -- …` as an author would; answers the exit code and output. */
async function exportLms(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/export-lms.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const dir = () => mkdtempSync(join(tmpdir(), 'casecraft-export-'));

describe('npm run export:lms', () => {
  it('builds the same bytes twice, a small self-contained package with its manifest', async () => {
    const [a, b] = [dir(), dir()];
    const results = await Promise.all(
      [a, b].map((out) =>
        exportLms('--format', 'scorm2004', '--scenario', 'taufa-diabetes', '--out', out),
      ),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
    const name = 'casecraft-taufa-diabetes-scorm2004.zip';
    const first = readFileSync(join(a, name));
    expect(first.equals(readFileSync(join(b, name)))).toBe(true);
    expect(first.length).toBeLessThan(300_000);
    const files = unzipSync(new Uint8Array(first));
    expect(Object.keys(files)).toEqual([
      'assets/player.css',
      'assets/player.js',
      'imsmanifest.xml',
      'taufa-diabetes/index.html',
    ]);
    // Offline: no absolute URLs to load from, no service worker, relative paths only.
    const page = strFromU8(files['taufa-diabetes/index.html']!);
    expect(page).toContain('src="../assets/player.js"');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(strFromU8(files['assets/player.js']!)).not.toContain('serviceWorker.register');
  }, 180_000);

  it('packages a programme as one SCO per scenario, in the programme’s order', async () => {
    const work = dir();
    const programme = join(work, 'onboarding.yaml');
    writeFileSync(
      programme,
      'title: Onboarding visits\nitems:\n  - scenario: taufa-diabetes\n  - scenario: okafor-discharge\n',
    );
    const result = await exportLms('--format', 'scorm12', '--programme', programme, '--out', work);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const files = unzipSync(
      new Uint8Array(readFileSync(join(work, 'casecraft-onboarding-visits-scorm12.zip'))),
    );
    const manifest = strFromU8(files['imsmanifest.xml']!);
    const scos = [...manifest.matchAll(/adlcp:scormtype="sco" href="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(scos).toEqual(['taufa-diabetes/index.html', 'okafor-discharge/index.html']);
    expect(files['okafor-discharge/index.html']).toBeDefined();
  }, 120_000);

  it('builds a lesson package: reproducible, its text and check inlined, no links out, listed in the manifest', async () => {
    const [a, b] = [dir(), dir()];
    const lesson = 'communication/active-listening-oars';
    const results = await Promise.all(
      [a, b].map((out) => exportLms('--format', 'scorm2004', '--lesson', lesson, '--out', out)),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
    const name = 'casecraft-communication-active-listening-oars-scorm2004.zip';
    const first = readFileSync(join(a, name));
    expect(first.equals(readFileSync(join(b, name)))).toBe(true);
    expect(first.length).toBeLessThan(300_000);
    const files = unzipSync(new Uint8Array(first));
    const href = `lessons/${lesson}/index.html`;
    expect(Object.keys(files)).toEqual([
      'assets/lesson.css',
      'assets/player.css',
      'assets/player.js',
      'imsmanifest.xml',
      href,
    ]);
    expect(strFromU8(files['imsmanifest.xml']!)).toContain(`adlcp:scormType="sco" href="${href}"`);
    const page = strFromU8(files[href]!);
    expect(page).toContain('src="../../../assets/player.js"');
    expect(page).toContain('href="../../../assets/lesson.css"');
    const config = JSON.parse(
      /<script type="application\/json" id="casecraft-package">(.*?)<\/script>/s.exec(page)![1]!,
    ) as PackagedLesson;
    expect(config).toMatchObject({ kind: 'lesson', lessonId: lesson, mastery: 0.7 });
    // The lesson's text (its first section, a worked exchange), with the check's mount point.
    expect(config.html).toContain('<h2>Why it matters on the job</h2>');
    expect(config.html).toContain('class="exchange"');
    expect(config.html).toContain('<div id="casecraft-check"></div>');
    // Its check: every item of the lesson's frontmatter, each with one right answer.
    const source = readFileSync(`content/lessons/${lesson}.mdx`, 'utf8');
    const itemIds = [...source.matchAll(/^ {2}- id: (\S+)$/gm)].map((match) => match[1]);
    expect(config.items.map((item) => item.id)).toEqual(itemIds);
    for (const item of config.items) expect(item.options.filter((o) => o.correct)).toHaveLength(1);
    // No links back to the site or anywhere else.
    expect(config.html).not.toMatch(/href="(?!#)/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  }, 180_000);

  it('packages a programme that mixes lessons and scenarios, one AU per item in order', async () => {
    const work = dir();
    const programme = join(work, 'mixed.yaml');
    writeFileSync(
      programme,
      'title: Listening then a visit\nitems:\n  - lesson: communication/active-listening-oars\n  - scenario: taufa-diabetes\n',
    );
    const result = await exportLms('--format', 'cmi5', '--programme', programme, '--out', work);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const files = unzipSync(
      new Uint8Array(readFileSync(join(work, 'casecraft-listening-then-a-visit-cmi5.zip'))),
    );
    const structure = strFromU8(files['cmi5.xml']!);
    const urls = [...structure.matchAll(/<url>([^<]+)<\/url>/g)].map((match) => match[1]);
    expect(urls).toEqual([
      'lessons/communication/active-listening-oars/index.html',
      'taufa-diabetes/index.html',
    ]);
  }, 120_000);

  it.each([
    [
      ['--format', 'scorm12', '--scenario', 'no-such-scenario'],
      /unknown scenario id "no-such-scenario"/,
    ],
    [['--format', 'scorm13', '--scenario', 'taufa-diabetes'], /--format must be one of/],
    [['--format', 'cmi5', '--programme', 'EMPTY'], /has no items/],
    [
      ['--format', 'cmi5', '--scenario', 'taufa-diabetes', '--out', 'UNWRITABLE'],
      /cannot write to --out/,
    ],
    [
      ['--format', 'cmi5', '--lesson', 'communication/no-such-lesson'],
      /unknown lesson "communication\/no-such-lesson"/,
    ],
    [
      ['--format', 'cmi5', '--scenario', 'taufa-diabetes', '--lesson', 'communication/x'],
      /give one of --scenario ID, --lesson SKILL\/SLUG or --programme FILE/,
    ],
    [['--format', 'cmi5', '--scenario', 'taufa-diabetes', '--mastery', '1.5'], /--mastery must be/],
  ])(
    'refuses bad input in one clear line with exit 2: %j',
    async (args, message) => {
      const work = dir();
      const empty = join(work, 'empty.yaml');
      writeFileSync(empty, 'title: Onboarding\nitems: []\n');
      const aFile = join(work, 'a-file');
      writeFileSync(aFile, '');
      const result = await exportLms(
        ...args.map((arg) =>
          arg === 'EMPTY' ? empty : arg === 'UNWRITABLE' ? join(aFile, 'out') : arg,
        ),
        ...(args.includes('--out') ? [] : ['--out', work]),
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    },
    120_000,
  );
});
