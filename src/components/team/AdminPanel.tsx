import { useId, useState, type SubmitEvent } from 'react';
import { SCORING_CONFIG } from '../../domain/scoring/config';
import type {
  Cohort,
  CohortMember,
  Invitation,
  Membership,
  Programme,
  Role,
  SkillTarget,
} from '../../services/team/queries';
import { FormMessage, type FormOutcome } from '../site/FormMessage';
import { Forbidden } from './Forbidden';
import { queryParam as param, useLoad, type TeamContext } from './useTeam';

interface AdminData {
  members: Membership[];
  cohorts: Cohort[];
  cohortMembers: CohortMember[];
  invitations: Invitation[];
  programmes: Programme[];
  assignments: { cohort_id: string; programme_id: string; due_date: string | null }[];
  targets: SkillTarget[];
}

type Act = (label: string, action: () => Promise<unknown>) => Promise<boolean>;

/** Everything an agency admin manages: people, cohorts, invitations, programmes, targets. */
export function AdminPanel({ context }: { context: TeamContext }) {
  const organisationId =
    param('org') ??
    context.memberships.find((membership) => membership.role === 'admin')?.organisation_id ??
    '';
  const membership = context.memberships.find(
    (candidate) => candidate.organisation_id === organisationId && candidate.role === 'admin',
  );
  const [message, setMessage] = useState<FormOutcome>();
  const data = useLoad(async (): Promise<AdminData> => {
    const [members, cohorts, invitations, programmes, targets] = await Promise.all([
      context.queries.members(organisationId),
      context.queries.cohorts(organisationId),
      context.queries.invitations(organisationId),
      context.queries.programmes(organisationId),
      context.queries.targets(organisationId),
    ]);
    const ids = cohorts.map((cohort) => cohort.id);
    const [cohortMembers, assignments] = await Promise.all([
      context.queries.cohortMembers(ids),
      context.queries.assignments(ids),
    ]);
    return { members, cohorts, cohortMembers, invitations, programmes, assignments, targets };
  }, [organisationId]);

  if (!membership) return <Forbidden>Only admins of this agency can manage it.</Forbidden>;
  if (data.loading && !data.data) return <p role="status">Loading the agency…</p>;
  if (data.error || !data.data) return <p role="alert">{data.error}</p>;

  const act: Act = async (label, action) => {
    try {
      await action();
      setMessage({ kind: 'ok', text: label });
      data.reload();
      return true;
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  return (
    <div className="admin">
      <h2>{membership.organisations?.name}</h2>
      <FormMessage message={message} className="admin-message" />
      <Cohorts context={context} organisationId={organisationId} data={data.data} act={act} />
      <Invitations context={context} organisationId={organisationId} data={data.data} act={act} />
      <Members context={context} organisationId={organisationId} data={data.data} act={act} />
      <Programmes context={context} organisationId={organisationId} data={data.data} act={act} />
      <Targets context={context} organisationId={organisationId} data={data.data} act={act} />
    </div>
  );
}

interface SectionProps {
  context: TeamContext;
  organisationId: string;
  data: AdminData;
  act: Act;
}

const nameOf = (data: AdminData, userId: string) =>
  data.members.find((member) => member.user_id === userId)?.display_name ?? 'Unknown';

function Cohorts({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState<
    Record<string, { user: string; role: 'learner' | 'supervisor' }>
  >({});
  const active = data.members.filter((member) => member.status === 'active');
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Cohorts and supervisors</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!name.trim()) return;
          void act(`Cohort “${name.trim()}” created.`, () =>
            context.queries.createCohort(organisationId, name),
          ).then((ok) => ok && setName(''));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>New cohort name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="submit">Create cohort</button>
      </form>
      {data.cohorts.length === 0 && <p>No cohorts yet.</p>}
      {data.cohorts.map((cohort) => {
        const members = data.cohortMembers.filter((member) => member.cohort_id === cohort.id);
        const choice = adding[cohort.id] ?? { user: '', role: 'learner' as const };
        return (
          <div key={cohort.id} className="cohort-block">
            <h4>{cohort.name}</h4>
            <ul>
              {members.length === 0 && <li className="muted">Nobody yet.</li>}
              {members.map((member) => (
                <li key={`${member.user_id}-${member.role}`}>
                  {nameOf(data, member.user_id)} — {member.role}{' '}
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() =>
                      void act(`${nameOf(data, member.user_id)} removed from ${cohort.name}.`, () =>
                        context.queries.removeCohortMember(cohort.id, member.user_id, member.role),
                      )
                    }
                  >
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      {nameOf(data, member.user_id)} from {cohort.name}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <form
              className="inline-form"
              noValidate
              onSubmit={(event: SubmitEvent) => {
                event.preventDefault();
                if (!choice.user) return;
                void act(
                  `${nameOf(data, choice.user)} added to ${cohort.name} as ${choice.role}.`,
                  () => context.queries.addCohortMember(cohort.id, choice.user, choice.role),
                );
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-${cohort.id}-person`}>Add a member of the agency</label>
                <select
                  id={`${id}-${cohort.id}-person`}
                  value={choice.user}
                  onChange={(event) =>
                    setAdding({ ...adding, [cohort.id]: { ...choice, user: event.target.value } })
                  }
                >
                  <option value="">Choose…</option>
                  {active.map((member) => (
                    <option key={member.user_id} value={member.user_id}>
                      {member.display_name} ({member.role})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${cohort.id}-role`}>as</label>
                <select
                  id={`${id}-${cohort.id}-role`}
                  value={choice.role}
                  onChange={(event) =>
                    setAdding({
                      ...adding,
                      [cohort.id]: {
                        ...choice,
                        role: event.target.value as 'learner' | 'supervisor',
                      },
                    })
                  }
                >
                  <option value="learner">learner</option>
                  <option value="supervisor">supervisor</option>
                </select>
              </div>
              <button type="submit">Add</button>
            </form>
          </div>
        );
      })}
    </section>
  );
}

function invitationStatus(invitation: Invitation): string {
  if (invitation.revoked_at) return 'revoked';
  if (invitation.used_at) return 'used';
  if (invitation.expires_at < new Date().toISOString()) return 'expired';
  return 'open';
}

function Invitations({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [role, setRole] = useState<Role>('learner');
  const [cohort, setCohort] = useState('');
  const [days, setDays] = useState(14);
  const [created, setCreated] = useState<Invitation>();
  const link = (code: string) => `${window.location.origin}/join/?code=${code}`;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Invite staff</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!(days >= 1 && days <= 90)) return;
          void act('Invitation created.', async () =>
            setCreated(
              await context.queries.createInvitation(organisationId, role, cohort || null, days),
            ),
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            <option value="learner">learner</option>
            <option value="supervisor">supervisor</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cohort`}>Cohort</label>
          <select
            id={`${id}-cohort`}
            value={cohort}
            onChange={(event) => setCohort(event.target.value)}
          >
            <option value="">No cohort</option>
            {data.cohorts.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>Expires after (days)</label>
          <input
            id={`${id}-days`}
            type="number"
            min={1}
            max={90}
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
          />
        </div>
        <button type="submit">Create invitation</button>
      </form>
      {created && (
        <p className="notice" role="status">
          New invitation: code <strong className="invite-code">{created.code}</strong> — link{' '}
          <code>{link(created.code)}</code>. It works once.
        </p>
      )}
      <table>
        <caption className="visually-hidden">Invitations</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Role</th>
            <th scope="col">Cohort</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {data.invitations.map((invitation) => {
            const status = invitationStatus(invitation);
            return (
              <tr key={invitation.id}>
                <td>
                  <code>{invitation.code}</code>
                </td>
                <td>{invitation.role}</td>
                <td>
                  {data.cohorts.find((candidate) => candidate.id === invitation.cohort_id)?.name ??
                    '—'}
                </td>
                <td>{invitation.expires_at.slice(0, 10)}</td>
                <td>
                  {status}
                  {status === 'used' && invitation.used_by
                    ? ` by ${nameOf(data, invitation.used_by)}`
                    : ''}
                </td>
                <td>
                  {status === 'open' && (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() =>
                        void act(`Invitation ${invitation.code} revoked.`, () =>
                          context.queries.revokeInvitation(invitation.id),
                        )
                      }
                    >
                      Revoke<span className="visually-hidden"> invitation {invitation.code}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Members({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [confirming, setConfirming] = useState<string>();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>People</h3>
      <table>
        <caption className="visually-hidden">Members of the agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((member) => (
            <tr key={member.user_id}>
              <th scope="row">{member.display_name}</th>
              <td>
                {member.status === 'active' && member.user_id !== context.user.id ? (
                  <select
                    aria-label={`Role of ${member.display_name}`}
                    value={member.role}
                    onChange={(event) =>
                      void act(`${member.display_name} is now ${event.target.value}.`, () =>
                        context.queries.setMemberRole(
                          organisationId,
                          member.user_id,
                          event.target.value as Role,
                        ),
                      )
                    }
                  >
                    <option value="learner">learner</option>
                    <option value="supervisor">supervisor</option>
                    <option value="admin">admin</option>
                  </select>
                ) : (
                  member.role
                )}
              </td>
              <td>
                {member.status === 'removed'
                  ? `removed ${member.removed_at?.slice(0, 10) ?? ''} (records kept)`
                  : 'active'}
              </td>
              <td>
                {member.status === 'active' &&
                  member.user_id !== context.user.id &&
                  confirming !== member.user_id && (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => setConfirming(member.user_id)}
                    >
                      Remove…<span className="visually-hidden"> {member.display_name}</span>
                    </button>
                  )}
                {confirming === member.user_id && (
                  <span role="group" aria-label={`Confirm removing ${member.display_name}`}>
                    Their access ends; their records stay with the agency.{' '}
                    <button
                      type="button"
                      className="danger small"
                      onClick={() =>
                        void act(`${member.display_name} removed; their records stay.`, () =>
                          context.queries.removeMember(organisationId, member.user_id),
                        ).then(() => setConfirming(undefined))
                      }
                    >
                      Remove {member.display_name}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => setConfirming(undefined)}
                    >
                      Cancel
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Programmes({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const { catalogue } = context;
  const [name, setName] = useState('');
  const [items, setItems] = useState<{ kind: 'lesson' | 'scenario'; id: string }[]>([]);
  const [pick, setPick] = useState('');
  const [assign, setAssign] = useState<{ programme: string; cohort: string; due: string }>({
    programme: '',
    cohort: '',
    due: '',
  });
  const options = [
    ...catalogue.lessons.map((lesson) => ({
      value: `lesson:${lesson.id}`,
      label: `Lesson: ${lesson.title}`,
    })),
    ...catalogue.scenarios.map((scenario) => ({
      value: `scenario:${scenario.id}`,
      label: `Scenario: ${scenario.title}`,
    })),
  ];
  const label = (item: { kind: string; id: string }) =>
    options.find((option) => option.value === `${item.kind}:${item.id}`)?.label ?? item.id;
  const move = (index: number, delta: number) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    setItems(next);
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Programmes</h3>
      {data.programmes.map((programme) => (
        <div key={programme.id} className="programme-block">
          <h4>{programme.name}</h4>
          <ol>
            {[...(programme.programme_items ?? [])]
              .sort((a, b) => a.position - b.position)
              .map((item) => (
                <li key={item.position}>{label({ kind: item.item_kind, id: item.item_id })}</li>
              ))}
          </ol>
          {data.assignments.filter((assignment) => assignment.programme_id === programme.id)
            .length === 0 ? (
            <p className="muted">Not assigned to a cohort yet.</p>
          ) : (
            <ul>
              {data.assignments
                .filter((assignment) => assignment.programme_id === programme.id)
                .map((assignment) => {
                  const cohortName =
                    data.cohorts.find((cohort) => cohort.id === assignment.cohort_id)?.name ?? '?';
                  return (
                    <li key={assignment.cohort_id}>
                      Assigned to {cohortName}
                      {assignment.due_date ? `, due ${assignment.due_date}` : ''}{' '}
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() =>
                          void act(`${programme.name} unassigned from ${cohortName}.`, () =>
                            context.queries.unassignProgramme(assignment.cohort_id, programme.id),
                          )
                        }
                      >
                        Unassign
                        <span className="visually-hidden">
                          {' '}
                          {programme.name} from {cohortName}
                        </span>
                      </button>
                    </li>
                  );
                })}
            </ul>
          )}
        </div>
      ))}
      <form
        className="programme-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (name.trim().length < 2 || items.length === 0) return;
          void act(`Programme “${name.trim()}” created.`, () =>
            context.queries.createProgramme(organisationId, name, '', items),
          ).then((ok) => {
            if (ok) {
              setName('');
              setItems([]);
            }
          });
        }}
      >
        <h4>New programme</h4>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-pick`}>Lesson or scenario</label>
            <select
              id={`${id}-pick`}
              value={pick}
              onChange={(event) => setPick(event.target.value)}
            >
              <option value="">Choose…</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (!pick) return;
              const [kind, itemId] = pick.split(':') as ['lesson' | 'scenario', string];
              if (!items.some((item) => item.kind === kind && item.id === itemId))
                setItems([...items, { kind, id: itemId }]);
              setPick('');
            }}
          >
            Add to programme
          </button>
        </div>
        <ol>
          {items.map((item, index) => (
            <li key={`${item.kind}:${item.id}`}>
              {label(item)}{' '}
              <button
                type="button"
                className="secondary small"
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                Up<span className="visually-hidden"> {label(item)}</span>
              </button>{' '}
              <button
                type="button"
                className="secondary small"
                disabled={index === items.length - 1}
                onClick={() => move(index, 1)}
              >
                Down<span className="visually-hidden"> {label(item)}</span>
              </button>{' '}
              <button
                type="button"
                className="secondary small"
                onClick={() => setItems(items.filter((_, other) => other !== index))}
              >
                Remove<span className="visually-hidden"> {label(item)}</span>
              </button>
            </li>
          ))}
        </ol>
        <button type="submit" disabled={name.trim().length < 2 || items.length === 0}>
          Create programme
        </button>
      </form>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          if (!assign.programme || !assign.cohort) return;
          void act('Programme assigned.', () =>
            context.queries.assignProgramme(assign.cohort, assign.programme, assign.due || null),
          );
        }}
      >
        <h4 className="full">Assign a programme to a cohort</h4>
        <div className="field">
          <label htmlFor={`${id}-assign-programme`}>Programme</label>
          <select
            id={`${id}-assign-programme`}
            value={assign.programme}
            onChange={(event) => setAssign({ ...assign, programme: event.target.value })}
          >
            <option value="">Choose…</option>
            {data.programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assign-cohort`}>Cohort</label>
          <select
            id={`${id}-assign-cohort`}
            value={assign.cohort}
            onChange={(event) => setAssign({ ...assign, cohort: event.target.value })}
          >
            <option value="">Choose…</option>
            {data.cohorts.map((cohort) => (
              <option key={cohort.id} value={cohort.id}>
                {cohort.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assign-due`}>Due date</label>
          <input
            id={`${id}-assign-due`}
            type="date"
            value={assign.due}
            onChange={(event) => setAssign({ ...assign, due: event.target.value })}
          />
        </div>
        <button type="submit">Assign</button>
      </form>
    </section>
  );
}

function Targets({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [cohort, setCohort] = useState('');
  const rows = context.catalogue.skills.map((skill) => {
    const organisation = data.targets.find(
      (target) => target.cohort_id === null && target.skill_id === skill.id,
    );
    const own = cohort
      ? data.targets.find((target) => target.cohort_id === cohort && target.skill_id === skill.id)
      : undefined;
    return { skill, organisation, own };
  });
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Skill targets</h3>
      <p className="muted">
        A learner meets a target when the evidence makes it at least 90% likely their skill is at or
        above it. Without a target, {Math.round(SCORING_CONFIG.defaultTarget * 100)}% applies.
      </p>
      <div className="field">
        <label htmlFor={`${id}-scope`}>Targets for</label>
        <select
          id={`${id}-scope`}
          value={cohort}
          onChange={(event) => setCohort(event.target.value)}
        >
          <option value="">The whole agency (default)</option>
          {data.cohorts.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              Cohort: {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <table>
        <caption className="visually-hidden">Target per skill</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Target (%)</th>
            {cohort && <th scope="col">Agency default</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ skill, organisation, own }) => {
            const current = cohort ? own : organisation;
            return (
              <tr key={skill.id}>
                <th scope="row">{skill.name}</th>
                <td>
                  <input
                    key={`${cohort}-${skill.id}-${current?.target ?? 'none'}`}
                    type="number"
                    min={5}
                    max={95}
                    step={5}
                    aria-label={`Target for ${skill.name} (percent)`}
                    defaultValue={current ? Math.round(Number(current.target) * 100) : ''}
                    placeholder={
                      cohort
                        ? 'agency default'
                        : `${Math.round(SCORING_CONFIG.defaultTarget * 100)}`
                    }
                    onBlur={(event) => {
                      const value = Number(event.target.value);
                      if (event.target.value === '') {
                        if (current)
                          void act(`Target for ${skill.name} cleared.`, () =>
                            context.queries.clearTarget(current.id),
                          );
                        return;
                      }
                      if (!(value >= 5 && value <= 95)) return;
                      if (current && Math.round(Number(current.target) * 100) === value) return;
                      void act(`Target for ${skill.name} set to ${value}%.`, () =>
                        context.queries.setTarget(
                          organisationId,
                          cohort || null,
                          skill.id,
                          value / 100,
                        ),
                      );
                    }}
                  />
                </td>
                {cohort && (
                  <td>
                    {organisation
                      ? `${Math.round(Number(organisation.target) * 100)}%`
                      : `${Math.round(SCORING_CONFIG.defaultTarget * 100)}% (default)`}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
