/**
 * Checks one scenario file's text: YAML syntax, the schema (with line and column), the
 * file's place in `scenarios/<setting>/<id>.yaml`, and the state-space analysis. The one
 * scenario validator: `npm run check:content` and the build call it for every file, the
 * studio's worker for the draft being written. No Node APIs here, so it runs in a browser.
 */
import type { ContentIssue } from '../domain/content-issue';
import {
  analyseScenario,
  type AnalysisContext,
  type IssuePath,
  type ScenarioAnalysis,
} from '../domain/scenario/analysis';
import { scenarioSchema, SETTINGS, type Scenario } from '../domain/scenario/schema';
import { fieldName, locate, parseYamlSource, validateYaml, type YamlSource } from './yaml-source';

export interface ScenarioFileCheck {
  file: string;
  source: YamlSource;
  /** The validated scenario, when the file passed the schema (it may still have errors). */
  scenario?: Scenario;
  analysis?: ScenarioAnalysis;
  issues: ContentIssue[];
}

/** How a file not yet in a folder (the studio's draft) is named until its id and setting are read. */
export const UNPLACED_FILE = 'scenarios/draft.yaml';

/** Where a draft goes, from its own `setting` and `id` when both read as valid values. */
function placeByContent(source: YamlSource): string {
  const id: unknown = source.document.get('id');
  const setting: unknown = source.document.get('setting');
  return typeof id === 'string' &&
    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) &&
    (SETTINGS as readonly unknown[]).includes(setting)
    ? `scenarios/${String(setting)}/${id}.yaml`
    : UNPLACED_FILE;
}

/**
 * @param placed path from the repository root, `scenarios/<setting>/<id>.yaml`; omitted for
 *   a draft, which is named after its own setting and id (where it would go)
 * @param idsInUse scenario ids already taken, with the file that took each
 */
export function checkScenarioFile(
  placed: string | undefined,
  text: string,
  context: AnalysisContext,
  idsInUse: ReadonlyMap<string, string> = new Map(),
): ScenarioFileCheck {
  const source = parseYamlSource(placed ?? UNPLACED_FILE, text);
  const file = placed ?? placeByContent(source);
  source.file = file;
  const result = validateYaml(source, scenarioSchema());
  if (!result.data) return { file, source, issues: result.issues };
  const scenario = result.data;
  const issues: ContentIssue[] = [];
  const at = (path: IssuePath) => locate(source, path);
  const [folder, name] = file
    .replace(/^scenarios\//, '')
    .replace(/\.ya?ml$/, '')
    .split('/');
  if (name !== scenario.id) {
    issues.push({
      file,
      field: 'id',
      message: `id "${scenario.id}" must match the file name "${name ?? ''}"`,
      ...at(['id']),
    });
  }
  if (folder !== scenario.setting) {
    issues.push({
      file,
      field: 'setting',
      message: `setting "${scenario.setting}" must match the folder "${folder ?? ''}"`,
      ...at(['setting']),
    });
  }
  const other = idsInUse.get(scenario.id);
  if (other && other !== file) {
    issues.push({
      file,
      field: 'id',
      message: `id "${scenario.id}" is also used by ${other}`,
      ...at(['id']),
    });
  }
  const analysis = analyseScenario(scenario, context);
  for (const issue of analysis.issues) {
    issues.push({
      file,
      field: fieldName(issue.path),
      message: issue.message,
      severity: issue.severity,
      ...at(issue.path),
    });
  }
  return { file, source, scenario, analysis, issues };
}
