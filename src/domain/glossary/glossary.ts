import { z } from 'zod';

/** One term of `content/glossary.yaml`: linked from its first use in each lesson. */
export const glossaryTermSchema = () =>
  z.object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words or numbers joined by hyphens'),
    term: z.string().min(2),
    definition: z.string().min(20),
    /** Phrases (whole words, any case) whose first appearance in a lesson links here. */
    aliases: z.array(z.string().min(2)).min(1).max(4),
    lessons: z.array(z.string()).min(1).max(3),
  });

export const glossarySchema = () =>
  z.object({ terms: z.array(glossaryTermSchema()).min(1) }).superRefine((glossary, ctx) => {
    const seen = new Set<string>();
    glossary.terms.forEach((term, index) => {
      if (seen.has(term.id))
        ctx.addIssue({
          code: 'custom',
          path: ['terms', index, 'id'],
          message: `duplicate term id "${term.id}"`,
        });
      seen.add(term.id);
    });
  });

export type GlossaryTerm = z.infer<ReturnType<typeof glossaryTermSchema>>;

const escape = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/** A case-insensitive, whole-word pattern for any of a term's aliases (longest first). */
export function aliasPattern(term: Pick<GlossaryTerm, 'aliases'>): RegExp {
  const alternatives = [...term.aliases]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  return new RegExp(`(?<![\\w-])(${alternatives})(?![\\w-])`, 'i');
}

/**
 * The first glossary term (not yet linked) in a piece of text: the earliest match, the
 * longer alias winning a tie. Undefined when none occurs.
 */
export function firstTermIn(
  text: string,
  terms: readonly Pick<GlossaryTerm, 'id' | 'aliases'>[],
  linked: ReadonlySet<string>,
): { id: string; index: number; match: string } | undefined {
  let best: { id: string; index: number; match: string } | undefined;
  for (const term of terms) {
    if (linked.has(term.id)) continue;
    const found = aliasPattern(term).exec(text);
    if (!found) continue;
    if (
      !best ||
      found.index < best.index ||
      (found.index === best.index && found[0].length > best.match.length)
    ) {
      best = { id: term.id, index: found.index, match: found[0] };
    }
  }
  return best;
}
