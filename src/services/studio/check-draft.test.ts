import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllContent, checkAllContent } from '../../library/check-content';
import { loadSkills } from '../../library/content';
import { formatIssue } from '../../library/yaml-source';
import { BLANK_SCENARIO } from '../../domain/scenario/template';
import { checkDraft } from './check-draft';
import { buildStudioContext } from './context';
import { MAX_DRAFT_BYTES, type FromWorker } from './protocol';
import { createWorkerHandler } from './worker-handler';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const content = loadAllContent(root);
const context = buildStudioContext({
  skills: loadSkills(root).skills,
  lessonIds: content.lessons.map((lesson) => lesson.id),
  scenarios: content.scenarios.map((entry) => entry.scenario),
});
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const okafor = read('scenarios/healthcare/okafor-discharge.yaml');

describe('checkDraft', () => {
  it('gives a library scenario no errors, its map, its lines and the library gates', () => {
    const result = checkDraft(okafor, context);
    expect(result.file).toBe('scenarios/healthcare/okafor-discharge.yaml');
    expect(result.issues).toEqual([]);
    expect(result.replaces).toBe('scenarios/healthcare/okafor-discharge.yaml');
    expect(result.scenario?.id).toBe('okafor-discharge');
    expect(result.graph?.explored).toBe(true);
    expect(result.lines?.[result.scenario!.start]).toBe(
      okafor.split('\n').findIndex((line) => line === `  ${result.scenario!.start}:`) + 1,
    );
    expect(result.gates?.scenario.every((gate) => gate.passed)).toBe(true);
    expect(result.gates?.library.every((gate) => gate.passed)).toBe(true);
  });

  it('reports exactly what `npm run check:content` reports for the same file', () => {
    const brokenRoot = fileURLToPath(
      new URL('../../../tests/fixtures/broken-scenarios', import.meta.url),
    );
    const cli = checkAllContent(brokenRoot).issues;
    for (const name of ['missing-next', 'dead-end', 'bad-code', 'bad-condition', 'two-kinds']) {
      const file = `scenarios/healthcare/${name}.yaml`;
      const text = readFileSync(`${brokenRoot}/${file}`, 'utf8');
      const studio = checkDraft(text, { ...context, libraryFiles: {} });
      expect(
        studio.issues.map((issue) => issue.formatted),
        name,
      ).toEqual(cli.filter((issue) => issue.file === file).map(formatIssue));
    }
  });

  it('names a draft after its own setting and id, and refuses an id another setting uses', () => {
    const moved = okafor.replace('setting: healthcare', 'setting: insurance');
    const result = checkDraft(moved, context);
    expect(result.file).toBe('scenarios/insurance/okafor-discharge.yaml');
    expect(result.issues.map((issue) => issue.formatted)).toEqual([
      'scenarios/insurance/okafor-discharge.yaml:1:5 id: id "okafor-discharge" is also used by scenarios/healthcare/okafor-discharge.yaml',
    ]);
    expect(result.replaces).toBeUndefined();
    expect(result.gates).toBeUndefined();
  });

  it('points a dangling next at its line and still draws the map, with the missing node', () => {
    const broken = okafor.replace(/(\n\s+next: )([a-z-]+)/, '$1nowhere');
    const result = checkDraft(broken, context);
    const line = broken.split('\n').findIndex((text) => /next: nowhere$/.test(text)) + 1;
    expect(result.issues.map((issue) => [issue.severity, issue.line])).toEqual([['error', line]]);
    expect(result.issues[0]?.message).toMatch(/next "nowhere" is not a node$/);
    expect(result.graph?.nodes.find((node) => node.id === 'nowhere')?.kind).toBe('missing');
    expect(result.gates).toBeUndefined();
  });

  it('reads a syntax error as a positioned YAML issue', () => {
    const result = checkDraft('id: x\nid: y\n', context);
    expect(result.issues).toMatchObject([
      { severity: 'error', field: '(yaml)', line: 2, message: 'Map keys must be unique' },
    ]);
    expect(result.scenario).toBeUndefined();
  });

  it('refuses an alias bomb with a clear message instead of expanding it', () => {
    let bomb = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++) {
      bomb += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
    }
    expect(checkDraft(bomb, context).issues.map((issue) => issue.formatted)).toEqual([
      'scenarios/draft.yaml:4:10 (yaml): alias *a2 makes too many copies (aliases may expand to at most 100 copies in a file); write the values out instead',
    ]);
  });

  it('refuses a draft above the size limit without parsing it', () => {
    const result = checkDraft('#'.repeat(MAX_DRAFT_BYTES + 1), context);
    expect(result.issues).toMatchObject([
      { field: '(file)', message: 'the draft is 512 KB; the studio checks drafts up to 512 KB' },
    ]);
  });
});

describe('the worker side of the protocol', () => {
  const run = (messages: Parameters<ReturnType<typeof createWorkerHandler>>[0][]) => {
    const posted: FromWorker[] = [];
    let clock = 0;
    const handle = createWorkerHandler(
      (message) => posted.push(message),
      () => (clock += 7),
    );
    messages.forEach(handle);
    return posted;
  };

  it('answers each check with its run id, the result and the time it took', () => {
    const posted = run([
      { type: 'configure', context },
      { type: 'check', runId: 3, text: okafor },
      { type: 'check', runId: 4, text: 'id: [' },
    ]);
    expect(posted.map((message) => [message.type, message.runId])).toEqual([
      ['checked', 3],
      ['checked', 4],
    ]);
    const first = posted[0]!;
    expect(first.type === 'checked' && first.elapsedMs).toBe(7);
    expect(first.type === 'checked' && first.result.issues).toEqual([]);
  });

  it('fails a check that arrives before the context', () => {
    expect(run([{ type: 'check', runId: 1, text: okafor }])).toEqual([
      {
        type: 'failed',
        runId: 1,
        message: 'the checker was asked to check before it knew the library',
      },
    ]);
  });

  it('sends only structured-clone-safe data (what postMessage can carry)', () => {
    const [message] = run([
      { type: 'configure', context },
      { type: 'check', runId: 1, text: okafor },
    ]);
    expect(structuredClone(message)).toEqual(message);
  });
});

describe('the blank template', () => {
  it('passes the validator with no errors or warnings, so an author starts from something that plays', () => {
    const result = checkDraft(BLANK_SCENARIO, context);
    expect(result.issues).toEqual([]);
    expect(result.file).toBe('scenarios/healthcare/new-scenario.yaml');
    expect(result.graph?.nodes.every((node) => node.reachable)).toBe(true);
    // The review bar is still ahead of it.
    expect(result.gates?.scenario.find((gate) => gate.id === 'path-length')?.passed).toBe(false);
  });
});
