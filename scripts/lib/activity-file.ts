import type { ActivityRecord } from '../../src/domain/activity/record';
import { parseActivityLine } from '../../src/domain/activity/json-lines';

/** A JSON-lines activity file as the scoring and item-analysis commands read it. */
export interface ActivityFile {
  /** Each learner's records, in file order. */
  byLearner: Map<string, ActivityRecord[]>;
  /** The line each record came from. */
  lineOf: Map<string, number>;
  /** Lines that could not be read, by number. */
  errors: { line: number; error: string }[];
}

/** Reads a whole JSON-lines activity file; bad lines are reported by number and skipped. */
export function readActivityLines(text: string, skills: readonly string[]): ActivityFile {
  const file: ActivityFile = { byLearner: new Map(), lineOf: new Map(), errors: [] };
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseActivityLine(line, index + 1, skills);
    if ('error' in parsed) {
      file.errors.push({ line: index + 1, error: parsed.error });
      return;
    }
    file.lineOf.set(parsed.record.id, index + 1);
    const records = file.byLearner.get(parsed.learner);
    if (records) records.push(parsed.record);
    else file.byLearner.set(parsed.learner, [parsed.record]);
  });
  return file;
}
