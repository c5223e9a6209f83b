import type { DraftIssue } from '../../services/studio/protocol';

/** The checker's problems as a list: each one goes to its line in the editor. */
export function ProblemsPanel({
  issues,
  file,
  onGoTo,
}: {
  issues: readonly DraftIssue[];
  file: string;
  onGoTo: (line: number, column: number) => void;
}) {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  if (issues.length === 0) {
    return (
      <p className="studio-ok">
        No problems: <code>npm run check:content</code> would accept this file as{' '}
        <code>{file}</code>.
      </p>
    );
  }
  return (
    <div className="problems">
      <p>
        {errors.length} {errors.length === 1 ? 'error' : 'errors'} (the library would refuse the
        file), {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'}. The same lines{' '}
        <code>npm run check:content</code> prints for <code>{file}</code>:
      </p>
      <ol className="problem-list">
        {issues.map((issue, index) => {
          const where = issue.line ? `Line ${issue.line}, column ${issue.column ?? 1}` : 'File';
          const text = (
            <>
              <span className={`severity severity-${issue.severity}`}>
                {issue.severity === 'error' ? 'Error' : 'Warning'}
              </span>{' '}
              <span className="problem-where">{where}</span>{' '}
              <code className="problem-field">{issue.field}</code>: {issue.message}
            </>
          );
          return (
            <li key={`${index}-${issue.formatted}`}>
              {issue.line ? (
                <button
                  type="button"
                  className="problem"
                  onClick={() => onGoTo(issue.line!, issue.column ?? 1)}
                >
                  {text}
                </button>
              ) : (
                <p className="problem">{text}</p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
