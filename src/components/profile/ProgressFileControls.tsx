import { useId, useRef, useState, type ChangeEvent } from 'react';
import { learnerStatements, xapiFileName } from '../../services/lms/xapi-export';
import type { ProgressRecorder } from '../../services/progress';
import type { ScoringCatalogue } from '../../services/scoring-catalogue';
import { downloadFile } from '../site/download';
import { FormMessage, type FormOutcome } from '../site/FormMessage';

/** Export and import one's own progress as a JSON file; reset with confirmation. */
export function ProgressFileControls({
  recorder,
  recordCount,
  catalogue,
}: {
  recorder: ProgressRecorder;
  recordCount: number;
  /** The published content: with it, progress can also be exported as xAPI statements. */
  catalogue?: ScoringCatalogue;
}) {
  const id = useId();
  const [message, setMessage] = useState<FormOutcome>();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);

  const exportFile = async () => {
    const data = await recorder.exportProgress();
    downloadFile(
      JSON.stringify(data, null, 2),
      `casecraft-progress-${data.exportedAt.slice(0, 10)}.json`,
      'application/json',
    );
    setMessage({ kind: 'ok', text: `Exported ${data.records.length} records.` });
  };

  const exportXapi = async () => {
    if (!catalogue) return;
    const statements = learnerStatements(await recorder.all(), catalogue);
    downloadFile(JSON.stringify(statements, null, 2), xapiFileName('progress'), 'application/json');
    setMessage({
      kind: 'ok',
      text: `Exported ${statements.length} xAPI statements (for a learning record store).`,
    });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const result = await recorder.importProgress(await file.text());
      const parts = [`Imported ${result.added} new records`];
      if (result.duplicates) parts.push(`${result.duplicates} were already here`);
      if (result.rejected.length)
        parts.push(
          `${result.rejected.length} could not be read (first: record ${result.rejected[0]!.index + 1}, ${result.rejected[0]!.problem})`,
        );
      setMessage({ kind: result.rejected.length ? 'error' : 'ok', text: `${parts.join('; ')}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="progress-file">
      <h2 id={`${id}-heading`}>Your progress data</h2>
      <p>
        {recordCount} records are stored in this browser. Export them to keep a copy or move to
        another browser; importing never duplicates what is already here.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportFile()} disabled={recordCount === 0}>
          Export progress
        </button>
        {catalogue && (
          <button
            type="button"
            className="secondary"
            onClick={() => void exportXapi()}
            disabled={recordCount === 0}
          >
            Export as xAPI statements
          </button>
        )}
        <input
          id={`${id}-import`}
          className="visually-hidden"
          type="file"
          accept="application/json,.json"
          onChange={(event) => void importFile(event)}
        />
        <label className="button secondary file-label" htmlFor={`${id}-import`}>
          Import progress…
        </label>
        <button
          ref={resetRef}
          type="button"
          className="secondary"
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
          disabled={recordCount === 0}
        >
          Reset…
        </button>
      </div>
      {confirming && (
        <div className="confirm card" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            Delete all {recordCount} records from this browser? This cannot be undone. Export first
            if you may want them back.
          </p>
          <button
            ref={confirmRef}
            type="button"
            className="danger"
            onClick={() => {
              void recorder.reset().then(() => {
                setConfirming(false);
                setMessage({ kind: 'ok', text: 'Your progress in this browser was deleted.' });
              });
            }}
          >
            Yes, delete my progress
          </button>{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setConfirming(false);
              resetRef.current?.focus();
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <FormMessage message={message} />
    </section>
  );
}
