import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { auditItems } from './audit';
import { ITEM_AUDIT_GATES } from './gates';
import { checkItems, decisionItems } from './items';
import { formatReport, formatWorklist } from './report';

const scenario = loadFixtureScenario('mini');
/** Eight lessons whose key is always the only option with a question: a library that leaks. */
const lessons = Array.from({ length: 8 }, (_, lesson) => ({
  id: `communication/lesson-${lesson}`,
  file: `content/lessons/communication/lesson-${lesson}.mdx`,
  check: Array.from({ length: 4 }, (__, index) => ({
    id: `q${index}`,
    skill: 'communication',
    options: [
      'Tell them the plan and book the next visit for Friday.',
      'What would make this week easier for you?',
      'Explain the rules again, slowly and clearly.',
      'Write it up for the team and move on.',
    ].map((text, option) => ({
      id: String.fromCharCode(97 + option),
      text: option === 0 ? text : `${text}${' '.repeat((lesson + index) % 3)}`,
      correct: option === 1,
      feedback: 'Feedback for this option.',
    })),
  })),
}));
const input = {
  items: [...decisionItems(scenario, 'scenarios/mini.yaml'), ...lessons.flatMap(checkItems)],
  scenarios: [scenario],
  lessons,
  skills: ['communication', 'empathy'],
  lineOf: () => 7,
};
const gates = { ...ITEM_AUDIT_GATES, randomLearners: 4, ENFORCED: new Set(['dilemmas'] as const) };
const report = auditItems(input, gates);
const gate = (id: string) => report.gates.find((entry) => entry.id === id)!;

describe('the item audit', () => {
  it('counts what it audits', () => {
    expect(report.counts).toEqual({
      lessons: 8,
      checks: 32,
      scenarios: 1,
      decisions: 3,
      decisionPoints: 2,
    });
  });

  it('fails the baseline and cue gates on a library whose keys have a look', () => {
    expect(report.baseline.check.accuracy).toBeGreaterThan(0.9);
    expect(gate('baseline-checks')).toMatchObject({ pass: false, enforced: false });
    expect(gate('cues-checks').pass).toBe(false);
    expect(gate('cues-checks').failures.join('\n')).toMatch(/has a '\?'/);
    expect(gate('length-rank-checks').pass).toBe(false);
  });

  it('judges decisions on their codes', () => {
    // The fixture codes empathy only against the closed question: avoiding it earns full credit.
    expect(gate('positive-option')).toMatchObject({
      pass: false,
      failures: ['mini/a empathy [0, -1]'],
    });
    expect(gate('dilemmas')).toMatchObject({ pass: false, enforced: true });
    expect(report.structure.dilemmaShare).toBe(0);
  });

  it('tells a writer what trips in each item, with its line', () => {
    const item = report.items.find((entry) => entry.label === 'communication/lesson-0#q0')!;
    expect(item.line).toBe(7);
    expect(item.baselineCorrect).toBe(true);
    const trips = item.findings.filter((finding) => finding.severity === 'trip');
    expect(trips.map((trip) => trip.gate)).toEqual(
      expect.arrayContaining(['baseline-checks', 'cues-checks', 'length-rank-checks']),
    );
    expect(trips.map((trip) => trip.message).join('\n')).toMatch(/only option that has a '\?'/);
    const decision = report.items.find((entry) => entry.label === 'mini/a')!;
    expect(decision.findings.some((finding) => /1 defensible option/.test(finding.message))).toBe(
      true,
    );
  });

  it('prints gates, tables and items for people, and a worklist per file', () => {
    const text = formatReport(report, gates);
    expect(text).toMatch(/FAIL {2}baseline-checks/);
    expect(text).toMatch(/\[enforced in npm test\]/);
    expect(text).toMatch(/ANSWER-ONLY BASELINE/);
    expect(text).toMatch(/ITEMS THAT TRIP A GATE/);
    const focused = formatReport(report, gates, { focus: (item) => item.group === 'mini' });
    expect(focused).toMatch(/scenarios\/mini\.yaml: 3 decisions/);
    expect(focused).not.toMatch(/lesson-0#q0/);
    const worklist = formatWorklist(report);
    expect(worklist).toMatch(/### content\/lessons\/communication\/lesson-0\.mdx/);
    expect(worklist).toMatch(/- `q0` \(line 7\): model finds the key/);
    expect(worklist).toMatch(/Decisions with two or more defensible options: 0 of 3/);
  });
});
