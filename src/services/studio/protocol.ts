/**
 * The messages between the studio page and its validation worker. The page configures the
 * worker once (what the library knows: skills, lessons, scenario ids, library gates' data),
 * then asks it to check drafts; every request carries a run id so a late answer to an old
 * text is recognised and dropped.
 */
import type { ScenarioMeasures } from '../../domain/scenario/analysis';
import type { ScenarioGraph } from '../../domain/scenario/graph';
import type { GateResult, LibraryEntry } from '../../domain/scenario/library-gates';
import type { PublishedScenario } from '../../domain/scenario/schema';

/** Drafts above this are neither checked nor autosaved (the largest library scenario is ~85 KB). */
export const MAX_DRAFT_BYTES = 512 * 1024;
/** A check that has not answered by then is stopped: the worker is terminated and restarted. */
export const CHECK_TIME_LIMIT_MS = 8_000;
/** A check starts after this pause in typing. */
export const CHECK_DEBOUNCE_MS = 400;

/** What the validator knows about the site's content, sent once to each new worker. */
export interface StudioContext {
  skillIds: string[];
  measuredSkillIds: string[];
  lessonIds: string[];
  /** Library scenario id → its file (`scenarios/<setting>/<id>.yaml`). */
  libraryFiles: Record<string, string>;
  /** What the library-wide gates need of each library scenario. */
  library: LibraryEntry[];
}

export type ToWorker =
  { type: 'configure'; context: StudioContext } | { type: 'check'; runId: number; text: string };

export type FromWorker =
  | { type: 'checked'; runId: number; result: DraftCheck; elapsedMs: number }
  /** The checker itself broke (a bug, not a problem in the draft). */
  | { type: 'failed'; runId: number; message: string };

/** One problem in the draft, as `npm run check:content` reports it. */
export interface DraftIssue {
  severity: 'error' | 'warning';
  field: string;
  message: string;
  line?: number;
  column?: number;
  /** The CLI's line: `file:line:column field: message`. */
  formatted: string;
}

export interface DraftGates {
  scenario: GateResult[];
  /** The library's own gates with this draft in the library. */
  library: GateResult[];
  /** This draft's options alone: length rank against code rank. */
  ownCorrelation: { correlation: number; options: number };
}

/** Everything the studio shows about one version of a draft. */
export interface DraftCheck {
  /** Where the file goes: `scenarios/<setting>/<id>.yaml` once its id and setting are valid. */
  file: string;
  issues: DraftIssue[];
  /** The scenario, when the draft passed the schema (it may still have errors). */
  scenario?: PublishedScenario;
  measures?: ScenarioMeasures;
  graph?: ScenarioGraph;
  /** Line (1-based) of each node's key, and of each choice (by map edge id). */
  lines?: Record<string, number>;
  /** Present only when there are no errors: the library's review bar. */
  gates?: DraftGates;
  /** The library file this draft would replace (same id and setting), if any. */
  replaces?: string;
}
