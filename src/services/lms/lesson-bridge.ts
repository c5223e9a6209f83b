import {
  decodeLessonSuspendData,
  encodeLessonSuspendData,
  lessonStanding,
  type LessonAnswers,
  type PackagedLesson,
} from '../../domain/lms/lesson';
import { createProgressRecorder, type ProgressRecorder } from '../progress';
import { createMemoryStore } from '../progress/store';
import type { LmsAdapter } from './adapter';

/**
 * Joins a packaged lesson's knowledge check to an LMS, as bridge.ts does for a scenario:
 * every answer goes to a progress recorder (kept in memory) and the adapter maps it to an
 * interaction, the standing (score = share correct) and the suspend data. The lesson is
 * complete when every item is answered; its result is decided then, once per LMS session.
 */
export interface LessonLmsBridge {
  /** The check's recorder: records answers and lists them (resumed answers included). */
  readonly recorder: Pick<ProgressRecorder, 'record' | 'all'>;
  /** Connects; answers why saved answers could not be resumed, if they could not. */
  start(): Promise<{ resumeProblem?: string }>;
  finish(): void;
}

export function createLessonLmsBridge(
  lesson: PackagedLesson,
  adapter: LmsAdapter,
): LessonLmsBridge {
  const store = createProgressRecorder({ store: createMemoryStore() });
  let mastery = lesson.mastery;
  let answers: LessonAnswers = {};
  let interactionsWritten = 0;
  let decided = false;
  let lastAnswerAt = Date.now();
  let queue: Promise<unknown> = Promise.resolve();
  // Adapter calls run one at a time, in the order the learner answered.
  const then = (work: () => Promise<void>) => (queue = queue.then(work, work));
  const ended = () => lessonStanding(lesson, answers, mastery).ended;

  return {
    async start() {
      const kept = await adapter.start();
      if (kept.masteryScore !== undefined && kept.masteryScore >= 0 && kept.masteryScore <= 1) {
        mastery = kept.masteryScore;
      }
      if (!kept.suspendData) return {};
      const decoded = decodeLessonSuspendData(lesson, kept.suspendData);
      if (!decoded.ok) return { resumeProblem: decoded.problem };
      answers = decoded.state.answers;
      interactionsWritten = decoded.state.interactionsWritten;
      decided = ended();
      // The check shows resumed answers from its recorder, as it does on the site.
      for (const [itemId, optionId] of Object.entries(answers)) {
        await store.record({ kind: 'check', lessonId: lesson.lessonId, itemId, optionId });
      }
      return {};
    },
    finish: () => adapter.finish(ended()),
    recorder: {
      all: () => store.all(),
      async record(input) {
        const record = await store.record(input);
        if (input.kind !== 'check' || input.lessonId !== lesson.lessonId) return record;
        answers = { ...answers, [input.itemId]: input.optionId };
        const now = Date.now();
        const step = {
          node: input.itemId,
          choice: input.optionId,
          at: record.at,
          latencyMs: now - lastAnswerAt,
        };
        lastAnswerAt = now;
        const index = interactionsWritten++;
        const standing = lessonStanding(lesson, answers, mastery);
        const completesNow = standing.ended && !decided;
        if (completesNow) decided = true;
        const data = encodeLessonSuspendData(lesson, { interactionsWritten, answers });
        void then(async () => {
          await adapter.decision(index, step, record);
          await adapter.standing(standing);
          await adapter.suspend(data);
          if (completesNow) await adapter.completed(standing);
        });
        return record;
      },
    },
  };
}
