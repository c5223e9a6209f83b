/**
 * The studio's check of a draft: the validator `npm run check:content` runs
 * (src/library/scenario-source.ts), then the map and the library's review bar. Runs in the
 * validation worker; pure apart from the clock, so tests call it directly.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { checkScenarioFile, UNPLACED_FILE } from '../../library/scenario-source';
import { formatIssue } from '../../library/yaml-source';
import type { ContentIssue } from '../../domain/content-issue';
import { buildScenarioGraph, choiceEdgeId } from '../../domain/scenario/graph';
import {
  libraryEntry,
  libraryGateResults,
  scenarioGateResults,
  withDraft,
} from '../../domain/scenario/library-gates';
import { lengthCodeCorrelation } from '../../domain/scenario/library-metrics';
import { MAX_DRAFT_BYTES, type DraftCheck, type DraftIssue, type StudioContext } from './protocol';

/** The draft's version while it is being written (the library's are content hashes). */
export const DRAFT_VERSION = 'draft';

const toDraftIssue = (issue: ContentIssue): DraftIssue => ({
  severity: issue.severity === 'warning' ? 'warning' : 'error',
  field: issue.field,
  message: issue.message,
  ...(issue.line ? { line: issue.line, column: issue.column ?? 1 } : {}),
  formatted: formatIssue(issue),
});

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Why a YAML text could not be read at all, in words an author can act on. */
function unreadable(error: unknown): ContentIssue {
  const message = error instanceof Error ? error.message : String(error);
  const field = '(yaml)';
  if (error instanceof RangeError) {
    return { file: UNPLACED_FILE, field, message: 'the file is nested too deeply to read' };
  }
  return { file: UNPLACED_FILE, field, message: `the file could not be read: ${message}` };
}

/** Lines of each node key and each choice, for jumping from the map to the YAML. */
function sourceLines(check: ReturnType<typeof checkScenarioFile>): Record<string, number> {
  const lines: Record<string, number> = {};
  const lineOf = (offset: number) => check.source.lineCounter.linePos(offset).line;
  const nodes = check.source.document.get('nodes', true);
  if (!isMap(nodes)) return lines;
  for (const pair of nodes.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) continue;
    const id = pair.key.value;
    lines[id] = lineOf(pair.key.range[0]);
    const choices = isMap(pair.value) ? pair.value.get('choices', true) : undefined;
    if (!isSeq(choices)) continue;
    for (const item of choices.items) {
      const choiceId = isMap(item) ? item.get('id') : undefined;
      if (typeof choiceId === 'string' && isMap(item) && item.range) {
        lines[choiceEdgeId(id, choiceId)] = lineOf(item.range[0]);
      }
    }
  }
  return lines;
}

export function checkDraft(text: string, context: StudioContext): DraftCheck {
  const bytes = byteLength(text);
  if (bytes > MAX_DRAFT_BYTES) {
    return {
      file: UNPLACED_FILE,
      issues: [
        toDraftIssue({
          file: UNPLACED_FILE,
          field: '(file)',
          message: `the draft is ${formatBytes(bytes)}; the studio checks drafts up to ${formatBytes(MAX_DRAFT_BYTES)}`,
        }),
      ],
    };
  }
  const idsInUse = new Map(Object.entries(context.libraryFiles));
  let check: ReturnType<typeof checkScenarioFile>;
  try {
    check = checkScenarioFile(
      undefined,
      text,
      {
        skillIds: context.skillIds,
        measuredSkillIds: context.measuredSkillIds,
        lessonIds: context.lessonIds,
      },
      idsInUse,
    );
  } catch (error) {
    return { file: UNPLACED_FILE, issues: [toDraftIssue(unreadable(error))] };
  }
  const issues = check.issues.map(toDraftIssue);
  const result: DraftCheck = { file: check.file, issues };
  if (!check.scenario || !check.analysis) return result;
  const scenario = check.scenario;
  const { issues: _analysisIssues, ...measures } = check.analysis;
  result.scenario = { ...scenario, version: DRAFT_VERSION };
  result.measures = measures;
  result.graph = buildScenarioGraph(scenario);
  result.lines = sourceLines(check);
  if (idsInUse.get(scenario.id) === check.file) result.replaces = check.file;
  if (issues.every((issue) => issue.severity !== 'error')) {
    result.gates = {
      scenario: scenarioGateResults({ scenario, measures }),
      library: libraryGateResults(
        withDraft(context.library, libraryEntry(scenario)),
        context.measuredSkillIds,
      ),
      ownCorrelation: lengthCodeCorrelation([scenario]),
    };
  }
  return result;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
