import type { PlayMode } from '../activity/kinds';
import type { EvidenceRange } from '../scenario/analysis';
import type { PublishedScenario } from '../scenario/schema';

/** The standards a package can speak. */
export const LMS_FORMATS = ['scorm12', 'scorm2004', 'cmi5'] as const;
export type LmsFormat = (typeof LMS_FORMATS)[number];

/** Everything a packaged scenario page needs, inlined in its HTML (no fetch, works from file://). */
export interface PackagedScenario {
  format: LmsFormat;
  mode: PlayMode;
  scenario: PublishedScenario;
  skillNames: Record<string, string>;
  lessonTitles: Record<string, string>;
  /** Per skill, the lowest and highest code sum any play-through earns (analysis.evidence). */
  evidenceRange: Record<string, EvidenceRange>;
  /** The lowest and highest total any complete play-through earns. */
  scoreRange: EvidenceRange;
  /** The most decisions any play-through takes. */
  longestPath: number;
  mastery: number;
  /** The AU's IRI in cmi5.xml (cmi5 only: the activity its statements are about). */
  auIri?: string;
}

/** The id of the inlined JSON script element on a packaged page. */
export const PACKAGE_DATA_ELEMENT = 'casecraft-package';
