/** A problem found in one content file (a lesson, a scenario, the skills taxonomy). */
export interface ContentIssue {
  file: string;
  /** The field or node the problem is in, e.g. `check[2].options` or `nodes.welcome.choices[1]`. */
  field: string;
  message: string;
  line?: number;
  column?: number;
  /** Warnings are reported but do not fail the build. */
  severity?: 'error' | 'warning';
}
