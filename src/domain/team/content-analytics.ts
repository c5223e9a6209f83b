import {
  ITEM_ANALYSIS_DEFAULTS,
  type ItemFigures,
  type ItemFlag,
  type OptionFigures,
} from '../scoring/item-analysis';
import { percent } from './labels';

/**
 * How the admin's Content analytics section words and orders the item analysis of
 * src/domain/scoring/item-analysis.ts: flags in plain words, items grouped by lesson or
 * scenario with flagged ones first.
 */

/** What the section needs to name things: titles and skill names from the catalogue. */
export interface ContentNames {
  lessonTitle: (lessonId: string) => string;
  scenarioTitle: (scenarioId: string) => string;
  skillName: (skillId: string) => string;
}

/** An option as a reader knows it: its text, or its id when the content has none. */
export const optionName = (item: Pick<ItemFigures, 'options'>, optionId: string): string => {
  const option = item.options.find((candidate) => candidate.id === optionId);
  return option?.text ? `“${option.text}”` : `option ${optionId}`;
};

/** One flag as a sentence an author can act on. */
export function flagWords(
  flag: ItemFlag,
  item: Pick<ItemFigures, 'options'>,
  names: Pick<ContentNames, 'skillName'>,
): string {
  switch (flag.kind) {
    case 'never-chosen':
      return `No one chose ${optionName(item, flag.option)} (offered to ${flag.offered} learners): it may be too obviously wrong to test anything.`;
    case 'negative-discrimination':
      return `Negative discrimination on ${names.skillName(flag.skill)} (${signed(flag.discrimination)}): learners who are stronger on the skill do worse here, so the item may be misleading or its key wrong.`;
    case 'key-less-popular-among-strong':
      return `Among the strongest learners (${flag.strongLearners}), ${optionName(item, flag.distractor)} (${percent(flag.distractorShare)}) was chosen more than the best answer ${optionName(item, flag.key)} (${percent(flag.keyShare)}) on ${flag.skills.map(names.skillName).join(' and ')}: check the key or the distractor.`;
  }
}

/** A correlation with a true minus sign and two decimals. */
export const signed = (value: number): string =>
  `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;

/** A count that the server may have suppressed (null: fewer than the disclosure minimum). */
export const countWords = (count: number | null, minimum = ITEM_ANALYSIS_DEFAULTS.minAnswers) =>
  count === null ? `fewer than ${minimum}` : String(count);

/** An option's share of the learners offered it, or why there is none. */
export function shareWords(
  option: OptionFigures,
  minimum = ITEM_ANALYSIS_DEFAULTS.minAnswers,
): string {
  if (option.offered === null || option.chosen === null) return `fewer than ${minimum}`;
  if (option.share === null) return `offered to ${option.offered}: too few`;
  return `${percent(option.share)} (${option.chosen} of ${option.offered})`;
}

/** Whether any learner's answer is in the figures (items no one answered are left out). */
export const hasAnswers = (item: ItemFigures) => item.answers === null || item.answers > 0;

/** Whether the item has figures to show: at least the minimum of learners. */
export const hasFigures = (item: ItemFigures) => item.answers !== null && item.tooFew === undefined;

/** Whether a cell anywhere in the items was suppressed (the section explains it once). */
export const anySuppressed = (items: readonly ItemFigures[]) =>
  items.some(
    (item) =>
      item.answers === null ||
      item.options.some((option) => option.offered === null || option.chosen === null) ||
      item.skills.some((skill) => skill.answers === null),
  );

export interface ContentGroup {
  kind: 'check' | 'decision';
  /** The lesson's or scenario's id. */
  id: string;
  title: string;
  /** `/learn/<lessonId>/` or `/practice/<scenarioId>/`. */
  href: string;
  items: ItemFigures[];
  flags: number;
  /** Items with figures (at least the minimum of learners). */
  analysed: number;
}

/** Flagged first (most flags first), then items with figures, then those too small to show. */
const byAttention = (a: ItemFigures, b: ItemFigures) =>
  b.flags.length - a.flags.length || Number(hasFigures(b)) - Number(hasFigures(a));

/**
 * The answered items grouped by lesson (checks) and scenario (decisions), optionally only
 * the flagged ones. Groups with more flags come first, then groups with figures before those
 * whose items are all too small to show, then lessons before scenarios, then the library's
 * order; within a group, flagged items first (most flags first), then items with figures,
 * then the library's order (the sorts are stable).
 */
export function groupItems(
  figures: readonly ItemFigures[],
  names: Pick<ContentNames, 'lessonTitle' | 'scenarioTitle'>,
  { flaggedOnly = false }: { flaggedOnly?: boolean } = {},
): ContentGroup[] {
  const groups = new Map<string, ContentGroup>();
  for (const item of figures) {
    if (!hasAnswers(item) || (flaggedOnly && item.flags.length === 0)) continue;
    const id = item.kind === 'check' ? item.lessonId : item.scenarioId;
    if (id === undefined) continue;
    const key = `${item.kind}:${id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        kind: item.kind,
        id,
        title: item.kind === 'check' ? names.lessonTitle(id) : names.scenarioTitle(id),
        href: item.kind === 'check' ? `/learn/${id}/` : `/practice/${id}/`,
        items: [],
        flags: 0,
        analysed: 0,
      };
      groups.set(key, group);
    }
    group.items.push(item);
    group.flags += item.flags.length;
    group.analysed += Number(hasFigures(item));
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.flags - a.flags ||
        Number(b.analysed > 0) - Number(a.analysed > 0) ||
        (a.kind === b.kind ? 0 : a.kind === 'check' ? -1 : 1),
    )
    .map((group) => ({ ...group, items: [...group.items].sort(byAttention) }));
}
