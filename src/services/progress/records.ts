/**
 * What the browser records about a learner's practice: the activity record as the browser
 * keeps it, defined in src/domain/activity/browser-record.ts (re-exported for the services).
 */
export {
  decodeProgressRecord,
  isUuid,
  recordProblem,
  type CheckAnswerRecord,
  type NewProgressRecord,
  type ProgressRecord,
  type ProgressRecordKind,
  type ScenarioChoiceRecord,
  type ScenarioCompletionRecord,
  type SelfRatingRecord,
} from '../../domain/activity/browser-record';
export { MAX_SEQ } from '../../domain/activity/record';
