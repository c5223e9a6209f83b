import { createHash } from 'node:crypto';
import type { ScoringCatalogue } from '../services/scoring-catalogue';
import type { ScoringIndex, ScoringPart } from '../services/scoring-parts';

/**
 * The scoring catalogue split for the profile: a small index (skills, and each scenario's
 * and lesson's summary) plus one file per scenario (its nodes) and per lesson (its check
 * items), named by a hash of their content so hosts can cache them for ever. A learner's
 * profile fetches the index and only the parts their records name.
 */
export function splitScoringCatalogue(catalogue: ScoringCatalogue): {
  index: ScoringIndex;
  parts: { file: string; body: ScoringPart }[];
} {
  const parts: { file: string; body: ScoringPart }[] = [];
  const add = (kind: 'scenario' | 'lesson', id: string, body: ScoringPart) => {
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
    const file = `${kind}-${id.replaceAll('/', '--')}.${hash}`;
    parts.push({ file, body });
    return file;
  };
  return {
    index: {
      skills: catalogue.skills,
      scenarios: catalogue.scenarios.map(({ nodes, ...summary }) => ({
        ...summary,
        file: add('scenario', summary.id, { nodes }),
      })),
      lessons: catalogue.lessons.map(({ check, ...summary }) => ({
        ...summary,
        file: add('lesson', summary.id, { check }),
      })),
    },
    parts,
  };
}
