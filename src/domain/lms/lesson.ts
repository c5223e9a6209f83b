import type { LmsFormat } from './package';
import type { AttemptStanding, CmiValues, DecisionStep } from './cmi';
import { isoDuration, scorm12Timespan } from './cmi';
import { fnv1a } from './suspend-data';

/**
 * A packaged lesson: its text and knowledge check. It completes when every check item is
 * answered; its score is the share answered correctly (the latest answer per item), passed
 * at the package's mastery score. Each answer is one `choice` interaction
 * `<lessonId>.<itemId>`; the answers so far are its suspend data.
 */

export interface PackagedCheckOption {
  id: string;
  text: string;
  correct: boolean;
  feedback: string;
}

export interface PackagedCheckItem {
  id: string;
  skill: string;
  skillName: string;
  prompt: string;
  options: PackagedCheckOption[];
}

/** Everything a packaged lesson page needs, inlined in its HTML. */
export interface PackagedLesson {
  kind: 'lesson';
  format: LmsFormat;
  /** `<skill>/<slug>`. */
  lessonId: string;
  title: string;
  summary: string;
  /** The lesson's text as HTML (no links out; the check mounts at LESSON_CHECK_ELEMENT). */
  html: string;
  items: PackagedCheckItem[];
  mastery: number;
  /** A hash of the check, so suspend data from another version of it is not replayed. */
  version: string;
  /** The AU's IRI in cmi5.xml (cmi5 only). */
  auIri?: string;
}

/** The id of the element the lesson's text leaves for its knowledge check. */
export const LESSON_CHECK_ELEMENT = 'casecraft-check';

/** The check's version: changes whenever an item, option or right answer changes. */
export const checkVersion = (items: readonly PackagedCheckItem[]) =>
  fnv1a(
    JSON.stringify(
      items.map((item) => [item.id, item.options.map((o) => [o.id, o.correct])] as const),
    ),
  );

/** Item id → chosen option id: the latest answer to each item. */
export type LessonAnswers = Record<string, string>;

export function lessonStanding(
  lesson: PackagedLesson,
  answers: LessonAnswers,
  mastery: number,
): AttemptStanding {
  const answered = lesson.items.filter((item) => answers[item.id] !== undefined).length;
  const correct = lesson.items.filter(
    (item) => item.options.find((option) => option.id === answers[item.id])?.correct,
  ).length;
  const scaled = lesson.items.length ? correct / lesson.items.length : 1;
  return {
    decisions: answered,
    ended: answered === lesson.items.length,
    longestPath: lesson.items.length,
    score: { total: correct, scaled, passed: scaled >= mastery, skills: [] },
  };
}

/** The interaction id of one check item. */
export const checkInteractionId = (lessonId: string, itemId: string) => `${lessonId}.${itemId}`;

/** A check answer as the adapters see a decision: the item as the node, the option as the choice. */
function answerOf(lesson: PackagedLesson, step: DecisionStep) {
  const item = lesson.items.find((candidate) => candidate.id === step.node);
  const index = item?.options.findIndex((option) => option.id === step.choice) ?? -1;
  const option = item?.options[index];
  return { item, index, option, result: option?.correct ? 'correct' : 'wrong' } as const;
}

/** `cmi.interactions.n.*` for one answer (SCORM 1.2: the option's letter). */
export function scorm12CheckInteraction(
  lesson: PackagedLesson,
  index: number,
  step: DecisionStep,
): CmiValues {
  const prefix = `cmi.interactions.${index}`;
  const answer = answerOf(lesson, step);
  return [
    [`${prefix}.id`, checkInteractionId(lesson.lessonId, step.node)],
    ...(answer.item ? [[`${prefix}.objectives.0.id`, answer.item.skill] as [string, string]] : []),
    [`${prefix}.time`, step.at.slice(11, 19)],
    [`${prefix}.type`, 'choice'],
    [
      `${prefix}.student_response`,
      answer.index >= 0 && answer.index < 26 ? String.fromCharCode(97 + answer.index) : step.choice,
    ],
    [`${prefix}.result`, answer.result],
    [`${prefix}.latency`, scorm12Timespan(step.latencyMs)],
  ];
}

/** `cmi.interactions.n.*` for one answer (SCORM 2004 4th edition). */
export function scorm2004CheckInteraction(
  lesson: PackagedLesson,
  index: number,
  step: DecisionStep,
): CmiValues {
  const prefix = `cmi.interactions.${index}`;
  const answer = answerOf(lesson, step);
  return [
    [`${prefix}.id`, checkInteractionId(lesson.lessonId, step.node)],
    [`${prefix}.type`, 'choice'],
    ...(answer.item ? [[`${prefix}.objectives.0.id`, answer.item.skill] as [string, string]] : []),
    [`${prefix}.timestamp`, step.at.slice(0, 19)],
    [`${prefix}.learner_response`, step.choice],
    [`${prefix}.result`, answer.result === 'wrong' ? 'incorrect' : 'correct'],
    [`${prefix}.latency`, isoDuration(step.latencyMs)],
    [`${prefix}.description`, (answer.item?.prompt ?? step.node).slice(0, 250)],
  ];
}

/**
 * Suspend data of a lesson: `l1|<interactions written, base 36>|<one character per item: its
 * chosen option's place, base 36, or "-" unanswered>|<fnv1a over version and body>`.
 */
const TAG = 'l1';
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface SuspendedLesson {
  interactionsWritten: number;
  answers: LessonAnswers;
}

export function encodeLessonSuspendData(lesson: PackagedLesson, state: SuspendedLesson): string {
  const answers = lesson.items
    .map((item) => {
      const chosen = state.answers[item.id];
      if (chosen === undefined) return '-';
      const index = item.options.findIndex((option) => option.id === chosen);
      if (index < 0 || index >= DIGITS.length)
        throw new Error(`${chosen} is not an option of ${item.id}`);
      return DIGITS[index];
    })
    .join('');
  const body = [TAG, state.interactionsWritten.toString(36), answers].join('|');
  return `${body}|${fnv1a(`${lesson.version}|${body}`)}`;
}

export type DecodedLessonSuspendData =
  { ok: true; state: SuspendedLesson } | { ok: false; problem: string };

/** Reads suspend data back; anything damaged or from another version is a problem, never a throw. */
export function decodeLessonSuspendData(
  lesson: PackagedLesson,
  text: string,
): DecodedLessonSuspendData {
  const cut = text.lastIndexOf('|');
  if (!text.startsWith(`${TAG}|`) || cut < 0)
    return { ok: false, problem: 'it is not Casecraft suspend data' };
  const body = text.slice(0, cut);
  if (text.slice(cut + 1) !== fnv1a(`${lesson.version}|${body}`)) {
    return {
      ok: false,
      problem: 'its checksum does not match (cut short, altered, or from another version)',
    };
  }
  const [, writtenText = '', chosen = ''] = body.split('|');
  if (!/^[0-9a-z]{1,6}$/.test(writtenText) || chosen.length !== lesson.items.length) {
    return { ok: false, problem: 'its fields are not readable' };
  }
  const answers: LessonAnswers = {};
  for (const [index, item] of lesson.items.entries()) {
    const digit = chosen[index]!;
    if (digit === '-') continue;
    const option = item.options[DIGITS.indexOf(digit)];
    if (!option)
      return { ok: false, problem: `answer ${index + 1} is not an option of ${item.id}` };
    answers[item.id] = option.id;
  }
  return { ok: true, state: { interactionsWritten: parseInt(writtenText, 36), answers } };
}
