import { useEffect, useState } from 'react';
import type { ProgrammeProgressRow } from '../../../domain/team/programme-csv';

/**
 * Programme progress per learner and item (what the programme CSV holds): shown folded on
 * screen and in full in the print view, for a supervision meeting.
 */
export function ProgrammeItemsReport({ rows }: { rows: readonly ProgrammeProgressRow[] }) {
  const [open, setOpen] = useState(false);
  // A folded <details> prints folded: it opens for printing and folds back after.
  useEffect(() => {
    let wasOpen = false;
    const before = () =>
      setOpen((current) => {
        wasOpen = current;
        return true;
      });
    const after = () => setOpen(wasOpen);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  if (rows.length === 0) return null;
  return (
    <details
      className="programme-items-report"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Programme items per learner ({rows.length})</summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Programme items per learner</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Programme</th>
              <th scope="col">Item</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Completed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={row.status === 'overdue' ? 'overdue' : ''}>
                <th scope="row">{row.learner}</th>
                <td>{row.programme}</td>
                <td>
                  {row.itemTitle} <span className="muted">({row.itemKind})</span>
                </td>
                <td>{row.dueDate ?? '—'}</td>
                <td>{row.status}</td>
                <td>{row.completedAt?.slice(0, 10) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
