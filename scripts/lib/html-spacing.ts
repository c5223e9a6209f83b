/**
 * Finds words glued to an inline element in HTML: text ending in a letter, digit or
 * sentence punctuation directly followed by an inline element whose text starts with a
 * letter or digit ("Play in<strong>practice</strong>" reads "Play inpractice"), and the
 * reverse ("<a>Home</a>page"). This is what a lost line break between text and an inline
 * element looks like once JSX whitespace rules (React's, and Astro 7's default
 * `compressHTML: 'jsx'`) have removed it. Used on the built site and on rendered pages.
 */

/** Elements that sit inside a line of text: a missing space next to them joins two words. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'cite',
  'code',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/** Text (or element content) ending like this cannot be followed directly by a word. */
const WORD_END = /[\p{L}\p{N}.,;:!?]$/u;
const WORD_START = /^[\p{L}\p{N}]/u;

export interface SpacingProblem {
  /** The joined words as a reader sees them, e.g. "Play inpractice". */
  excerpt: string;
}

type Token = { kind: 'text'; text: string } | { kind: 'open' | 'close'; name: string };

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITIES[body.toLowerCase()] ?? entity;
  });
}

function tokens(html: string): Token[] {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|svg|textarea|pre)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const result: Token[] = [];
  const pattern = /<\/?([a-zA-Z][\w-]*)\b[^>]*>|[^<]+|</g;
  for (const match of stripped.matchAll(pattern)) {
    const raw = match[0];
    if (match[1]) {
      const name = match[1].toLowerCase();
      result.push({ kind: raw.startsWith('</') ? 'close' : 'open', name });
      if (raw.endsWith('/>')) result.push({ kind: 'close', name });
    } else {
      result.push({ kind: 'text', text: decode(raw) });
    }
  }
  return result;
}

/** The last two words before the join and the first word after it: "Play in" + "practice". */
const tail = (text: string) => text.split(/\s+/).slice(-2).join(' ');
const head = (text: string) => text.split(/\s+/)[0]!;

/**
 * Every place in the HTML where a word runs into an inline element or out of one. Pass
 * `allowed` excerpts (exact, as reported) for genuine cases such as a plural after code.
 */
export function findSpacingProblems(
  html: string,
  allowed: readonly string[] = [],
): SpacingProblem[] {
  const list = tokens(html);
  const problems: SpacingProblem[] = [];
  const textAt = (index: number) => {
    const token = list[index];
    return token?.kind === 'text' ? token.text : undefined;
  };
  for (let index = 0; index < list.length; index++) {
    const token = list[index]!;
    if (token.kind === 'text' || !INLINE.has(token.name)) continue;
    if (token.kind === 'open') {
      // Text right before the element, and the element's first text (through nested inline openings).
      const before = textAt(index - 1);
      let next = index + 1;
      while (list[next]?.kind === 'open' && INLINE.has((list[next] as { name: string }).name))
        next++;
      const inside = textAt(next);
      if (before && inside && WORD_END.test(before) && WORD_START.test(inside))
        problems.push({ excerpt: `${tail(before)}${head(inside)}` });
    } else {
      // The element's last text (through nested inline closings), and the text right after.
      let previous = index - 1;
      while (
        list[previous]?.kind === 'close' &&
        INLINE.has((list[previous] as { name: string }).name)
      )
        previous--;
      const inside = textAt(previous);
      const after = textAt(index + 1);
      if (inside && after && WORD_END.test(inside) && WORD_START.test(after))
        problems.push({ excerpt: `${tail(inside)}${head(after)}` });
    }
  }
  return problems.filter((problem) => !allowed.includes(problem.excerpt));
}
