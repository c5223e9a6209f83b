import { BASELINE_CONFIG, type BaselineConfig } from './baseline';
import type { CueRule } from './lift';

/**
 * Every threshold of the item audit in one place (issue 13, CONTENT_GUIDE "Items that
 * measure"). `ENFORCED` lists the gates `npm test` asserts: a gate enters it once the library
 * passes it, and never leaves. `npm run audit:items` reports and exits non-zero on every gate.
 */

export type GateId =
  | 'baseline-checks'
  | 'baseline-decisions'
  | 'baseline-learner'
  | 'length-rank-checks'
  | 'length-rank-decisions'
  | 'cues-checks'
  | 'cues-decisions'
  | 'positive-option'
  | 'dilemmas'
  | 'archetype-spread';

export const GATE_IDS: readonly GateId[] = [
  'baseline-checks',
  'baseline-decisions',
  'baseline-learner',
  'length-rank-checks',
  'length-rank-decisions',
  'cues-checks',
  'cues-decisions',
  'positive-option',
  'dilemmas',
  'archetype-spread',
];

export interface ItemAuditGates {
  /**
   * The answer-only baseline may beat chance by at most this much (accuracy, 0–1). With 130
   * checks one standard error of accuracy at chance is about 4 points, and with 250
   * decisions about 3, so a cue-free library stays under 10 points above chance by luck.
   */
  baselineMargin: number;
  /** A learner who follows the baseline must show this status on every measured skill. */
  learnerStatus: 'gap';
  /** Length position of the key (ties split): none above maxShare; longest and shortest at least. */
  lengthRank: { maxShare: number; minLongest: number; minShortest: number };
  /**
   * A cue gives the key away when at least `minSupport` options carry it, its lift is
   * ≥ maxLift (points to the key) or ≤ minLift (points away: an option to eliminate), and the
   * 99% Wilson interval of P(key | cue) excludes the base rate. About 120 cue tests run per
   * item kind; at 99% the library expects well under one false alarm among cues that carry
   * no signal, while a cue on 40+ options with a lift of 1.7 is reliably caught. Fewer than
   * 20 options is too small a cell to read (one item more or less moves it by 5 points).
   */
  cues: CueRule;
  /** Share of decisions that must offer two or more defensible options (positive code sum). */
  minDilemmaShare: number;
  /**
   * Stock weak-option archetypes (context-free mistakes a learner can spot without reading
   * the situation) may each appear among a scenario's weak options in at most this share of
   * scenarios. At one half, "find the over-promise and discard it" fails in at least every
   * other scenario; above it the stock foil is the library's norm rather than an author's
   * choice for this client. Situational archetypes (a breach, deciding for someone) depend on
   * the case and are reported only.
   */
  archetypes: { maxScenarioShare: number; stock: readonly string[] };
  baseline: BaselineConfig;
  /** Random learners averaged for the "random" end of the learner scale. */
  randomLearners: number;
  /** The gates `npm test` asserts (tests/content/item-audit.test.ts). */
  ENFORCED: ReadonlySet<GateId>;
}

export const ITEM_AUDIT_GATES: ItemAuditGates = {
  baselineMargin: 0.1,
  learnerStatus: 'gap',
  lengthRank: { maxShare: 0.4, minLongest: 0.2, minShortest: 0.15 },
  cues: { minSupport: 20, maxLift: 1.5, minLift: 2 / 3, z: 2.576 },
  minDilemmaShare: 0.4,
  archetypes: {
    maxScenarioShare: 0.5,
    stock: [
      'over-promise',
      'false-reassurance',
      'jargon',
      'understanding-check',
      'advice-fixing',
      'defensiveness',
      'secret-keeping',
      'minimising',
      'deflecting',
      'self-focus',
      'judgement',
      'interrogation',
    ],
  },
  baseline: BASELINE_CONFIG,
  randomLearners: 20,
  ENFORCED: new Set<GateId>([
    'baseline-checks',
    'baseline-decisions',
    'baseline-learner',
    'length-rank-checks',
    'length-rank-decisions',
    'cues-checks',
    'cues-decisions',
    'positive-option',
    'dilemmas',
    'archetype-spread',
  ]),
};
