import type { AttemptStanding, DecisionStep } from '../../domain/lms/cmi';
import type { ProgressRecord } from '../progress';

/**
 * A connection to the LMS that launched the package, in its standard's terms. The bridge
 * (bridge.ts) calls it as the learner plays; the adapters map to SCORM 1.2, SCORM 2004,
 * cmi5, or to nothing when the page was opened without an LMS.
 */
export interface LmsAdapter {
  readonly kind: 'scorm12' | 'scorm2004' | 'cmi5' | 'none';
  /** Connects; answers what the LMS kept of an unfinished attempt ('' for none). */
  start(): Promise<{ suspendData: string; masteryScore?: number }>;
  /** One recorded decision: its interaction (`index` counts the LMS attempt's interactions). */
  decision(index: number, step: DecisionStep, record: ProgressRecord): Promise<void>;
  /** Status, score and objectives after each decision. */
  standing(standing: AttemptStanding): Promise<void>;
  /** The attempt in progress, for resume. */
  suspend(data: string): Promise<void>;
  /** The learner reached an ending (cmi5 sends completed and passed/failed here). */
  completed(standing: AttemptStanding): Promise<void>;
  /** The page is going away: close the session (LMSFinish, Terminate, terminated). */
  finish(ended: boolean): void;
}

/** Raised by an adapter when the LMS refuses something; shown to the learner, never thrown at them. */
export type LmsProblemListener = (problem: string) => void;
