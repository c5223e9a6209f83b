import type { CompletedItems } from '../team/team';
import type { ActivityRecord } from './record';

/**
 * What a learner's own records say is done, by the rule the server applies to its records
 * (`learner_completions`): a lesson when every one of its check items is answered, a
 * scenario when an attempt reached an ending (a completion record is made only then), noted
 * apart when the attempt was assessed. Types only from the codecs, so a page's small island
 * can use this without loading them.
 */
export function completedInRecords(
  records: readonly Pick<ActivityRecord, 'kind'>[],
  /** Lesson id → the ids of its check items, as published. */
  lessonItems: Readonly<Record<string, readonly string[]>>,
): CompletedItems {
  const answered = new Map<string, Set<string>>();
  const scenarios = new Set<string>();
  const assessedScenarios = new Set<string>();
  for (const record of records as readonly ActivityRecord[]) {
    if (record.kind === 'check') {
      const items = answered.get(record.lessonId) ?? new Set<string>();
      items.add(record.itemId);
      answered.set(record.lessonId, items);
    } else if (record.kind === 'completion') {
      scenarios.add(record.scenarioId);
      if (record.mode === 'assessment') assessedScenarios.add(record.scenarioId);
    }
  }
  const lessons = new Set(
    [...answered].flatMap(([lesson, items]) => {
      const all = lessonItems[lesson];
      return all && all.length > 0 && all.every((item) => items.has(item)) ? [lesson] : [];
    }),
  );
  return { lessons, scenarios, assessedScenarios };
}

/** A lesson's latest answer per check item (records oldest first): what its quiz shows again. */
export function latestAnswers(
  records: readonly Pick<ActivityRecord, 'kind'>[],
  lessonId: string,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const record of records as readonly ActivityRecord[])
    if (record.kind === 'check' && record.lessonId === lessonId)
      answers[record.itemId] = record.optionId;
  return answers;
}
