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
import { scenarioSchema, type Scenario } from '../domain/scenario/schema';
import { fieldName, locate, parseYamlSource, validateYaml, type YamlSource } from './yaml-source';

export interface ScenarioFileCheck {
  file: string;
  source: YamlSource;
  /** The validated scenario, when the file passed the schema (it may still have errors). */
  scenario?: Scenario;
  analysis?: ScenarioAnalysis;
  issues: ContentIssue[];
}

/**
 * @param file path from the repository root, `scenarios/<setting>/<id>.yaml`
 * @param idsInUse scenario ids already taken, with the file that took each
 */
export function checkScenarioFile(
  file: string,
  text: string,
  context: AnalysisContext,
  idsInUse: ReadonlyMap<string, string> = new Map(),
): ScenarioFileCheck {
  const source = parseYamlSource(file, text);
  const result = validateYaml(source, scenarioSchema());
  const issues = [...result.issues];
  if (!result.data) return { file, source, issues };
  const scenario = result.data;
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
