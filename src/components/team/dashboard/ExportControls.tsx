import { useState } from 'react';
import { downloadFile } from '../../site/download';

/**
 * The dashboard's CSV downloads (skills; programme progress per learner and item), the
 * cohort's xAPI statements (for the agency's learning record store) and the print view (a
 * supervision meeting's handout).
 */
export function ExportControls({
  csv,
  programmeCsv,
  cohortName,
  statements,
}: {
  csv?: string;
  programmeCsv?: string;
  cohortName: string;
  /** Loads the cohort's statements (every learner's records); omitted: no xAPI export. */
  statements?: () => Promise<unknown[]>;
}) {
  const [xapiState, setXapiState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const slug = cohortName.replace(/\W+/g, '-').toLowerCase();
  const today = () => new Date().toISOString().slice(0, 10);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={csv === undefined}
        onClick={() => {
          if (csv === undefined) return;
          downloadFile(
            csv,
            `casecraft-${slug}-${new Date().toISOString().slice(0, 10)}.csv`,
            'text/csv',
          );
        }}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="secondary"
        disabled={programmeCsv === undefined}
        onClick={() => {
          if (programmeCsv === undefined) return;
          downloadFile(
            programmeCsv,
            `casecraft-${slug}-programme-progress-${today()}.csv`,
            'text/csv',
          );
        }}
      >
        Export programme progress CSV
      </button>
      {statements && (
        <button
          type="button"
          className="secondary"
          disabled={xapiState.busy}
          onClick={() => {
            setXapiState({ busy: true });
            statements()
              .then((list) => {
                downloadFile(
                  JSON.stringify(list, null, 2),
                  `casecraft-${slug}-xapi-${new Date().toISOString().slice(0, 10)}.json`,
                  'application/json',
                );
                setXapiState({ busy: false });
              })
              .catch((error: unknown) =>
                setXapiState({
                  busy: false,
                  error: `The statements could not be loaded (${error instanceof Error ? error.message : String(error)}).`,
                }),
              );
          }}
        >
          {xapiState.busy ? 'Preparing xAPI…' : 'Export xAPI statements'}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => window.print()}>
        Print for supervision
      </button>
      {xapiState.error && <p role="alert">{xapiState.error}</p>}
    </>
  );
}
