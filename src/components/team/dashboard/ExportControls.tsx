/** The dashboard's CSV download and print view (a supervision meeting's handout). */
export function ExportControls({ csv, cohortName }: { csv?: string; cohortName: string }) {
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={csv === undefined}
        onClick={() => {
          if (csv === undefined) return;
          const link = document.createElement('a');
          link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
          link.download = `casecraft-${cohortName.replace(/\W+/g, '-').toLowerCase()}-${new Date().toISOString().slice(0, 10)}.csv`;
          link.click();
          URL.revokeObjectURL(link.href);
        }}
      >
        Export CSV
      </button>
      <button type="button" className="secondary" onClick={() => window.print()}>
        Print for supervision
      </button>
    </>
  );
}
