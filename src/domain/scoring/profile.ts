import { SCORING_CONFIG, type ScoringConfig } from './config';
import { estimateSkill, type SkillEstimate } from './estimate';
import {
  extractEvidence,
  type ActivityRecord,
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
    ),
  );
}

/** Scores one learner's records: evidence extraction, accumulation, estimates. */
export function scoreLearner(
  records: readonly ActivityRecord[],
  content: ScoringContent,
  options: ProfileOptions,
): SkillProfile {
  const config = options.config ?? SCORING_CONFIG;
  const now = options.now ?? Date.now();
  const extraction = extractEvidence(records, content, config);
  const measured = new Set(options.skills);
  const evidence = extraction.evidence.filter((item) => measured.has(item.skill));
  return {
    computedAt: new Date(now).toISOString(),
    skills: estimatesFrom(accumulate(evidence, config), { ...options, now, config }),
    evidence,
    flags: extraction.flags,
    rejected: extraction.rejected,
  };
}
