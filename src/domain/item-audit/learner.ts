import { playThrough, type Position } from '../scenario/runtime';
import { hashString, seededRandom } from '../scenario/shuffle';
import type { Choice, ScenarioCore } from '../scenario/schema';
import { scoringContentFrom } from '../scoring/content';
import type { ActivityRecord } from '../activity/record';
import type { SkillStatus } from '../scoring/estimate';
import { scoreLearner } from '../scoring/profile';
import type { AuditItem } from './items';

/**
 * Learners who never read: they play every scenario once in assessment mode and answer every
 * knowledge check, choosing by a rule, and the real scoring engine turns that into a skill
 * profile. "Follows the baseline" picks what the answer-only model picks; "random" and
 * "perfect" learners give the scale its two ends.
 */

export interface LearnerLibrary {
  scenarios: readonly ScenarioCore[];
  lessons: readonly {
    id: string;
    check: readonly {
      id: string;
      skill: string;
      options: readonly { id: string; correct: boolean }[];
    }[];
  }[];
  /** Measured skills, in display order. */
  skills: readonly string[];
}

/** Picks one option id for an item, given the options on offer. */
export type Picker = (item: AuditItem) => string;

export interface SkillOutcome {
  skill: string;
  status: SkillStatus;
  mean: number;
  probabilityMeetsTarget: number;
  evidence: number;
}

export interface LearnerRun {
  skills: SkillOutcome[];
}

const AT = Date.UTC(2026, 0, 5, 9);

const itemKey = (group: string, id: string, optionIds: readonly string[]) =>
  `${group}|${id}|${optionIds.join(',')}`;

/** Plays the whole library with one picker and scores the result. */
export function playLibrary(
  library: LearnerLibrary,
  items: readonly AuditItem[],
  pick: Picker,
): LearnerRun {
  const byKey = new Map(
    items.map((item) => [
      itemKey(
        item.group,
        item.id,
        item.options.map((option) => option.id),
      ),
      item,
    ]),
  );
  const records: ActivityRecord[] = [];
  let clock = AT;
  const next = () => new Date((clock += 1000)).toISOString();
  for (const scenario of library.scenarios) {
    const pickItem = (offered: readonly Choice[], position: Position) => {
      const item = byKey.get(
        itemKey(
          scenario.id,
          position.node,
          offered.map((choice) => choice.id),
        ),
      );
      if (!item) throw new Error(`no audit item for ${scenario.id}/${position.node}`);
      const choiceId = pick(item);
      const choice = offered.find((candidate) => candidate.id === choiceId);
      if (!choice)
        throw new Error(`${choiceId} is not on offer at ${scenario.id}/${position.node}`);
      return choice;
    };
    for (const { position, choice } of playThrough(scenario, pickItem)) {
      records.push({
        kind: 'choice',
        id: `${scenario.id}/${records.length}`,
        at: next(),
        attemptId: `attempt:${scenario.id}`,
        scenarioId: scenario.id,
        nodeId: position.node,
        choiceId: choice.id,
        mode: 'assessment',
      });
    }
  }
  for (const lesson of library.lessons) {
    for (const check of lesson.check) {
      const item = byKey.get(
        itemKey(
          lesson.id,
          check.id,
          check.options.map((option) => option.id),
        ),
      );
      if (!item) throw new Error(`no audit item for ${lesson.id}#${check.id}`);
      records.push({
        kind: 'check',
        id: `${lesson.id}#${check.id}`,
        at: next(),
        lessonId: lesson.id,
        itemId: check.id,
        optionId: pick(item),
      });
    }
  }
  const profile = scoreLearner(
    records,
    scoringContentFrom({ scenarios: library.scenarios, lessons: library.lessons }),
    { skills: library.skills, now: clock },
  );
  return {
    skills: profile.skills.map((estimate) => ({
      skill: estimate.skill,
      status: estimate.status,
      mean: estimate.mean,
      probabilityMeetsTarget: estimate.probabilityMeetsTarget,
      evidence: estimate.evidence,
    })),
  };
}

export interface LearnerComparison {
  skill: string;
  baseline: SkillOutcome;
  /** Mean proficiency of a learner who always picks a key. */
  perfect: number;
  /** Mean proficiency of learners who pick uniformly at random (averaged over seeded runs). */
  random: number;
  /** How far the baseline gets from random (0) towards perfect (1). */
  progress: number;
}

export function compareLearners(
  library: LearnerLibrary,
  items: readonly AuditItem[],
  baselinePick: Picker,
  options: { seed: number; randomRuns: number },
): LearnerComparison[] {
  const baseline = playLibrary(library, items, baselinePick);
  const perfect = playLibrary(library, items, (item) => item.options.find((o) => o.key)!.id);
  const randomMeans = new Map<string, number>();
  for (let run = 0; run < options.randomRuns; run++) {
    const random = seededRandom(options.seed * 7919 + run);
    const played = playLibrary(library, items, (item) => {
      const index = Math.floor(random() * item.options.length);
      return item.options[index]!.id;
    });
    for (const outcome of played.skills)
      randomMeans.set(
        outcome.skill,
        (randomMeans.get(outcome.skill) ?? 0) + outcome.mean / options.randomRuns,
      );
  }
  return baseline.skills.map((outcome) => {
    const top = perfect.skills.find((entry) => entry.skill === outcome.skill)!.mean;
    const floor = randomMeans.get(outcome.skill) ?? 0.5;
    return {
      skill: outcome.skill,
      baseline: outcome,
      perfect: top,
      random: floor,
      progress: top - floor > 1e-9 ? (outcome.mean - floor) / (top - floor) : 0,
    };
  });
}

/** A picker from the baseline's predictions; items it has none for get a seeded pick. */
export function pickerFrom(predictions: ReadonlyMap<string, string>, seed: number): Picker {
  return (item) =>
    predictions.get(item.label) ??
    item.options[hashString(`${seed}:${item.label}`) % item.options.length]!.id;
}
