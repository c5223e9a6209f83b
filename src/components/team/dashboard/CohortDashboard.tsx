import { useId, useMemo, useState } from 'react';
import { cohortCsv } from '../../../domain/team/cohort-csv';
import { programmeProgressCsv } from '../../../domain/team/programme-csv';
import { cohortStatements } from '../../../services/lms/xapi-export';
import { loadScoringCatalogue } from '../../../services/scoring-catalogue';
import { loadCohortOverview } from '../../../services/team/overview';
import { loadProgrammeReport } from '../../../services/team/programme-report';
import { useLoad, type TeamBase } from '../useTeam';
import { AssignFromGaps, type GapRequest } from './AssignFromGaps';
import { DetailTable } from './DetailTable';
import { ErrorBox } from './ErrorBox';
import { ExportControls } from './ExportControls';
import { GapRanking } from './GapRanking';
import { Heatmap } from './Heatmap';
import { ProgrammeItemsReport } from './ProgrammeItemsReport';
import { ProgrammeProgressTable } from './ProgrammeProgressTable';
import { StatusLegend } from './StatusLegend';
import { dashboardHref } from '../links';

/** One cohort: the picker, the heatmap (or table), gaps and programme progress. */
export function CohortDashboard({
  context,
  organisationId,
  organisationName,
  cohorts,
  initial,
}: {
  context: TeamBase;
  organisationId: string;
  organisationName: string;
  cohorts: { id: string; name: string }[];
  initial: string;
}) {
  const id = useId();
  const [cohortId, setCohortId] = useState(initial);
  const [tableMode, setTableMode] = useState(false);
  const [gapRequest, setGapRequest] = useState<GapRequest>();
  const overview = useLoad(
    () =>
      loadCohortOverview(
        context.queries,
        context.summaries,
        organisationId,
        cohortId,
        context.supabase,
      ),
    [cohortId],
  );
  const skills = context.summaries.skills;
  const cohortName = cohorts.find((cohort) => cohort.id === cohortId)?.name ?? '';

  const csv = useMemo(
    () => (overview.data ? cohortCsv(overview.data.learners, skills) : undefined),
    [overview.data, skills],
  );
  // Programme progress per learner and item; reloaded when work is assigned from a gap.
  const [assignedAt, setAssignedAt] = useState(0);
  const report = useLoad(
    async () =>
      overview.data
        ? {
            rows: await loadProgrammeReport(
              context.queries,
              context.summaries,
              organisationId,
              cohortId,
              overview.data.learners,
            ),
            assignedAt,
            cohortId,
          }
        : undefined,
    [overview.data, assignedAt],
  );
  // The CSV is offered only for the cohort on screen with its latest assignment: right after
  // one (or a change of cohort) the loaded report is the one from before until the reload lands.
  const programmeCsv = useMemo(
    () =>
      report.data && report.data.assignedAt === assignedAt && report.data.cohortId === cohortId
        ? programmeProgressCsv(report.data.rows)
        : undefined,
    [report.data, assignedAt, cohortId],
  );

  return (
    <div className="dashboard">
      <div className="toolbar no-print">
        <label htmlFor={`${id}-cohort`}>Cohort</label>
        <select
          id={`${id}-cohort`}
          value={cohortId}
          onChange={(event) => {
            setCohortId(event.target.value);
            window.history.replaceState(
              null,
              '',
              dashboardHref(organisationId, event.target.value),
            );
          }}
        >
          {cohorts.map((cohort) => (
            <option key={cohort.id} value={cohort.id}>
              {cohort.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          aria-pressed={tableMode}
          onClick={() => setTableMode(!tableMode)}
        >
          {tableMode ? 'Show heatmap' : 'Show as table'}
        </button>
        <ExportControls
          csv={csv}
          programmeCsv={programmeCsv}
          cohortName={cohortName}
          statements={async () =>
            // The statements name and score every record: the whole catalogue, fetched on demand.
            cohortStatements(
              context.queries,
              await loadScoringCatalogue(),
              organisationId,
              cohortId,
            )
          }
        />
      </div>
      <h2>
        {cohortName} <span className="muted">— {organisationName}</span>
      </h2>
      {overview.loading && !overview.data && <p role="status">Loading the cohort…</p>}
      {overview.error && <ErrorBox message={overview.error} retry={overview.reload} />}
      {overview.data && overview.data.learners.length === 0 && (
        <p className="card">
          No learners in this cohort yet. Invite them with a cohort invitation.
        </p>
      )}
      {overview.data && overview.data.learners.length > 0 && (
        <>
          <StatusLegend />
          {tableMode ? (
            <DetailTable overview={overview.data} skills={skills} />
          ) : (
            <>
              <Heatmap
                overview={overview.data}
                skills={skills}
                organisationId={organisationId}
                cohortId={cohortId}
              />
              {/* Paper gets the table (estimates and intervals), not colour words and hover hints. */}
              <div className="print-only">
                <DetailTable overview={overview.data} skills={skills} />
              </div>
            </>
          )}
          <AssignFromGaps
            key={cohortId}
            context={context}
            organisationId={organisationId}
            overview={overview.data}
            {...(gapRequest ? { request: gapRequest } : {})}
            onAssigned={() => setAssignedAt(Date.now())}
          />
          <GapRanking
            overview={overview.data}
            skills={skills}
            organisationId={organisationId}
            onAssign={(request) => setGapRequest({ ...request, at: Date.now() })}
            cohortId={cohortId}
          />
          <ProgrammeProgressTable overview={overview.data} />
          {report.error && <ErrorBox message={report.error} retry={report.reload} />}
          {report.data && <ProgrammeItemsReport rows={report.data.rows} />}
        </>
      )}
    </div>
  );
}
