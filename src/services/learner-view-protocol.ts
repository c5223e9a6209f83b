/**
 * The messages between a page and the learner-view worker, which scores a learner's records
 * off the page's main thread (500 records and their charts' history take a phone several
 * hundred milliseconds). Every request carries an id, so an answer to an older request (the
 * records changed meanwhile) is recognised and dropped.
 */
import type { ActivityRecord } from '../domain/activity/record';
import type { LearnerView } from './learner-view';
import type { ScoringCatalogue } from './scoring-catalogue';

/** buildLearnerView's options, as sent: `now` is fixed by the page, so both sides agree. */
export interface LearnerViewOptions {
  now: number;
  targets?: Record<string, number>;
  extra?: readonly ActivityRecord[];
}

export interface LearnerViewRequest {
  type: 'build';
  requestId: number;
  records: readonly ActivityRecord[];
  catalogue: ScoringCatalogue;
  options: LearnerViewOptions;
}

export type LearnerViewAnswer =
  | { type: 'built'; requestId: number; view: LearnerView }
  /** Scoring itself threw (a bug or a broken catalogue, not something the learner did). */
  | { type: 'failed'; requestId: number; message: string };
