/**
 * `npm run audit:items [-- --json] [--file PATH | --lesson ID | --scenario ID] [--worklist]`
 *
 * Audits every knowledge-check item and every reachable scenario decision for answers that
 * can be found without reading: surface cues and their lift, an answer-only baseline
 * (cross-validated by lesson and scenario), a learner who follows it scored by the real
 * engine, and the shape of scenario decisions. Prints the gates with PASS/FAIL and the
 * figures behind them, then the items that trip a gate. `--file`/`--lesson`/`--scenario`
 * show one file's items with everything a writer needs; `--json` prints the whole report;
 * `--worklist` prints a markdown worklist per file. Exits 1 when any gate fails.
 */
import { relative, resolve } from 'node:path';
import { loadAuditInput } from '../src/library/item-audit';
import { auditItems, type ItemReport } from '../src/domain/item-audit/audit';
import { ITEM_AUDIT_GATES } from '../src/domain/item-audit/gates';
import { formatReport, formatWorklist } from '../src/domain/item-audit/report';

const USAGE =
  'usage: npm run audit:items [-- --json] [--file PATH | --lesson ID | --scenario ID] [--worklist]';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) {
    console.error(`--${name} needs a value\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

const known = new Set(['--json', '--worklist', '--file', '--lesson', '--scenario']);
const unknown = process.argv
  .slice(2)
  .filter((arg, index, all) =>
    arg.startsWith('--') ? !known.has(arg) : !known.has(all[index - 1] ?? ''),
  );
if (unknown.length) {
  console.error(`unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}

const root = process.cwd();
const started = performance.now();
const input = loadAuditInput(root);
const report = auditItems(input, ITEM_AUDIT_GATES);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const file = option('file');
const lesson = option('lesson');
const scenario = option('scenario');
let focus: ((item: ItemReport) => boolean) | undefined;
if (file) {
  const wanted = relative(root, resolve(root, file)).split('\\').join('/');
  focus = (item) => item.file === wanted;
} else if (lesson) focus = (item) => item.kind === 'check' && item.group === lesson;
else if (scenario) focus = (item) => item.kind === 'decision' && item.group === scenario;
if (focus && !report.items.some(focus)) {
  console.error(
    `no items match ${file ? `--file ${file}` : lesson ? `--lesson ${lesson}` : `--scenario ${scenario ?? ''}`} (lessons are <skill>/<slug>, files are content/lessons/… or scenarios/…)`,
  );
  process.exit(2);
}

if (process.argv.includes('--json')) {
  const items = focus ? report.items.filter(focus) : report.items;
  console.log(JSON.stringify({ ...report, items, seconds: Number(seconds) }, null, 2));
} else if (process.argv.includes('--worklist')) {
  console.log(formatWorklist(focus ? { ...report, items: report.items.filter(focus) } : report));
} else {
  console.log(formatReport(report, ITEM_AUDIT_GATES, { focus }));
  console.log(`\nAudit took ${seconds} s.`);
}
process.exitCode = report.gates.every((gate) => gate.pass) ? 0 : 1;
