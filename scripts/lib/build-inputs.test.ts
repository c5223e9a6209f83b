import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInputsHash, builtFrom, recordBuild } from './build-inputs';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'casecraft-inputs-'));
  write('src/pages/index.astro', '<h1>Hi</h1>');
  write('content/lessons/a.mdx', 'lesson');
  write('package-lock.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build inputs', () => {
  it('hash the same tree the same way, and any change to an input differently', () => {
    const first = buildInputsHash(root);
    expect(buildInputsHash(root)).toBe(first);
    write('content/lessons/a.mdx', 'lesson, edited');
    const edited = buildInputsHash(root);
    expect(edited).not.toBe(first);
    write('content/lessons/b.mdx', 'lesson');
    expect(buildInputsHash(root)).not.toBe(edited);
  });

  it('a renamed file changes the hash even with the same bytes', () => {
    const before = buildInputsHash(root);
    rmSync(join(root, 'content/lessons/a.mdx'));
    write('content/lessons/c.mdx', 'lesson');
    expect(buildInputsHash(root)).not.toBe(before);
  });

  it('files that are not inputs (data, tests, the build itself) do not', () => {
    const before = buildInputsHash(root);
    write('.data/db/file', 'x');
    write('tests/e2e/a.spec.ts', 'x');
    write('dist/index.html', 'x');
    expect(buildInputsHash(root)).toBe(before);
  });

  it('dist/ counts as built from the inputs only with its stamp and its pages', () => {
    const hash = buildInputsHash(root);
    expect(builtFrom(hash, root)).toBe(false);
    write('dist/index.html', '<h1>Hi</h1>');
    expect(builtFrom(hash, root)).toBe(false);
    recordBuild(hash, root);
    expect(builtFrom(hash, root)).toBe(true);
    write('src/pages/index.astro', '<h1>Hello</h1>');
    expect(builtFrom(buildInputsHash(root), root)).toBe(false);
    rmSync(join(root, 'dist/index.html'));
    expect(builtFrom(hash, root)).toBe(false);
  });
});
