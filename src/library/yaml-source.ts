import {
  isNode,
  isScalar,
  LineCounter,
  parseDocument,
  Scalar,
  visit,
  YAMLParseError,
  type Alias,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import type { ContentIssue } from '../domain/content-issue';

/** A YAML text parsed with positions, so every problem can name its line and column. */
export interface YamlSource {
  file: string;
  document: Document;
  /** Lines before the YAML text starts in its file (frontmatter starts after `---`). */
  lineOffset: number;
  lineCounter: LineCounter;
}

export function parseYamlSource(file: string, text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  // The parser's own unique-key check compares every pair of keys in a map (minutes for a
  // 40,000-key paste); duplicates are found here instead, in one pass with a set per map.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  visit(document, {
    Map: (_key, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const range = isNode(pair.key) ? pair.key.range : undefined;
        const at = range ? range[0] : (map.range?.[0] ?? 0);
        const error = new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
        error.linePos = [lineCounter.linePos(at), lineCounter.linePos(at + 1)];
        document.errors.push(error);
      }
    },
  });
  return { file, document, lineOffset, lineCounter };
}

/** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
export function locate(
  source: YamlSource,
  path: readonly PropertyKey[],
): { line: number; column: number } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown =
      depth === 0 ? source.document.contents : source.document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = source.lineCounter.linePos(node.range[0]);
      return { line: line + source.lineOffset, column: col };
    }
  }
  return undefined;
}

/** Syntax errors of the YAML text itself, with their positions. */
export function yamlSyntaxIssues(source: YamlSource): ContentIssue[] {
  return source.document.errors.map((error) => {
    const position = error.linePos?.[0];
    return {
      file: source.file,
      field: '(yaml)',
      message: (error.message.split('\n')[0] ?? error.message).replace(
        / at line \d+, column \d+:?$/,
        '',
      ),
      line: position ? position.line + source.lineOffset : undefined,
      column: position?.col,
    };
  });
}

/**
 * How many copies aliases may make in one file, in all (the `yaml` package's own default).
 * Content never needs more; a "billion laughs" file needs billions.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * The YAML text as plain data, or the alias that cannot be expanded — one with no anchor
 * before it, or one that would push the copies past MAX_ALIAS_COUNT (an alias bomb) —
 * reported at its line and column instead of the `yaml` package's position-less throw.
 */
export function yamlData(source: YamlSource): { data?: unknown; issues: ContentIssue[] } {
  const expand = (document: Document) =>
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  try {
    return { data: expand(source.document), issues: [] };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const aliases: Alias[] = [];
    visit(source.document, {
      Alias: (_key, node) => {
        aliases.push(node);
      },
    });
    // Aliases expand in document order, so the culprit is the first one whose prefix fails:
    // a copy of the document keeping the first `kept` aliases (later ones become null).
    const failsWith = (kept: number) => {
      const copy = source.document.clone();
      let index = 0;
      visit(copy, { Alias: () => (index++ < kept ? undefined : new Scalar(null)) });
      try {
        expand(copy);
        return false;
      } catch {
        return true;
      }
    };
    let low = 1;
    let high = aliases.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (failsWith(middle)) high = middle;
      else low = middle + 1;
    }
    const alias = aliases[low - 1];
    const position = alias?.range ? source.lineCounter.linePos(alias.range[0]) : undefined;
    const name = alias ? `*${alias.source}` : 'an alias';
    return {
      issues: [
        {
          file: source.file,
          field: '(yaml)',
          message: /excessive alias count/i.test(error.message)
            ? `alias ${name} makes too many copies (aliases may expand to at most ${MAX_ALIAS_COUNT} copies in a file); write the values out instead`
            : `alias ${name} has no anchor &${alias?.source ?? ''} before it`,
          line: position ? position.line + source.lineOffset : undefined,
          column: position?.col,
        },
      ],
    };
  }
}

/** A dotted field name such as `check[2].options` for a schema path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return (
    path
      .map((key, index) =>
        typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
      )
      .join('') || '(root)'
  );
}

/**
 * Validate a parsed YAML source against a zod schema. Returns the typed data, or the
 * problems, each with file, field, line and column.
 */
export function validateYaml<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): { data?: z.infer<S>; issues: ContentIssue[] } {
  const syntax = yamlSyntaxIssues(source);
  if (syntax.length > 0) return { issues: syntax };
  const expanded = yamlData(source);
  if (expanded.issues.length > 0) return { issues: expanded.issues };
  const result = schema.safeParse(expanded.data);
  if (result.success) return { data: result.data, issues: [] };
  return {
    issues: result.error.issues.map((issue) => ({
      file: source.file,
      field: fieldName(issue.path),
      message: issue.message,
      ...locate(source, issue.path),
    })),
  };
}

/** `file:line:column field: message` — the one format every content error is printed in. */
export function formatIssue(issue: ContentIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  return `${where} ${issue.field}: ${issue.message}`;
}
