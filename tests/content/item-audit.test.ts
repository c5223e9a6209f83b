import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllContent } from '../../src/library/check-content';
import { loadAuditInput } from '../../src/library/item-audit';
import { auditItems } from '../../src/domain/item-audit/audit';
import { GATE_IDS, ITEM_AUDIT_GATES } from '../../src/domain/item-audit/gates';

/**
 * The item audit's gates on the real library (issue 13; `npm run audit:items` prints the
 * whole report). Only the gates in ITEM_AUDIT_GATES.ENFORCED are asserted: a gate joins that
 * set when the library first passes it, and never leaves it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const input = loadAuditInput(root);
const report = auditItems(input, ITEM_AUDIT_GATES);

describe('the item audit of the library', () => {
  it('audits every knowledge-check item and every decision point play can reach', () => {
    const content = loadAllContent(root);
    expect(report.counts.checks).toBe(
      content.lessons.reduce((sum, lesson) => sum + lesson.frontmatter.check.length, 0),
    );
    expect(report.counts.lessons).toBe(content.lessons.length);
    expect(report.counts.scenarios).toBe(content.scenarios.length);
    // Every decision point is reachable (the content check refuses unreachable nodes).
    expect(report.counts.decisionPoints).toBe(
      content.scenarios.reduce(
        (sum, entry) =>
          sum + Object.values(entry.scenario.nodes).filter((node) => node.choices).length,
        0,
      ),
    );
    expect(report.items.every((item) => item.line !== undefined)).toBe(true);
  });

  it('passes every enforced gate', () => {
    const summary = report.gates.map(
      (gate) =>
        `${gate.pass ? 'PASS' : 'FAIL'} ${gate.id}${gate.enforced ? ' (enforced)' : ''}: ${gate.figure}`,
    );
    console.log(`item audit gates:\n  ${summary.join('\n  ')}`);
    expect(GATE_IDS).toEqual(expect.arrayContaining([...ITEM_AUDIT_GATES.ENFORCED]));
    const failing = report.gates
      .filter((gate) => ITEM_AUDIT_GATES.ENFORCED.has(gate.id) && !gate.pass)
      .map((gate) => `${gate.id}: ${gate.failures.join('; ')}`);
    expect(failing).toEqual([]);
  });
});
