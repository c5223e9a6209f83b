import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAllContent } from './check-content';
import { formatIssue } from './yaml-source';

const root = fileURLToPath(new URL('../../tests/fixtures/broken-scenarios', import.meta.url));

describe('scenario validator on the broken-scenario corpus', () => {
  const report = checkAllContent(root);

  it('reports each broken file with its exact message, line and column', () => {
    expect(
      report.issues.map((issue) => `${issue.severity ?? 'error'} ${formatIssue(issue)}`),
    ).toEqual([
      'error scenarios/healthcare/alias-bomb.yaml:8:14 (yaml): alias *lol3 makes too many copies (aliases may expand to at most 100 copies in a file); write the values out instead',
      'error scenarios/healthcare/bad-code.yaml:33:34 nodes.a.choices[0].evidence.communication.code: Too big: expected number to be <=3',
      'error scenarios/healthcare/bad-code.yaml:50:26 nodes.b.choices[0].evidence.communication.why: a non-zero code needs a teaching rationale ("why", 15+ characters)',
      'error scenarios/healthcare/bad-condition.yaml:54:15 nodes.b.choices[1].when: use "==" to compare at position 7 in "trust => 1"',
      'error scenarios/healthcare/dead-end.yaml:45:5 nodes.b: node "b": no choice is available when trust=0 (a dead end)',
      'warning scenarios/healthcare/dead-end.yaml:46:9 nodes.b.choices[0]: node "b", choice "x" is never on offer',
      'error scenarios/healthcare/dead-end.yaml:69:5 nodes.end-good: node "end-good" (ending) is never reached',
      'error scenarios/healthcare/dead-end.yaml:73:5 nodes.end-poor: node "end-poor" (ending) is never reached',
      'error scenarios/healthcare/endless.yaml:45:5 nodes.b: endless path: b → a → b repeats with the same variable values',
      'error scenarios/healthcare/missing-next.yaml:30:15 nodes.a.choices[0].next: node "a", choice "good": next "bb" is not a node',
      'error scenarios/healthcare/no-route.yaml:61:5 nodes.r: node "r": no route matches when trust=0',
      'error scenarios/healthcare/no-route.yaml:73:5 nodes.end-poor: node "end-poor" (ending) is never reached',
      'error scenarios/healthcare/too-few-endings.yaml:24:9 nodes.a.lines[0]: node "a": unknown speaker "doctor" (use narration, client or a counterpart id)',
      'error scenarios/healthcare/too-few-endings.yaml:22:3 nodes: a scenario needs at least 3 endings (has 2)',
      'warning scenarios/healthcare/too-few-endings.yaml:22:3 nodes: no "mixed" ending',
      'error scenarios/healthcare/two-kinds.yaml:68:5 nodes.end-good: a node has exactly one of choices, routes or ending (found routes and ending)',
      'error scenarios/healthcare/uncoded-skill.yaml:33:11 nodes.a.choices[0].evidence: node "a", choice "good": not coded for "empathy", which is at stake at this decision point (code it, or mark it neutral with empathy: 0)',
      'error scenarios/healthcare/unknown-skill.yaml:34:21 nodes.a.choices[0].evidence.kindness: node "a", choice "good": unknown skill "kindness"',
      'error scenarios/healthcare/unknown-skill.yaml:33:11 nodes.a.choices[0].evidence: node "a", choice "good": not coded for "empathy", which is at stake at this decision point (code it, or mark it neutral with empathy: 0)',
      'error scenarios/healthcare/unknown-skill.yaml:41:11 nodes.a.choices[1].evidence: node "a", choice "bad": not coded for "kindness", which is at stake at this decision point (code it, or mark it neutral with kindness: 0)',
      'error scenarios/healthcare/unknown-variable.yaml:31:26 nodes.a.choices[0].effects.calm: node "a", choice "good": effect on unknown variable "calm"',
      'error scenarios/healthcare/unreachable.yaml:68:5 nodes.end-mixed: node "end-mixed" (ending) is never reached',
      'error scenarios/healthcare/unresolved-alias.yaml:3:8 (yaml): alias *title has no anchor &title before it',
      'error scenarios/insurance/folder-mismatch.yaml:1:5 id: id "wrong-name" must match the file name "folder-mismatch"',
      'error scenarios/insurance/folder-mismatch.yaml:3:10 setting: setting "healthcare" must match the folder "insurance"',
    ]);
  });

  it('measures the valid scenario: endings, paths, path lengths and evidence range', () => {
    const valid = report.scenarios.find((scenario) => scenario.id === 'valid');
    expect(valid).toMatchObject({
      nodes: 6,
      decisionPoints: 2,
      endings: { good: 1, mixed: 1, poor: 1 },
      states: 6,
      paths: { count: 3, capped: false },
      shortestPath: 2,
      longestPath: 2,
      evidence: { communication: { min: 0, max: 4 }, empathy: { min: -1, max: 0 } },
      errors: [],
      warnings: [],
    });
    expect(valid?.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives files that fail the schema a report entry too', () => {
    expect(report.scenarios.find((scenario) => scenario.id === 'bad-condition')?.errors).toEqual([
      'nodes.b.choices[1].when: use "==" to compare at position 7 in "trust => 1"',
    ]);
  });

  it('lists the scenario errors under each report entry', () => {
    expect(report.scenarios.find((scenario) => scenario.id === 'endless')?.errors).toEqual([
      'nodes.b: endless path: b → a → b repeats with the same variable values',
    ]);
  });
});
