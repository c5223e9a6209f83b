function download(csv: string, name: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = `casecraft-${name.replace(/\W+/g, '-').toLowerCase()}-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/**
 * The dashboard's CSV downloads (skills; programme progress per learner and item) and print
 * view (a supervision meeting's handout).
 */
export function ExportControls({
  csv,
  programmeCsv,
  cohortName,
}: {
  csv?: string;
  programmeCsv?: string;
  cohortName: string;
}) {
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={csv === undefined}
        onClick={() => csv !== undefined && download(csv, cohortName)}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="secondary"
        disabled={programmeCsv === undefined}
        onClick={() =>
          programmeCsv !== undefined && download(programmeCsv, `${cohortName} programme progress`)
        }
      >
        Export programme progress CSV
      </button>
      <button type="button" className="secondary" onClick={() => window.print()}>
        Print for supervision
      </button>
    </>
  );
}
