/**
 * Measures of a lesson's MDX body for the curriculum's quality gates: words of prose (JSX
 * attribute text counts, markup does not), component counts, paragraphs, internal links.
 */

/** The body's prose: tags and attribute names removed, attribute values kept as text. */
export function proseOf(body: string): string {
  return body
    .replace(/^import .*$/gm, ' ')
    .replace(
      /<\/?([A-Z][A-Za-z]*)([^>]*?)\/?>/gs,
      (_tag, _name: string, attributes: string) =>
        ` ${[...attributes.matchAll(/([A-Za-z]+)=\s*"([^"]*)"/g)]
          .filter((match) => match[1] !== 'id')
          .map((match) => match[2])
          .join(' ')} `,
    )
    .replace(/^#+\s*/gm, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>]/g, ' ');
}

export function wordCount(body: string): number {
  return proseOf(body)
    .split(/\s+/)
    .filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

export function countComponent(body: string, name: string): number {
  return (body.match(new RegExp(`<${name}[\\s/>]`, 'g')) ?? []).length;
}

/** Prose paragraphs of 60+ characters, normalised, for the "no two lessons share a paragraph" gate. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(
      (paragraph) =>
        !paragraph.startsWith('#') &&
        !paragraph.startsWith('<') &&
        !paragraph.startsWith('import '),
    )
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').toLowerCase())
    .filter((paragraph) => paragraph.length >= 60);
}

/** Internal link targets (`/…`) in Markdown links and href attributes. */
export function internalLinks(body: string): string[] {
  const markdown = [...body.matchAll(/\]\((\/[^)\s]*)\)/g)].map((match) => match[1]!);
  const href = [...body.matchAll(/href="(\/[^"]*)"/g)].map((match) => match[1]!);
  return [...markdown, ...href];
}
