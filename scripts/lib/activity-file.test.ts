import { describe, expect, it } from 'vitest';
import { formatActivityLine, parseActivityLine } from '../../src/domain/activity/json-lines';
import type { ActivityRecord } from '../../src/domain/activity/record';
import { readActivityLines } from './activity-file';

const skills = ['empathy'];
const records: ActivityRecord[] = [
  {
    kind: 'choice',
    id: 'r1',
    at: '2026-05-01T10:00:00.000Z',
    attemptId: 'attempt-1',
    scenarioId: 'williams-eviction',
    nodeId: 'doorstep',
    choiceId: 'ask-first',
    mode: 'practice',
  },
  {
    kind: 'check',
    id: 'r2',
    at: '2026-05-01T11:00:00.000Z',
    lessonId: 'communication/active-listening-oars',
    itemId: 'open-question',
    optionId: 'b',
  },
  { kind: 'observation', id: 'r3', at: '2026-05-02T09:00:00.000Z', skill: 'empathy', y: 0.8, w: 1 },
];

describe('activity JSON lines', () => {
  it('writes lines that read back as the same records', () => {
    for (const record of records) {
      expect(parseActivityLine(formatActivityLine('l1', record)!, 1, skills)).toEqual({
        learner: 'l1',
        record,
      });
    }
  });

  it('reads a file by learner, reporting bad lines by number and keeping the rest', () => {
    const text = [
      formatActivityLine('l1', records[0]!),
      '',
      'not json',
      formatActivityLine('l2', records[1]!),
      '{"kind":"observation","learner":"l2","time":"2026-05-02T09:00:00Z","skill":"empathy","y":2,"w":1}',
      formatActivityLine('l1', records[2]!),
    ].join('\n');
    const file = readActivityLines(text, skills);
    expect(file.errors).toEqual([
      { line: 3, error: 'not valid JSON' },
      { line: 5, error: 'observation: "y" must be a number in [0, 1]' },
    ]);
    expect([...file.byLearner.keys()]).toEqual(['l1', 'l2']);
    expect(file.byLearner.get('l1')).toEqual([records[0], records[2]]);
    expect(file.lineOf.get('r3')).toBe(6);
  });
});
