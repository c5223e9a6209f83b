import { betaCdf } from '../scoring/beta';
import type { ScoringConfig } from '../scoring/config';
import type { SkillEstimate } from '../scoring/estimate';
import { PROFICIENCY_LEVELS, type ProficiencyLevel } from '../skills/skill';

/** A cohort's target for a skill overrides the organisation's, which overrides the default. */
export function targetFor(
  skill: string,
  cohortId: string | null,
  targets: readonly { cohort_id: string | null; skill_id: string; target: number }[],
  fallback: number,
): number {
  const cohort = cohortId
    ? targets.find((row) => row.cohort_id === cohortId && row.skill_id === skill)
    : undefined;
  const organisation = targets.find((row) => row.cohort_id === null && row.skill_id === skill);
  return Number(cohort?.target ?? organisation?.target ?? fallback);
}

/**
 * Expected shortfall below target, E[(τ − p)⁺] for p ~ Beta(α, β):
 * τ·I_τ(α, β) − μ·I_τ(α + 1, β). Ranks gaps by how far below and how likely.
 */
export function expectedShortfall(
  estimate: Pick<SkillEstimate, 'alpha' | 'beta' | 'target'>,
): number {
  const { alpha, beta, target } = estimate;
  const mean = alpha / (alpha + beta);
  return Math.max(
    0,
    target * betaCdf(target, alpha, beta) - mean * betaCdf(target, alpha + 1, beta),
  );
}

export interface ProgrammeItemRef {
  position: number;
  item_kind: 'lesson' | 'scenario';
  item_id: string;
}

export interface ProgrammeProgress {
  done: number;
  total: number;
  /** Items left when the due date has passed. */
  overdue: boolean;
  /** The first item in order not yet done. */
  next?: ProgrammeItemRef;
  itemsDone: boolean[];
}

/** A lesson counts as done once any of its check items is answered; a scenario once completed. */
export function programmeProgress(
  items: readonly ProgrammeItemRef[],
  done: { lessons: ReadonlySet<string>; scenarios: ReadonlySet<string> },
  dueDate: string | null,
  today: string,
): ProgrammeProgress {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const itemsDone = ordered.map((item) =>
    item.item_kind === 'lesson' ? done.lessons.has(item.item_id) : done.scenarios.has(item.item_id),
  );
  const doneCount = itemsDone.filter(Boolean).length;
  const next = ordered[itemsDone.indexOf(false)];
  return {
    done: doneCount,
    total: ordered.length,
    overdue: Boolean(dueDate && dueDate < today && doneCount < ordered.length),
    ...(next ? { next } : {}),
    itemsDone,
  };
}

/** One observation of real work weighs as much as one fully assessed decision. */
export const OBSERVATION_WEIGHT = 1;

/** Observed practice is recorded against a level; its score is the middle of that level's band. */
export function observationScore(
  level: ProficiencyLevel,
  config: Pick<ScoringConfig, 'levelCuts'>,
): number {
  const cuts = [0.35, ...config.levelCuts, 1];
  const index = PROFICIENCY_LEVELS.indexOf(level);
  return Math.round(((cuts[index]! + cuts[index + 1]!) / 2) * 1000) / 1000;
}

/** RFC 4180 CSV: fields quoted when they hold a comma, quote or line break. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const field = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
