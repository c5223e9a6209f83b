/**
 * What the browser records about a learner's practice: the activity record as the browser
 * keeps it, defined in src/domain/activity/browser-record.ts (its types re-exported for the
 * services; the codec itself is loaded by the recorder, apart from the page's first script).
 */
export type {
  CheckAnswerRecord,
  NewProgressRecord,
  ProgressRecord,
  ProgressRecordKind,
  ScenarioChoiceRecord,
  ScenarioCompletionRecord,
  SelfRatingRecord,
} from '../../domain/activity/browser-record';
export { MAX_SEQ } from '../../domain/activity/kinds';
