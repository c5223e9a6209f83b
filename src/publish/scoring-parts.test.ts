import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  catalogueFromParts,
  loadCatalogueSummaries,
  loadScoringCatalogueFor,
  namedContent,
  type ScoringPart,
} from '../services/scoring-parts';
import { loadAllContent } from '../library/check-content';
import { loadSkills } from '../library/content';
import { buildScoringCatalogue } from './scoring-catalogue';
import { splitScoringCatalogue } from './scoring-parts';

const root = process.cwd();
const content = loadAllContent(root);
const catalogue = buildScoringCatalogue({
  skills: loadSkills(root).skills,
  scenarios: content.scenarios.map((entry) => ({ ...entry.scenario, analysis: entry.analysis })),
  lessons: content.lessons.map((lesson) => ({ id: lesson.id, data: lesson.frontmatter })),
});
const split = splitScoringCatalogue(catalogue);
const allParts = new Map(split.parts.map((part) => [part.file, part.body]));

describe('the scoring catalogue split for the profile', () => {
  it('puts back together exactly: index plus every part is the whole catalogue', () => {
    expect(catalogueFromParts(split.index, allParts)).toEqual(catalogue);
  });

  it('has one file per scenario and lesson, named by a hash of its content', () => {
    expect(split.parts).toHaveLength(catalogue.scenarios.length + catalogue.lessons.length);
    const files = split.parts.map((part) => part.file);
    expect(new Set(files).size).toBe(files.length);
    for (const file of files) expect(file).toMatch(/^(scenario|lesson)-[a-z0-9-]+\.[0-9a-f]{12}$/);
    // Same content, same name; changed content, new name (so hosts may cache for ever).
    expect(splitScoringCatalogue(catalogue).parts.map((part) => part.file)).toEqual(files);
    const [first, ...rest] = catalogue.scenarios;
    const changed = splitScoringCatalogue({
      ...catalogue,
      scenarios: [{ ...first!, nodes: { ...first!.nodes, extra: { lines: [] } } }, ...rest],
    });
    expect(changed.index.scenarios[0]!.file).not.toBe(split.index.scenarios[0]!.file);
    expect(changed.index.scenarios[1]!.file).toBe(split.index.scenarios[1]!.file);
  });

  it('keeps the index small: no scenario nodes or check items in it', () => {
    const index = JSON.stringify(split.index);
    expect(index).not.toContain('"nodes"');
    expect(index).not.toContain('"check"');
    expect(index.length).toBeLessThan(JSON.stringify(catalogue).length / 10);
  });

  it('names the content a learner’s records refer to', () => {
    const named = namedContent([
      { kind: 'choice', scenarioId: 'williams-eviction' },
      { kind: 'completion', scenarioId: 'williams-eviction' },
      { kind: 'check', lessonId: 'communication/active-listening-oars' },
      { kind: 'observation' },
      { kind: 'self-rating' },
    ]);
    expect([...named.scenarios]).toEqual(['williams-eviction']);
    expect([...named.lessons]).toEqual(['communication/active-listening-oars']);
  });
});

describe('loading only what the records name', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the index and the named parts once, and leaves the rest empty', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      const file = url.replace(/^\/test-data\//, '').replace(/\.json$/, '');
      const body: unknown = file === 'index' ? split.index : allParts.get(file);
      return Promise.resolve(
        body === undefined
          ? new Response('not found', { status: 404 })
          : new Response(JSON.stringify(body as ScoringPart)),
      );
    });
    const scenario = catalogue.scenarios[0]!;
    const lesson = catalogue.lessons[0]!;
    const records = [
      { kind: 'choice', scenarioId: scenario.id },
      { kind: 'check', lessonId: lesson.id },
    ];
    const loaded = await loadScoringCatalogueFor(records, '/test-data');
    expect(fetched).toHaveLength(3);
    expect(loaded.scenarios.find((entry) => entry.id === scenario.id)).toEqual(scenario);
    expect(loaded.lessons.find((entry) => entry.id === lesson.id)).toEqual(lesson);
    expect(loaded.scenarios[1]!.nodes).toEqual({});
    expect(loaded.lessons[1]!.check).toEqual([]);
    expect(loaded.skills).toEqual(catalogue.skills);

    await loadScoringCatalogueFor(records, '/test-data');
    expect(fetched).toHaveLength(3); // cached for the page
  });

  it('gives the summaries from the index alone: every skill, scenario and lesson, no detail', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return Promise.resolve(
        url === '/summaries/index.json'
          ? new Response(JSON.stringify(split.index))
          : new Response('not found', { status: 404 }),
      );
    });
    const summaries = await loadCatalogueSummaries('/summaries');
    expect(fetched.every((url) => url.endsWith('/index.json'))).toBe(true);
    expect(summaries).toEqual({
      skills: catalogue.skills,
      scenarios: catalogue.scenarios.map(({ nodes: _nodes, ...summary }) => summary),
      lessons: catalogue.lessons.map(({ check: _check, ...summary }) => summary),
    });
  });
});
