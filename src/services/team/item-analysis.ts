import type { Backend } from '../backend/client';
import {
  BANDS,
  figuresFromAggregates,
  type ItemAggregates,
  type ItemBank,
  type ItemFigures,
  type SkillAggregates,
} from '../../domain/scoring/item-analysis';
import { friendlyError } from '../backend/errors';
import type { ScoringCatalogue } from '../scoring-catalogue';

/**
 * An agency's item analysis: the database aggregates its learners' first answers per check
 * item and scenario decision (`agency_item_analysis`: admins only, no learner identities,
 * cells of fewer than five learners suppressed) and the pure functions of
 * src/domain/scoring/item-analysis.ts turn the aggregates into figures and flags.
 */

export class ItemAnalysisError extends Error {}

/** The items to analyse: the published library as the browser's catalogue has it. */
export const itemBankFrom = (catalogue: ScoringCatalogue): ItemBank => ({
  scenarios: catalogue.scenarios,
  checks: catalogue.lessons.flatMap((lesson) =>
    lesson.check.map((item) => ({
      lessonId: lesson.id,
      itemId: item.id,
      skill: item.skill,
      options: item.options,
    })),
  ),
});

const isCount = (value: unknown): value is number | null =>
  value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Reads the JSON document of `agency_item_analysis` (shape: its migration), checking as it goes. */
export function decodeItemAggregates(document: unknown): ItemAggregates[] {
  const fail = (what: string): never => {
    throw new ItemAnalysisError(`The agency's item analysis came back malformed (${what}).`);
  };
  if (!Array.isArray(document)) return fail('not a list');
  return (document as unknown[]).map((entry): ItemAggregates => {
    const item = entry as Record<string, unknown>;
    if (item === null || typeof item !== 'object') return fail('an item is not an object');
    const { kind, id, answers, options, skills } = item;
    if ((kind !== 'check' && kind !== 'decision') || typeof id !== 'string')
      return fail('an item has no kind or id');
    if (!isCount(answers) || !Array.isArray(options) || !Array.isArray(skills))
      return fail(`item ${id}`);
    return {
      kind,
      id,
      answers,
      options: (options as Record<string, unknown>[]).map((option) => {
        if (typeof option.id !== 'string' || !isCount(option.offered) || !isCount(option.chosen))
          return fail(`an option of ${id}`);
        return { id: option.id, offered: option.offered, chosen: option.chosen };
      }),
      skills: (skills as Record<string, unknown>[]).map((skill): SkillAggregates => {
        const sums = skill.sums as Record<string, unknown> | null;
        if (typeof skill.skill !== 'string' || !isCount(skill.answers))
          return fail(`a skill of ${id}`);
        if (sums !== null && !['y', 'rest', 'yy', 'rr', 'yr'].every((key) => isNumber(sums[key])))
          return fail(`the sums of ${id}`);
        const bands = skill.bands as Record<string, unknown>[];
        const strong = skill.strong as Record<string, unknown>[];
        if (!Array.isArray(bands) || !Array.isArray(strong)) return fail(`the thirds of ${id}`);
        return {
          skill: skill.skill,
          answers: skill.answers,
          sums: sums && {
            y: sums.y as number,
            rest: sums.rest as number,
            yy: sums.yy as number,
            rr: sums.rr as number,
            yr: sums.yr as number,
          },
          bands: bands.map((band) => {
            const name = BANDS.find((candidate) => candidate === band.band);
            if (!name || !isCount(band.learners) || band.learners === null)
              return fail(`a third of ${id}`);
            if (band.code !== null && !isNumber(band.code)) return fail(`a third of ${id}`);
            return { band: name, learners: band.learners, code: band.code };
          }),
          strong: strong.map((pair) => {
            if (typeof pair.option !== 'string' || typeof pair.other !== 'string')
              return fail(`a pair of ${id}`);
            if (!isCount(pair.both) || !isCount(pair.chose)) return fail(`a pair of ${id}`);
            return { option: pair.option, other: pair.other, both: pair.both, chose: pair.chose };
          }),
        };
      }),
    };
  });
}

/** The agency's aggregates, for its admins. */
export async function loadAgencyItemAggregates(
  supabase: Backend,
  organisationId: string,
): Promise<ItemAggregates[]> {
  const { data, error } = (await supabase.rpc('agency_item_analysis', {
    organisation_id: organisationId,
  })) as { data: unknown; error: { message: string } | null };
  if (error) throw new ItemAnalysisError(friendlyError(error));
  return decodeItemAggregates(data);
}

/** Every item of the library analysed from the agency's aggregates. */
export async function loadAgencyItemAnalysis(
  supabase: Backend,
  organisationId: string,
  catalogue: ScoringCatalogue,
): Promise<ItemFigures[]> {
  return figuresFromAggregates(
    await loadAgencyItemAggregates(supabase, organisationId),
    itemBankFrom(catalogue),
  );
}
