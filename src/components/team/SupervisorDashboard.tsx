import { useId, useMemo, useState } from 'react';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import { toCsv } from '../../domain/team/team';
import { PROFICIENCY_LEVEL_NAMES } from '../../domain/skills/skill';
import { loadCohortOverview, type CohortOverview } from '../../services/team/overview';
import { percent, STATUS_LABELS } from '../profile/format';
import { Forbidden } from './Forbidden';
import { queryParam as param, useLoad, type TeamContext } from './useTeam';

const STATUS_SHORT = {
  meets: 'Meets',
  developing: 'Developing',
  gap: 'Gap',
  insufficient: 'Not enough evidence',
} as const;

/** Cohort heatmap, gap ranking, programme progress, CSV export and a print view. */
export function SupervisorDashboard({ context }: { context: TeamContext }) {
  const managing = context.memberships.filter(
    (membership) => membership.role === 'supervisor' || membership.role === 'admin',
  );
  const organisationId = param('org') ?? managing[0]?.organisation_id;
  const membership = managing.find((candidate) => candidate.organisation_id === organisationId);
  const cohorts = useLoad(async () => {
    if (!membership) return [];
    const all = await context.queries.cohorts(membership.organisation_id);
    if (membership.role === 'admin') return all;
    const mine = await context.queries.cohortMembers(all.map((cohort) => cohort.id));
    return all.filter((cohort) =>
      mine.some(
        (member) =>
          member.cohort_id === cohort.id &&
          member.user_id === context.user.id &&
          member.role === 'supervisor',
      ),
    );
  }, [membership?.organisation_id]);

  if (!membership)
    return <Forbidden>The team dashboard is for supervisors and agency admins.</Forbidden>;
  if (cohorts.loading && !cohorts.data) return <p role="status">Loading your cohorts…</p>;
  if (cohorts.error) return <ErrorBox message={cohorts.error} retry={cohorts.reload} />;
  const list = cohorts.data ?? [];
  if (list.length === 0) {
    return (
      <div className="card">
        <p>
          You do not supervise any cohort yet.{' '}
          {membership.role === 'admin' ? (
            <a href={`/team/admin/?org=${membership.organisation_id}`}>
              Create one and assign supervisors
            </a>
          ) : (
            'Ask your agency admin to assign you to one.'
          )}
        </p>
      </div>
    );
  }
  const requested = param('cohort');
  if (requested && !list.some((cohort) => cohort.id === requested)) {
    return <Forbidden>You can only open the cohorts you supervise.</Forbidden>;
  }
  return (
    <CohortDashboard
      context={context}
      organisationId={membership.organisation_id}
      organisationName={membership.organisations?.name ?? ''}
      cohorts={list}
      initial={requested ?? list[0]!.id}
    />
  );
}

function ErrorBox({ message, retry }: { message: string; retry: () => void }) {
  return (
    <div className="card" role="alert">
      <p>{message}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

function CohortDashboard({
  context,
  organisationId,
  organisationName,
  cohorts,
  initial,
}: {
  context: TeamContext;
  organisationId: string;
  organisationName: string;
  cohorts: { id: string; name: string }[];
  initial: string;
}) {
  const id = useId();
  const [cohortId, setCohortId] = useState(initial);
  const [tableMode, setTableMode] = useState(false);
  const overview = useLoad(
    () =>
      loadCohortOverview(
        context.queries,
        context.catalogue,
        organisationId,
        cohortId,
        context.supabase,
      ),
    [cohortId],
  );
  const skills = context.catalogue.skills;
  const cohortName = cohorts.find((cohort) => cohort.id === cohortId)?.name ?? '';

  const csv = useMemo(
    () => (overview.data ? cohortCsv(overview.data, skills) : ''),
    [overview.data, skills],
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
              `?org=${organisationId}&cohort=${event.target.value}`,
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
        <button
          type="button"
          className="secondary"
          disabled={!overview.data}
          onClick={() => {
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
          {tableMode ? (
            <DetailTable overview={overview.data} skills={skills} />
          ) : (
            <Heatmap overview={overview.data} skills={skills} organisationId={organisationId} />
          )}
          <GapRanking overview={overview.data} skills={skills} organisationId={organisationId} />
          <ProgrammeProgressTable overview={overview.data} />
        </>
      )}
    </div>
  );
}

function cellText(estimate: SkillEstimate): string {
  return estimate.status === 'insufficient'
    ? `Not enough evidence yet (${estimate.evidence.toFixed(1)} of 6); target ${percent(estimate.target)}`
    : `Estimate ${percent(estimate.mean)}, 80% interval ${percent(estimate.interval[0])}–${percent(estimate.interval[1])}, target ${percent(estimate.target)}, ${PROFICIENCY_LEVEL_NAMES[estimate.level]}`;
}

function Heatmap({
  overview,
  skills,
  organisationId,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
  organisationId: string;
}) {
  return (
    <section aria-labelledby="heatmap-heading">
      <h3 id="heatmap-heading">Skills against target</h3>
      <p className="legend muted">
        <span className="cell meets">Meets</span>{' '}
        <span className="cell developing">Developing</span> <span className="cell gap">Gap</span>{' '}
        <span className="cell insufficient">Not enough evidence</span> — hover over or focus a cell
        for the estimate and its interval.
      </p>
      <div className="table-scroll">
        <table className="heatmap">
          <caption className="visually-hidden">Status against target per learner and skill</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              {skills.map((skill) => (
                <th scope="col" key={skill.id}>
                  {skill.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.learners.map((learner) => (
              <tr key={learner.userId}>
                <th scope="row">
                  <a href={`/team/learner/?org=${organisationId}&id=${learner.userId}`}>
                    {learner.name}
                  </a>
                </th>
                {learner.estimates.map((estimate) => (
                  <td key={estimate.skill} className={`cell ${estimate.status}`}>
                    {/* A button, so keyboard users can focus it for the same detail as the hover tooltip. */}
                    <button
                      type="button"
                      className="cell-label"
                      aria-describedby={`tip-${learner.userId}-${estimate.skill}`}
                    >
                      {STATUS_SHORT[estimate.status]}
                    </button>
                    <span
                      role="tooltip"
                      id={`tip-${learner.userId}-${estimate.skill}`}
                      className="tip"
                    >
                      {cellText(estimate)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DetailTable({
  overview,
  skills,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
}) {
  const name = (skill: string) => skills.find((candidate) => candidate.id === skill)?.name ?? skill;
  return (
    <section aria-labelledby="detail-heading">
      <h3 id="detail-heading">Skills against target (table)</h3>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            Every learner's estimate, interval, target and status per skill
          </caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Skill</th>
              <th scope="col">Status</th>
              <th scope="col">Estimate</th>
              <th scope="col">80% interval</th>
              <th scope="col">Target</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {overview.learners.flatMap((learner) =>
              learner.estimates.map((estimate) => (
                <tr key={`${learner.userId}-${estimate.skill}`}>
                  <th scope="row">{learner.name}</th>
                  <td>{name(estimate.skill)}</td>
                  <td>{STATUS_LABELS[estimate.status]}</td>
                  <td>{estimate.status === 'insufficient' ? '—' : percent(estimate.mean)}</td>
                  <td>
                    {estimate.status === 'insufficient'
                      ? '—'
                      : `${percent(estimate.interval[0])}–${percent(estimate.interval[1])}`}
                  </td>
                  <td>{percent(estimate.target)}</td>
                  <td>{estimate.evidence.toFixed(1)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GapRanking({
  overview,
  skills,
  organisationId,
}: {
  overview: CohortOverview;
  skills: { id: string; name: string }[];
  organisationId: string;
}) {
  const name = (skill: string) => skills.find((candidate) => candidate.id === skill)?.name ?? skill;
  const top = overview.gaps.filter((gap) => gap.estimate.status !== 'insufficient').slice(0, 12);
  return (
    <section aria-labelledby="gaps-heading">
      <h3 id="gaps-heading">Largest gaps first</h3>
      <p className="muted">
        Ranked by expected shortfall below target: how far below, and how likely. “Not enough
        evidence” is not ranked as a gap.
      </p>
      {top.length === 0 ? (
        <p>No measured gaps in this cohort.</p>
      ) : (
        <ol className="gap-list">
          {top.map((gap) => (
            <li key={`${gap.userId}-${gap.estimate.skill}`}>
              <a href={`/team/learner/?org=${organisationId}&id=${gap.userId}`}>{gap.name}</a> —{' '}
              {name(gap.estimate.skill)}: {percent(gap.estimate.mean)} against{' '}
              {percent(gap.estimate.target)} ({STATUS_LABELS[gap.estimate.status].toLowerCase()},
              expected shortfall {(gap.shortfall * 100).toFixed(1)} points). Assign:{' '}
              {gap.lesson && <a href={`/learn/${gap.lesson.id}/`}>{gap.lesson.title}</a>}
              {gap.lesson && gap.scenario && ' or '}
              {gap.scenario && <a href={`/practice/${gap.scenario.id}/`}>{gap.scenario.title}</a>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ProgrammeProgressTable({ overview }: { overview: CohortOverview }) {
  const programmes = overview.learners[0]?.programmes ?? [];
  if (programmes.length === 0)
    return <p className="muted">No programme is assigned to this cohort.</p>;
  return (
    <section aria-labelledby="progress-heading">
      <h3 id="progress-heading">Programme progress</h3>
      <table>
        <caption className="visually-hidden">Completion and overdue items per person</caption>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            {programmes.map((entry) => (
              <th scope="col" key={entry.programme.id}>
                {entry.programme.name} {entry.dueDate ? `(due ${entry.dueDate})` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.learners.map((learner) => (
            <tr key={learner.userId}>
              <th scope="row">{learner.name}</th>
              {learner.programmes.map((entry) => (
                <td key={entry.programme.id} className={entry.progress.overdue ? 'overdue' : ''}>
                  {entry.progress.done} of {entry.progress.total} done
                  {entry.progress.overdue
                    ? ' — overdue'
                    : entry.progress.done === entry.progress.total
                      ? ' — complete'
                      : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function cohortCsv(
  overview: CohortOverview,
  skills: { id: string; name: string }[],
): string {
  const rows: (string | number)[][] = [
    [
      'learner',
      'skill',
      'status',
      'estimate',
      'interval_low',
      'interval_high',
      'target',
      'evidence',
      'level',
    ],
  ];
  for (const learner of overview.learners) {
    for (const estimate of learner.estimates) {
      const enough = estimate.status !== 'insufficient';
      rows.push([
        learner.name,
        skills.find((skill) => skill.id === estimate.skill)?.name ?? estimate.skill,
        STATUS_LABELS[estimate.status],
        enough ? estimate.mean.toFixed(3) : '',
        enough ? estimate.interval[0].toFixed(3) : '',
        enough ? estimate.interval[1].toFixed(3) : '',
        estimate.target.toFixed(2),
        estimate.evidence.toFixed(2),
        enough ? PROFICIENCY_LEVEL_NAMES[estimate.level] : '',
      ]);
    }
  }
  return toCsv(rows);
}
