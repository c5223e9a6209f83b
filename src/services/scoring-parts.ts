import type { ScoringCatalogue } from './scoring-catalogue';

type Scenario = ScoringCatalogue['scenarios'][number];
type Lesson = ScoringCatalogue['lessons'][number];

/** `/data/scoring/index.json`: every scenario and lesson without its scoring detail. */
export interface ScoringIndex {
  skills: ScoringCatalogue['skills'];
  scenarios: (Omit<Scenario, 'nodes'> & { file: string })[];
  lessons: (Omit<Lesson, 'check'> & { file: string })[];
}

/**
 * Skills and every scenario's and lesson's summary, without the scoring detail: what lists,
 * titles, programme reports and gap suggestions need (the team dashboard), from the small index.
 */
export interface CatalogueSummaries {
  skills: ScoringCatalogue['skills'];
  scenarios: Omit<Scenario, 'nodes'>[];
  lessons: Omit<Lesson, 'check'>[];
}

/** `/data/scoring/<file>.json`: one scenario's nodes or one lesson's check items. */
export type ScoringPart = { nodes: Scenario['nodes'] } | { check: Lesson['check'] };

/** What content a learner's records name: the scenarios and lessons to fetch. */
export function namedContent(
  records: readonly { kind: string; scenarioId?: string; lessonId?: string }[],
): { scenarios: Set<string>; lessons: Set<string> } {
  const scenarios = new Set<string>();
  const lessons = new Set<string>();
  for (const record of records) {
    if (record.scenarioId) scenarios.add(record.scenarioId);
    if (record.lessonId) lessons.add(record.lessonId);
  }
  return { scenarios, lessons };
}

/**
 * A ScoringCatalogue from the index and the parts fetched so far. Scenarios and lessons
 * without a part carry no nodes or check items: nothing the records name is missing, and
 * recommendations need only the summaries.
 */
export function catalogueFromParts(
  index: ScoringIndex,
  parts: ReadonlyMap<string, ScoringPart>,
): ScoringCatalogue {
  return {
    skills: index.skills,
    scenarios: index.scenarios.map(({ file, ...summary }) => {
      const part = parts.get(file);
      return { ...summary, nodes: part && 'nodes' in part ? part.nodes : {} };
    }),
    lessons: index.lessons.map(({ file, ...summary }) => {
      const part = parts.get(file);
      return { ...summary, check: part && 'check' in part ? part.check : [] };
    }),
  };
}

const json = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`could not load the content catalogue (HTTP ${response.status})`);
  return (await response.json()) as T;
};

let index: Promise<ScoringIndex> | undefined;
const parts = new Map<string, Promise<ScoringPart>>();

function loadIndex(base: string): Promise<ScoringIndex> {
  index ??= json<ScoringIndex>(`${base}/index.json`);
  index.catch(() => {
    index = undefined; // let a later attempt retry
  });
  return index;
}

/** The catalogue's summaries (the index alone, a few kilobytes), fetched once per page. */
export async function loadCatalogueSummaries(base = '/data/scoring'): Promise<CatalogueSummaries> {
  const loaded = await loadIndex(base);
  return {
    skills: loaded.skills,
    scenarios: loaded.scenarios.map(({ file: _file, ...summary }) => summary),
    lessons: loaded.lessons.map(({ file: _file, ...summary }) => summary),
  };
}

/**
 * The catalogue a learner's records need: the index and the parts of the scenarios and
 * lessons they name, each fetched once per page (and cached by the browser: hashed names).
 */
export async function loadScoringCatalogueFor(
  records: readonly { kind: string; scenarioId?: string; lessonId?: string }[],
  base = '/data/scoring',
): Promise<ScoringCatalogue> {
  const loadedIndex = await loadIndex(base);
  const named = namedContent(records);
  const files = [
    ...loadedIndex.scenarios.filter((scenario) => named.scenarios.has(scenario.id)),
    ...loadedIndex.lessons.filter((lesson) => named.lessons.has(lesson.id)),
  ].map((entry) => entry.file);
  const loaded = await Promise.all(
    files.map(async (file) => {
      let part = parts.get(file);
      if (!part) {
        part = json<ScoringPart>(`${base}/${file}.json`);
        parts.set(file, part);
        part.catch(() => parts.delete(file));
      }
      return [file, await part] as const;
    }),
  );
  return catalogueFromParts(loadedIndex, new Map(loaded));
}
