import { SCORING_CONFIG, type ScoringConfig } from './config';
import {
  addDispersionCell,
  emptyDispersionData,
  estimateDispersion,
  type Dispersion,
  type DispersionEstimate,
} from './dispersion';
import { estimateSkill, type SkillEstimate } from './estimate';
import type { ActivityRecord } from '../activity/record';
import {
  extractEvidence,
  type EvidenceItem,
  type Extraction,
  type ScoringContent,
} from './evidence';
import { addEvidence, emptyState, totalsAt, type SkillState } from './statistics';

/** A learner's skill profile: one estimate per measured skill, and the evidence behind it. */
export interface SkillProfile {
  computedAt: string;
  skills: SkillEstimate[];
  evidence: EvidenceItem[];
  flags: Extraction['flags'];
  rejected: Extraction['rejected'];
}

export interface ProfileOptions {
  /** The measured skills, in display order. */
  skills: readonly string[];
  /** Target per skill; missing skills use config.defaultTarget. */
  targets?: Readonly<Record<string, number>>;
  now?: number;
  config?: ScoringConfig;
  /** φ per format (estimated from a body of data); default: the configured prior. */
  dispersion?: Dispersion;
}

/** Folds evidence into per-skill states (the same additive sums the database keeps). */
export function accumulate(
  evidence: readonly EvidenceItem[],
  config: ScoringConfig = SCORING_CONFIG,
): Map<string, SkillState> {
  const states = new Map<string, SkillState>();
  for (const item of evidence) {
    let state = states.get(item.skill);
    if (!state) {
      state = emptyState();
      states.set(item.skill, state);
    }
    addEvidence(state, item, config);
  }
  return states;
}

/** Estimates from states, at `now`, against targets. */
export function estimatesFrom(
  states: ReadonlyMap<string, SkillState>,
  options: ProfileOptions,
): SkillEstimate[] {
  const config = options.config ?? SCORING_CONFIG;
  const now = options.now ?? Date.now();
  return options.skills.map((skill) =>
    estimateSkill(
      skill,
      totalsAt(states.get(skill) ?? emptyState(), now, config),
      options.targets?.[skill] ?? config.defaultTarget,
      config,
      options.dispersion,
    ),
  );
}

/** One learner's evidence, folded into per-skill states. */
export interface LearnerStatistics extends Extraction {
  states: Map<string, SkillState>;
}

/** Extracts a learner's evidence on the measured skills and folds it into states. */
export function learnerStatistics(
  records: readonly ActivityRecord[],
  content: ScoringContent,
  skills: readonly string[],
  config: ScoringConfig = SCORING_CONFIG,
): LearnerStatistics {
  const extraction = extractEvidence(records, content, config);
  const measured = new Set(skills);
  const evidence = extraction.evidence.filter((item) => measured.has(item.skill));
  return { ...extraction, evidence, states: accumulate(evidence, config) };
}

/**
 * φ per format from many learners' states (every learner × skill a cell), as of `now`:
 * what `npm run score` estimates from the file it scores, and an agency from its data.
 */
export function dispersionFromStates(
  learners: Iterable<ReadonlyMap<string, SkillState>>,
  now: number,
  config: ScoringConfig = SCORING_CONFIG,
): DispersionEstimate {
  const data = emptyDispersionData();
  for (const states of learners)
    for (const state of states.values()) addDispersionCell(data, totalsAt(state, now, config));
  return estimateDispersion(data, config);
}

/** Scores one learner's records: evidence extraction, accumulation, estimates. */
export function scoreLearner(
  records: readonly ActivityRecord[],
  content: ScoringContent,
  options: ProfileOptions,
): SkillProfile {
  const config = options.config ?? SCORING_CONFIG;
  const now = options.now ?? Date.now();
  const statistics = learnerStatistics(records, content, options.skills, config);
  return profileOf(statistics, { ...options, now, config });
}

/** A learner's profile from their statistics. */
export function profileOf(statistics: LearnerStatistics, options: ProfileOptions): SkillProfile {
  const now = options.now ?? Date.now();
  return {
    computedAt: new Date(now).toISOString(),
    skills: estimatesFrom(statistics.states, { ...options, now }),
    evidence: statistics.evidence,
    flags: statistics.flags,
    rejected: statistics.rejected,
  };
}
