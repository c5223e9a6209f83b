/**
 * `npm run check:content [-- --json]`: validates the skills taxonomy, every lesson and every
 * scenario. Prints problems as `file:line:column field: message`; exits 1 on any error.
 */
import { checkAllContent } from '../src/library/check-content';
import { formatIssue } from '../src/library/yaml-source';

const json = process.argv.includes('--json');
const report = checkAllContent(process.cwd());
const errors = report.issues.filter((issue) => issue.severity !== 'warning');

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const issue of report.issues) {
    console.log(`${issue.severity === 'warning' ? 'warning' : 'error'} ${formatIssue(issue)}`);
  }
  console.log(
    errors.length === 0
      ? `Content OK: ${report.summary}.`
      : `${errors.length} error(s) in the content (${report.summary}).`,
  );
}
process.exitCode = errors.length === 0 ? 0 : 1;
