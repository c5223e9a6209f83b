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
  /** Learners who had the option on offer at their first answer, and who chose it. */
  offered: number;
  chosen: number;
  /** chosen / offered, or null with fewer than minAnswers offered. */
  share: number | null;
}

export interface SkillFigures {
  skill: string;
  /** Learners with a first answer that evidences this skill. */
  answers: number;
  difficulty: number | null;
  /** Corrected item–rest correlation; null with a note when it cannot be computed. */
  discrimination: number | null;
  note?: string;
  /** Mean code of the chosen option (checks: share correct) per third of learners. */
  byBand: { band: Band; learners: number; meanCode: number | null }[];
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
  /** Learners with a first answer. */
  answers: number;
  /** Set when the item has too few answers for any statistic. */
  tooFew?: string;
  options: OptionFigures[];
  skills: SkillFigures[];
  flags: ItemFlag[];
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
  first: Map<string, FirstAnswer & { time: number; recordId: string }>;
  /** Σw and Σw·y of every answer to the item, per learner × skill (to leave out of the rest). */
  sums: Map<string, { w: number; wy: number }>;
}

const cellKey = (learner: string, skill: string) => `${learner}\u0000${skill}`;
const decisionId = (scenarioId: string, nodeId: string) => `${scenarioId}/${nodeId}`;
const checkId = (lessonId: string, itemId: string) => `${lessonId}#${itemId}`;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index++) {
    const dx = xs[index]! - mx;
    const dy = ys[index]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Relative guards: sums of equal values leave rounding residue, not variance.
  if (!(sxx > 1e-12 * n) || !(syy > 1e-12 * n)) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Collects every learner's first answer per item and the per-item evidence sums. */
function collectAnswers(learners: readonly LearnerEvidence[]) {
  const items = new Map<string, ItemAnswers>();
  const totals = new Map<string, { w: number; wy: number }>();
  const itemFor = (id: string) => {
    let item = items.get(id);
    if (!item) items.set(id, (item = { first: new Map(), sums: new Map() }));
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
      const item = itemFor(id);
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

/** Analyses every item of the bank from the learners' evidence. */
export function analyseItems(
  learners: readonly LearnerEvidence[],
  bank: ItemBank,
  options: ItemAnalysisOptions = ITEM_ANALYSIS_DEFAULTS,
  config: ScoringConfig = SCORING_CONFIG,
): ItemFigures[] {
  const { items, totals } = collectAnswers(learners);
  const restOf = (answers: ItemAnswers, learner: string, skill: string) => {
    const key = cellKey(learner, skill);
    const total = totals.get(key) ?? { w: 0, wy: 0 };
    const own = answers.sums.get(key) ?? { w: 0, wy: 0 };
    return (
      (config.priorAlpha + total.wy - own.wy) /
      (config.priorAlpha + config.priorBeta + total.w - own.w)
    );
  };
  const results: ItemFigures[] = [];

  const analyse = (
    base: Pick<ItemFigures, 'kind' | 'id' | 'lessonId' | 'itemId' | 'scenarioId' | 'nodeId'>,
    optionList: { id: string; text?: string; codes?: Record<string, number> }[],
    keys: Map<string, string[]>,
    checkOptions: boolean,
  ) => {
    const answers: ItemAnswers = items.get(base.id) ?? { first: new Map(), sums: new Map() };
    const firsts = [...answers.first.values()].sort((a, b) =>
      a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0,
    );
    const n = firsts.length;
    const enough = n >= options.minAnswers;
    const offeredTo = (option: string) =>
      checkOptions ? n : firsts.filter((answer) => answer.offered.includes(option)).length;
    const figures: ItemFigures = {
      ...base,
      answers: n,
      ...(enough
        ? {}
        : { tooFew: `too few answers (${n}; statistics need ${options.minAnswers})` }),
      options: optionList.map((option) => {
        const offered = offeredTo(option.id);
        const chosen = firsts.filter((answer) => answer.option === option.id).length;
        return {
          id: option.id,
          ...(option.text ? { text: option.text } : {}),
          keyFor: [...keys].filter(([, ids]) => ids.includes(option.id)).map(([skill]) => skill),
          ...(option.codes ? { codes: option.codes } : {}),
          offered,
          chosen,
          share: enough && offered >= options.minAnswers ? chosen / offered : null,
        };
      }),
      skills: [],
      flags: [],
    };
    for (const option of figures.options)
      if (option.offered >= options.neverChosenAfter && option.chosen === 0)
        figures.flags.push({ kind: 'never-chosen', option: option.id, offered: option.offered });

    for (const [skill, keyIds] of keys) {
      const scored = firsts
        .filter((answer) => answer.skills.has(skill))
        .map((answer) => ({
          answer,
          ...answer.skills.get(skill)!,
          rest: restOf(answers, answer.learner, skill),
        }))
        .sort((a, b) => a.rest - b.rest || (a.answer.learner < b.answer.learner ? -1 : 1));
      const count = scored.length;
      const skillEnough = count >= options.minAnswers;
      const discrimination = skillEnough
        ? pearson(
            scored.map((entry) => entry.y),
            scored.map((entry) => entry.rest),
          )
        : null;
      const bands = BANDS.map((band, index) => {
        const members = scored.slice(
          Math.floor((index * count) / 3),
          Math.floor(((index + 1) * count) / 3),
        );
        return {
          band,
          members,
          learners: members.length,
          meanCode:
            members.length >= options.minPerBand
              ? members.reduce((sum, entry) => sum + entry.code, 0) / members.length
              : null,
        };
      });
      figures.skills.push({
        skill,
        answers: count,
        difficulty: skillEnough
          ? scored.reduce((sum, entry) => sum + entry.y, 0) / Math.max(1, count)
          : null,
        discrimination,
        ...(skillEnough
          ? discrimination === null
            ? { note: 'no spread: every answer, or every rest estimate, is the same' }
            : {}
          : { note: `too few answers (${count}; statistics need ${options.minAnswers})` }),
        byBand: bands.map(({ band, learners: size, meanCode }) => ({
          band,
          learners: size,
          meanCode,
        })),
      });
      if (
        discrimination !== null &&
        discrimination * Math.sqrt(Math.max(0, count - 3)) < -options.flagZ
      )
        figures.flags.push({ kind: 'negative-discrimination', skill, discrimination });

      // Strong learners: the upper third. The key they chose most against each distractor
      // the key dominates — for a decision, an option no better on any skill at stake (an
      // option better on another skill is a designed trade-off, not a flaw) — among those
      // offered both.
      const strong = bands[2]!.members.map((entry) => entry.answer);
      if (strong.length < options.minPerBand) continue;
      const codesOf = new Map(optionList.map((option) => [option.id, option.codes ?? {}]));
      const dominates = (key: string, other: string) =>
        [...keys.keys()].every(
          (stake) => (codesOf.get(key)![stake] ?? 0) >= (codesOf.get(other)![stake] ?? 0),
        );
      let worst: Extract<ItemFlag, { kind: 'key-less-popular-among-strong' }> | undefined;
      let worstZ = options.flagZ;
      for (const distractor of optionList.map((option) => option.id)) {
        if (keyIds.includes(distractor)) continue;
        const rivals = keyIds.filter((key) => checkOptions || dominates(key, distractor));
        const tallies = rivals.map((key) => {
          const both = strong.filter(
            (answer) =>
              checkOptions || (answer.offered.includes(key) && answer.offered.includes(distractor)),
          );
          return {
            key,
            both: both.length,
            k: both.filter((answer) => answer.option === key).length,
            d: both.filter((answer) => answer.option === distractor).length,
          };
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
