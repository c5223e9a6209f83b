import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Adding a kind of activity record is a compile error at every place that must handle it.
 * Proven by compiling the project (its own tsconfig) with src/domain/activity changed in
 * memory as an author would change it, and listing the files the compiler points to.
 */

const root = resolve(import.meta.dirname, '../..');
const RECORD = resolve(root, 'src/domain/activity/record.ts');
const KINDS = resolve(root, 'src/domain/activity/kinds.ts');
const BROWSER = resolve(root, 'src/domain/activity/browser-record.ts');

/** Replaces `anchor` in `text`, failing loudly when the code no longer has it. */
function patch(text: string, anchor: string, replacement: string): string {
  if (!text.includes(anchor)) throw new Error(`anchor not found: ${anchor}`);
  return text.replace(anchor, replacement);
}

/** The files with type errors when the given files read as given. */
function filesWithErrors(overrides: ReadonlyMap<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => overrides.get(resolve(file)) ?? readFile(file);
  const program = ts.createProgram({
    rootNames: config.fileNames.filter((file) => /\.tsx?$/.test(file)),
    options: { ...config.options, noEmit: true },
    host,
  });
  const files = new Set<string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file) files.add(relative(root, diagnostic.file.fileName));
  }
  return [...files].sort();
}

const recordSource = readFileSync(RECORD, 'utf8');
const kindsSource = readFileSync(KINDS, 'utf8');
const browserSource = readFileSync(BROWSER, 'utf8');

/** Step 1: the author adds the new kind's schema to the union, and nothing else. */
const withSchema = patch(
  recordSource,
  `  [
    checkRecordSchema,`,
  `  [
    z.object({ kind: z.literal('reflection'), ...base, text: z.string() }),
    checkRecordSchema,`,
);

/** Step 2: its traits say the learner records it and the outbox sends it. */
const withTraits = patch(
  kindsSource,
  `} as const satisfies Record<ActivityKind, ActivityKindTraits>;`,
  `  reflection: {
    recordedBy: 'learner',
    delivery: 'outbox',
    evidence: false,
    attemptStep: false,
    label: 'A reflection',
  },
} as const satisfies Record<ActivityKind, ActivityKindTraits>;`,
);
const browserWithKind = patch(
  patch(
    browserSource,
    `  observation: null,`,
    `  observation: null,
  reflection: z.object({ kind: z.literal('reflection'), id: z.string(), at: z.string(), text: z.string() }),`,
  ),
  `    BROWSER_SCHEMAS['self-rating'],`,
  `    BROWSER_SCHEMAS['self-rating'],
    BROWSER_SCHEMAS.reflection,`,
);

describe('a new kind of activity record', () => {
  it('compiles as it stands', () => {
    expect(filesWithErrors(new Map())).toEqual([]);
  }, 180_000);

  it('is a compile error in every per-kind table and switch once its schema is added', () => {
    expect(filesWithErrors(new Map([[RECORD, withSchema]]))).toEqual([
      'src/domain/activity/browser-record.ts',
      'src/domain/activity/codecs.test.ts',
      'src/domain/activity/event-row.ts',
      'src/domain/activity/json-lines.ts',
      'src/domain/activity/kinds.ts',
      'src/domain/scoring/evidence.ts',
      'src/services/learner-view.ts',
      'supabase/local/activity-kinds.test.ts',
    ]);
  }, 180_000);

  it('then, recorded by learners and synced, in the outbox, the profile and the SQL parity test', () => {
    expect(
      filesWithErrors(
        new Map([
          [RECORD, withSchema],
          [KINDS, withTraits],
          [BROWSER, browserWithKind],
        ]),
      ),
    ).toEqual([
      'src/domain/activity/codecs.test.ts',
      'src/domain/activity/event-row.ts',
      'src/domain/activity/json-lines.ts',
      'src/domain/scoring/evidence.ts',
      'src/services/learner-view.ts',
      'supabase/local/activity-kinds.test.ts',
    ]);
  }, 180_000);
});
