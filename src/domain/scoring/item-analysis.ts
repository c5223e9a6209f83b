/**
 * Classical item analysis of knowledge-check items and scenario decisions, from learners'
 * evidence: how often each option is chosen, difficulty, discrimination (the corrected
 * item–rest correlation against the skill's estimate without the item), and the mean code
 * of the chosen option by proficiency band — with flags for what authors should look at.
 *
 * Conventions (so every figure means one thing):
 * - Each learner counts once per item, with their FIRST answer: later answers come after
 *   the feedback and measure memory of it, not the skill.
 * - A learner's "rest" estimate of a skill is the Beta mean from all their evidence on the
 *   skill except every answer to this item (undecayed and uncapped: item analysis is about
 *   the item, not about when it was answered).
 * - Proficiency bands are thirds of the item's learners by rest estimate (lower, middle,
 *   upper), as in classical upper–lower group analysis; "strong learners" are the upper third.
 *   Rest estimates equal to 12 decimals are ranked by learner id, so that the database's
 *   sums (added in another order) put every learner in the same third.
 * - Difficulty is the classical p-value: the mean score of first answers (checks: the share
 *   correct; decisions: the mean of y = (code − worst)/(best − worst) among the options on
 *   offer). Higher is easier.
 * - A statistic needs at least `minAnswers` learners (a band's mean, `minPerBand`); below
 *   that the item or band says "too few answers" instead of a number.
 * - A flag means "beyond chance" at a one-sided 5% level (z = `flagZ`): discrimination is
 *   flagged negative when r·√(n − 3) < −z (Fisher's z near 0); a key is flagged when strong
 *   learners chose a distractor d times and the key k times with (d − k)/√(d + k) > z (a
 *   sign test between the two). Small negative r from a handful of learners is noise, and
 *   an author should not be sent after it. For a decision the distractor must be dominated
 *   by the key (no better on any skill at stake): options that trade one skill for another
 *   are designed that way.
 */
import type { ScenarioCore } from '../scenario/schema';
import { SCORING_CONFIG, type ScoringConfig } from './config';
import type { EvidenceItem } from './evidence';

export interface ItemAnalysisOptions {
  /** Learners an item needs before any statistic is printed. */
  minAnswers: number;
  /** Learners a proficiency band needs before its mean is printed. */
  minPerBand: number;
  /** Answers after which an option no one chose is flagged. */
  neverChosenAfter: number;
  /** One-sided z a flag needs (1.645: 5%). */
  flagZ: number;
}

export const ITEM_ANALYSIS_DEFAULTS: ItemAnalysisOptions = {
  minAnswers: 5,
  minPerBand: 5,
  neverChosenAfter: 20,
  flagZ: 1.645,
};

/** The items to analyse: every decision point of the scenarios, every check item. */
export interface ItemBank {
  scenarios: readonly ScenarioCore[];
  checks: readonly {
    lessonId: string;
    itemId: string;
    skill: string;
    options: readonly { id: string; text?: string; correct: boolean }[];
  }[];
}

export interface LearnerEvidence {
  learner: string;
  evidence: readonly EvidenceItem[];
}

export type Band = 'lower' | 'middle' | 'upper';
export const BANDS: readonly Band[] = ['lower', 'middle', 'upper'];

export interface OptionFigures {
  id: string;
  text?: string;
  /** The key: the correct option (checks), the best-coded option for the skill (decisions). */
  keyFor: string[];
  /** Codes per skill (decisions). */
  codes?: Record<string, number>;
  /**
   * Learners who had the option on offer at their first answer, and who chose it; null when
   * the figures come from a source that suppresses small cells (fewer than its minimum).
   */
  offered: number | null;
  chosen: number | null;
  /** chosen / offered, or null with fewer than minAnswers offered. */
  share: number | null;
}

export interface SkillFigures {
  skill: string;
  /** Learners with a first answer that evidences this skill (null: suppressed). */
  answers: number | null;
  difficulty: number | null;
  /** Corrected item–rest correlation; null with a note when it cannot be computed. */
  discrimination: number | null;
  note?: string;
  /** Mean code of the chosen option (checks: share correct) per third of learners. */
  byBand: { band: Band; learners: number | null; meanCode: number | null }[];
}

export type ItemFlag =
  | { kind: 'never-chosen'; option: string; offered: number }
  | { kind: 'negative-discrimination'; skill: string; discrimination: number }
  | {
      kind: 'key-less-popular-among-strong';
      /** The skills on which it happens (a decision can have the same key on several). */
      skills: string[];
      key: string;
      distractor: string;
      /** Among the strong learners offered both options. */
      strongLearners: number;
      keyShare: number;
      distractorShare: number;
    };

export interface ItemFigures {
  kind: 'check' | 'decision';
  /** "lesson#item" or "scenario/node". */
  id: string;
  lessonId?: string;
  itemId?: string;
  scenarioId?: string;
  nodeId?: string;
  /** Learners with a first answer (null: suppressed, fewer than the source's minimum). */
  answers: number | null;
  /** Set when the item has too few answers for any statistic. */
  tooFew?: string;
  options: OptionFigures[];
  skills: SkillFigures[];
  flags: ItemFlag[];
}

/**
 * What item analysis needs, as aggregates over learners: no learner appears in them, so an
 * agency's can leave the database (`agency_item_analysis`). Every figure of `ItemFigures`
 * is a function of these. A cell — a group of learners summarised — with fewer learners
 * than a disclosure minimum carries null instead of its figures (suppressed).
 */
export interface ItemAggregates {
  kind: 'check' | 'decision';
  /** "lesson#item" or "scenario/node". */
  id: string;
  /** Learners with a first answer (null: suppressed). */
  answers: number | null;
  /** Options offered to at least one learner at their first answer (checks: all of the item's). */
  options: { id: string; offered: number | null; chosen: number | null }[];
  skills: SkillAggregates[];
}

export interface SkillAggregates {
  skill: string;
  /** Learners whose first answer evidences the skill (null: suppressed). */
  answers: number | null;
  /**
   * Over those first answers, with y the score (checks: 1 right, 0 wrong) and r the rest
   * estimate: Σy, Σr, Σy², Σr², Σy·r (null: suppressed).
   */
  sums: { y: number; rest: number; yy: number; rr: number; yr: number } | null;
  /** Thirds of the learners by rest estimate: size and Σ code chosen (null: suppressed). */
  bands: { band: Band; learners: number; code: number | null }[];
  /**
   * Among the upper third, per ordered pair of options offered together: how many were
   * offered both, and how many of those chose `option` (null: suppressed).
   */
  strong: { option: string; other: string; both: number | null; chose: number | null }[];
}

/** One learner's first answer to an item. */
interface FirstAnswer {
  learner: string;
  option: string;
  offered: readonly string[];
  /** Per skill: score y and code (checks: 1 right, 0 wrong). */
  skills: Map<string, { y: number; code: number }>;
}

interface ItemAnswers {
  kind: 'check' | 'decision';
  first: Map<string, FirstAnswer & { time: number; recordId: string }>;
  /** Σw and Σw·y of every answer to the item, per learner × skill (to leave out of the rest). */
  sums: Map<string, { w: number; wy: number }>;
}

const cellKey = (learner: string, skill: string) => `${learner}\u0000${skill}`;
const decisionId = (scenarioId: string, nodeId: string) => `${scenarioId}/${nodeId}`;
const checkId = (lessonId: string, itemId: string) => `${lessonId}#${itemId}`;

/** Pearson's r from the sums of two variables over n pairs. */
function pearsonFromSums(
  n: number,
  sums: { y: number; rest: number; yy: number; rr: number; yr: number },
): number | null {
  const sxx = sums.yy - (sums.y * sums.y) / n;
  const syy = sums.rr - (sums.rest * sums.rest) / n;
  const sxy = sums.yr - (sums.y * sums.rest) / n;
  // Relative guards: sums of equal values leave rounding residue, not variance.
  if (!(sxx > 1e-12 * n) || !(syy > 1e-12 * n)) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Collects every learner's first answer per item and the per-item evidence sums. */
function collectAnswers(learners: readonly LearnerEvidence[]) {
  const items = new Map<string, ItemAnswers>();
  const totals = new Map<string, { w: number; wy: number }>();
  const itemFor = (id: string, kind: ItemAnswers['kind']) => {
    let item = items.get(id);
    if (!item) items.set(id, (item = { kind, first: new Map(), sums: new Map() }));
    return item;
  };
  for (const { learner, evidence } of learners) {
    for (const unit of evidence) {
      const id =
        unit.source === 'check'
          ? unit.lessonId && unit.itemId && checkId(unit.lessonId, unit.itemId)
          : unit.source === 'assessment' || unit.source === 'practice'
            ? unit.scenarioId && unit.nodeId && decisionId(unit.scenarioId, unit.nodeId)
            : undefined;
      const key = cellKey(learner, unit.skill);
      const total = totals.get(key) ?? { w: 0, wy: 0 };
      total.w += unit.w;
      total.wy += unit.w * unit.y;
      totals.set(key, total);
      if (!id) continue;
      const item = itemFor(id, unit.source === 'check' ? 'check' : 'decision');
      const sums = item.sums.get(key) ?? { w: 0, wy: 0 };
      sums.w += unit.w;
      sums.wy += unit.w * unit.y;
      item.sums.set(key, sums);
      const option = unit.source === 'check' ? unit.optionId : unit.choiceId;
      if (option === undefined) continue;
      const first = item.first.get(learner);
      // One decision gives one evidence unit per skill: they share the record id.
      const sameAnswer = first?.recordId === unit.recordId;
      if (first && !sameAnswer && first.time <= unit.time) continue;
      const code = unit.source === 'check' ? (unit.correct ? 1 : 0) : (unit.code ?? 0);
      const y = unit.source === 'check' ? (unit.correct ? 1 : 0) : unit.y;
      if (first && sameAnswer) first.skills.set(unit.skill, { y, code });
      else
        item.first.set(learner, {
          learner,
          option,
          recordId: unit.recordId,
          time: unit.time,
          offered: unit.offered ?? [],
          skills: new Map([[unit.skill, { y, code }]]),
        });
    }
  }
  return { items, totals };
}

/** A rest estimate for ranking: to 12 decimals (floor(r·10¹² + ½), as the database ranks). */
const rankKey = (rest: number) => Math.floor(rest * 1e12 + 0.5);

/** Members of band `index` (0 lower, 1 middle, 2 upper) of `count` learners ranked by rest. */
const bandRange = (index: number, count: number) =>
  [Math.floor((index * count) / 3), Math.floor(((index + 1) * count) / 3)] as const;

/**
 * Each answered item's aggregates from the learners' evidence (see the conventions above);
 * `minimum` suppresses cells of fewer learners, as the database's item-analysis RPC does.
 */
export function aggregateItems(
  learners: readonly LearnerEvidence[],
  bank: ItemBank,
  config: ScoringConfig = SCORING_CONFIG,
  minimum = 0,
): ItemAggregates[] {
  const { items, totals } = collectAnswers(learners);
  const checkOptions = new Map(
    bank.checks.map((check) => [
      checkId(check.lessonId, check.itemId),
      check.options.map((option) => option.id),
    ]),
  );
  const restOf = (answers: ItemAnswers, learner: string, skill: string) => {
    const key = cellKey(learner, skill);
    const total = totals.get(key) ?? { w: 0, wy: 0 };
    const own = answers.sums.get(key) ?? { w: 0, wy: 0 };
    return (
      (config.priorAlpha + total.wy - own.wy) /
      (config.priorAlpha + config.priorBeta + total.w - own.w)
    );
  };
  const results: ItemAggregates[] = [];
  for (const [id, answers] of [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (answers.first.size === 0) continue;
    const firsts = [...answers.first.values()];
    const offeredOf = (answer: FirstAnswer) =>
      answers.kind === 'check' ? (checkOptions.get(id) ?? []) : answer.offered;
    const options = new Map<string, { offered: number; chosen: number }>();
    for (const answer of firsts) {
      for (const option of offeredOf(answer)) {
        const counts = options.get(option) ?? { offered: 0, chosen: 0 };
        counts.offered += 1;
        if (answer.option === option) counts.chosen += 1;
        options.set(option, counts);
      }
    }
    const skills = [...new Set(firsts.flatMap((answer) => [...answer.skills.keys()]))].sort();
    results.push({
      kind: answers.kind,
      id,
      answers: firsts.length,
      options: [...options]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([option, counts]) => ({ id: option, ...counts })),
      skills: skills.map((skill) => {
        const scored = firsts
          .filter((answer) => answer.skills.has(skill))
          .map((answer) => ({
            answer,
            ...answer.skills.get(skill)!,
            rest: restOf(answers, answer.learner, skill),
          }))
          .sort(
            (a, b) =>
              rankKey(a.rest) - rankKey(b.rest) || (a.answer.learner < b.answer.learner ? -1 : 1),
          );
        const count = scored.length;
        const sums = { y: 0, rest: 0, yy: 0, rr: 0, yr: 0 };
        for (const { y, rest } of scored) {
          sums.y += y;
          sums.rest += rest;
          sums.yy += y * y;
          sums.rr += rest * rest;
          sums.yr += y * rest;
        }
        const bands = BANDS.map((band, index) => {
          const members = scored.slice(...bandRange(index, count));
          return {
            band,
            learners: members.length,
            code: members.reduce((sum, entry) => sum + entry.code, 0),
          };
        });
        const strong = scored.slice(...bandRange(2, count)).map((entry) => entry.answer);
        const pairs = new Map<
          string,
          { option: string; other: string; both: number; chose: number }
        >();
        for (const answer of strong) {
          const offered = offeredOf(answer);
          for (const option of offered)
            for (const other of offered) {
              if (option === other) continue;
              const key = `${option}\u0000${other}`;
              const pair = pairs.get(key) ?? { option, other, both: 0, chose: 0 };
              pair.both += 1;
              if (answer.option === option) pair.chose += 1;
              pairs.set(key, pair);
            }
        }
        return {
          skill,
          answers: count,
          sums,
          bands,
          strong: [...pairs.values()].sort((a, b) =>
            a.option < b.option ? -1 : a.option > b.option ? 1 : a.other < b.other ? -1 : 1,
          ),
        };
      }),
    });
  }
  return minimum > 0 ? results.map((item) => suppressSmallCells(item, minimum)) : results;
}

/** Nulls the figures of every cell of fewer than `minimum` learners. */
export function suppressSmallCells(item: ItemAggregates, minimum: number): ItemAggregates {
  const small = (count: number | null) => count === null || count < minimum;
  if (small(item.answers)) return { ...item, answers: null, options: [], skills: [] };
  return {
    ...item,
    options: item.options.map((option) =>
      small(option.offered) ? { id: option.id, offered: null, chosen: null } : option,
    ),
    skills: item.skills.map((skill) =>
      small(skill.answers)
        ? { skill: skill.skill, answers: null, sums: null, bands: [], strong: [] }
        : {
            ...skill,
            bands: skill.bands.map((band) =>
              small(band.learners) ? { ...band, code: null } : band,
            ),
            strong: skill.strong.map((pair) =>
              small(pair.both) ? { ...pair, both: null, chose: null } : pair,
            ),
          },
    ),
  };
}

/** Analyses every item of the bank from the learners' evidence. */
export function analyseItems(
  learners: readonly LearnerEvidence[],
  bank: ItemBank,
  options: ItemAnalysisOptions = ITEM_ANALYSIS_DEFAULTS,
  config: ScoringConfig = SCORING_CONFIG,
): ItemFigures[] {
  return figuresFromAggregates(aggregateItems(learners, bank, config), bank, options);
}

/**
 * Every item of the bank analysed from aggregates (an agency's from the database, or
 * `aggregateItems`). A suppressed cell reads as too few answers; a flag that needs it is
 * not raised.
 */
export function figuresFromAggregates(
  aggregates: readonly ItemAggregates[],
  bank: ItemBank,
  options: ItemAnalysisOptions = ITEM_ANALYSIS_DEFAULTS,
): ItemFigures[] {
  const byId = new Map(aggregates.map((item) => [item.id, item]));
  const results: ItemFigures[] = [];
  const tooFew = (count: number | null, minimum: number) =>
    count === null
      ? `fewer answers than the agency's data may show (suppressed)`
      : `too few answers (${count}; statistics need ${minimum})`;

  const analyse = (
    base: Pick<ItemFigures, 'kind' | 'id' | 'lessonId' | 'itemId' | 'scenarioId' | 'nodeId'>,
    optionList: { id: string; text?: string; codes?: Record<string, number> }[],
    keys: Map<string, string[]>,
    checkOptions: boolean,
  ) => {
    const found = byId.get(base.id);
    const n = found ? found.answers : 0;
    const enough = n !== null && n >= options.minAnswers;
    const figures: ItemFigures = {
      ...base,
      answers: n,
      ...(enough ? {} : { tooFew: tooFew(n, options.minAnswers) }),
      options: optionList.map((option) => {
        const counts =
          n === null
            ? { offered: null, chosen: null }
            : (found?.options.find((candidate) => candidate.id === option.id) ?? {
                offered: checkOptions ? n : 0,
                chosen: 0,
              });
        return {
          id: option.id,
          ...(option.text ? { text: option.text } : {}),
          keyFor: [...keys].filter(([, ids]) => ids.includes(option.id)).map(([skill]) => skill),
          ...(option.codes ? { codes: option.codes } : {}),
          offered: counts.offered,
          chosen: counts.chosen,
          share:
            enough &&
            counts.offered !== null &&
            counts.chosen !== null &&
            counts.offered >= options.minAnswers
              ? counts.chosen / counts.offered
              : null,
        };
      }),
      skills: [],
      flags: [],
    };
    for (const option of figures.options)
      if (
        option.offered !== null &&
        option.offered >= options.neverChosenAfter &&
        option.chosen === 0
      )
        figures.flags.push({ kind: 'never-chosen', option: option.id, offered: option.offered });

    for (const [skill, keyIds] of keys) {
      const aggregate: SkillAggregates =
        found?.skills.find((candidate) => candidate.skill === skill) ??
        (n === null
          ? { skill, answers: null, sums: null, bands: [], strong: [] }
          : {
              skill,
              answers: 0,
              sums: { y: 0, rest: 0, yy: 0, rr: 0, yr: 0 },
              bands: [],
              strong: [],
            });
      const count = aggregate.answers;
      const skillEnough = count !== null && count >= options.minAnswers && aggregate.sums !== null;
      const discrimination =
        skillEnough && aggregate.sums ? pearsonFromSums(count, aggregate.sums) : null;
      const bands = BANDS.map((band, index) => {
        const cell = aggregate.bands.find((candidate) => candidate.band === band);
        const learners =
          cell?.learners ??
          (count === null ? null : bandRange(index, count)[1] - bandRange(index, count)[0]);
        return {
          band,
          learners,
          meanCode:
            cell && cell.code !== null && cell.learners >= options.minPerBand
              ? cell.code / cell.learners
              : null,
        };
      });
      figures.skills.push({
        skill,
        answers: count,
        difficulty: skillEnough && aggregate.sums ? aggregate.sums.y / Math.max(1, count) : null,
        discrimination,
        ...(skillEnough
          ? discrimination === null
            ? { note: 'no spread: every answer, or every rest estimate, is the same' }
            : {}
          : { note: tooFew(count, options.minAnswers) }),
        byBand: bands,
      });
      if (
        discrimination !== null &&
        count !== null &&
        discrimination * Math.sqrt(Math.max(0, count - 3)) < -options.flagZ
      )
        figures.flags.push({ kind: 'negative-discrimination', skill, discrimination });

      // Strong learners: the upper third. The key they chose most against each distractor
      // the key dominates — for a decision, an option no better on any skill at stake (an
      // option better on another skill is a designed trade-off, not a flaw) — among those
      // offered both.
      const strongCount = bands[2]!.learners;
      if (strongCount === null || strongCount < options.minPerBand) continue;
      const codesOf = new Map(optionList.map((option) => [option.id, option.codes ?? {}]));
      const dominates = (key: string, other: string) =>
        [...keys.keys()].every(
          (stake) => (codesOf.get(key)![stake] ?? 0) >= (codesOf.get(other)![stake] ?? 0),
        );
      const pair = (option: string, other: string) =>
        aggregate.strong.find((cell) => cell.option === option && cell.other === other);
      let worst: Extract<ItemFlag, { kind: 'key-less-popular-among-strong' }> | undefined;
      let worstZ = options.flagZ;
      for (const distractor of optionList.map((option) => option.id)) {
        if (keyIds.includes(distractor)) continue;
        const rivals = keyIds.filter((key) => checkOptions || dominates(key, distractor));
        const tallies = rivals.flatMap((key) => {
          const keyCell = pair(key, distractor);
          const distractorCell = pair(distractor, key);
          // Never offered together among the strong: no comparison. Suppressed: none either.
          if (!keyCell || !distractorCell) return [{ key, both: 0, k: 0, d: 0 }];
          if (keyCell.both === null || keyCell.chose === null || distractorCell.chose === null)
            return [];
          return [{ key, both: keyCell.both, k: keyCell.chose, d: distractorCell.chose }];
        });
        const key = tallies.reduce<(typeof tallies)[number] | undefined>(
          (best, tally) => (!best || tally.k > best.k ? tally : best),
          undefined,
        );
        if (!key || key.both === 0) continue;
        const z = key.d + key.k === 0 ? 0 : (key.d - key.k) / Math.sqrt(key.d + key.k);
        if (z > worstZ) {
          worstZ = z;
          worst = {
            kind: 'key-less-popular-among-strong',
            skills: [skill],
            key: key.key,
            distractor,
            strongLearners: key.both,
            keyShare: key.k / key.both,
            distractorShare: key.d / key.both,
          };
        }
      }
      if (worst) {
        const same = figures.flags.find(
          (flag) =>
            flag.kind === 'key-less-popular-among-strong' &&
            flag.key === worst.key &&
            flag.distractor === worst.distractor,
        );
        if (same?.kind === 'key-less-popular-among-strong') same.skills.push(skill);
        else figures.flags.push(worst);
      }
    }
    results.push(figures);
  };

  for (const check of bank.checks) {
    analyse(
      {
        kind: 'check',
        id: checkId(check.lessonId, check.itemId),
        lessonId: check.lessonId,
        itemId: check.itemId,
      },
      check.options.map(({ id, text }) => ({ id, ...(text ? { text } : {}) })),
      new Map([
        [check.skill, check.options.filter((option) => option.correct).map((option) => option.id)],
      ]),
      true,
    );
  }
  for (const scenario of bank.scenarios) {
    for (const [nodeId, node] of Object.entries(scenario.nodes)) {
      if (!node.choices) continue;
      const skills = [...new Set(node.choices.flatMap((choice) => Object.keys(choice.evidence)))];
      const keys = new Map<string, string[]>();
      for (const skill of skills) {
        const codes = node.choices.map((choice) => choice.evidence[skill]?.code ?? 0);
        const top = Math.max(...codes);
        // A skill every option codes alike is not at stake at this decision.
        if (top === Math.min(...codes)) continue;
        keys.set(
          skill,
          node.choices.filter((_, index) => codes[index] === top).map((choice) => choice.id),
        );
      }
      if (keys.size === 0) continue;
      analyse(
        { kind: 'decision', id: decisionId(scenario.id, nodeId), scenarioId: scenario.id, nodeId },
        node.choices.map((choice) => ({
          id: choice.id,
          text: choice.text,
          codes: Object.fromEntries(
            [...keys.keys()].map((skill) => [skill, choice.evidence[skill]?.code ?? 0]),
          ),
        })),
        keys,
        false,
      );
    }
  }
  return results;
}

/** Items with at least one flag, most flags first. */
export const flaggedItems = (items: readonly ItemFigures[]) =>
  items
    .filter((item) => item.flags.length > 0)
    .sort((a, b) => b.flags.length - a.flags.length || (a.id < b.id ? -1 : 1));
