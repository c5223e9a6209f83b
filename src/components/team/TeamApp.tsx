import { lazy, Suspense, useId, useState, type SubmitEvent } from 'react';
import { ACTIVITY_KINDS } from '../../domain/activity/kinds';
import { groupRefusals, summariseSync } from '../../services/sync/sync-summary';
import { useSyncStatus } from '../sync/useSyncStatus';
import { FormMessage, type FormOutcome } from '../site/FormMessage';
import { AccountPanel, AuthForms } from './AuthPanel';
import { useTeam, type TeamBase, type TeamContext } from './useTeam';
import './team.css';

export type TeamView = 'home' | 'join' | 'programme' | 'dashboard' | 'learner' | 'admin';

// Each page's view is its own chunk, fetched once someone is signed in: the sign-in form
// never pays for dashboards, charts or admin forms.
const MyProgramme = lazy(() =>
  import('./MyProgramme').then((module) => ({ default: module.MyProgramme })),
);
const SupervisorDashboard = lazy(() =>
  import('./dashboard/SupervisorDashboard').then((module) => ({
    default: module.SupervisorDashboard,
  })),
);
const LearnerDrilldown = lazy(() =>
  import('./learner/LearnerDrilldown').then((module) => ({ default: module.LearnerDrilldown })),
);
const AdminPanel = lazy(() =>
  import('./admin/AdminPanel').then((module) => ({ default: module.AdminPanel })),
);

const VIEWS_WITHOUT_CATALOGUE = new Set<TeamView>(['dashboard', 'home', 'join']);

/** The team area: one island per page, the view chosen by the page. */
export default function TeamApp({ view }: { view: TeamView }) {
  // The dashboard reads statistics the server has scored, and the home and join pages name no
  // content: the content's summaries suffice, not the whole scoring catalogue.
  const team = useTeam(VIEWS_WITHOUT_CATALOGUE.has(view) ? 'summaries' : 'full');
  switch (team.status) {
    case 'loading':
      return (
        <p role="status" className="muted">
          Loading…
        </p>
      );
    case 'no-backend':
      return (
        <div className="card">
          <h2>Team features need a Casecraft server</h2>
          <p>
            This copy of Casecraft runs without a backend, so lessons, scenarios and your profile
            work in this browser only. Agencies, cohorts and supervisor dashboards need the server:
            run <code>npm start</code> (the embedded local stack) or point the site at a Supabase
            project — see the README.
          </p>
        </div>
      );
    case 'signed-out':
      return (
        <AuthForms
          intro={
            view === 'join'
              ? 'Sign in or create an account, then join your agency with the code you were given.'
              : 'Sign in to see your agency’s programme, your team and your targets.'
          }
          notice={team.notice}
        />
      );
    case 'error':
      return (
        <div className="card" role="alert">
          <p>{team.message}</p>
          <button type="button" onClick={team.retry}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return (
        <Suspense
          fallback={
            <p role="status" className="muted">
              Loading…
            </p>
          }
        >
          <ReadyView view={view} context={team.context} />
        </Suspense>
      );
  }
}

function ReadyView({ view, context }: { view: TeamView; context: TeamBase | TeamContext }) {
  switch (view) {
    case 'dashboard':
      return <SupervisorDashboard context={context} />;
    case 'home':
      return <TeamHome context={context} />;
    case 'join':
      return <JoinAgency context={context} />;
  }
  if (!('catalogue' in context)) throw new Error(`The ${view} view needs the whole catalogue.`);
  switch (view) {
    case 'programme':
      return <MyProgramme context={context} />;
    case 'learner':
      return <LearnerDrilldown context={context} />;
    case 'admin':
      return <AdminPanel context={context} />;
  }
}

function SyncPanel() {
  const status = useSyncStatus();
  if (!status) return null;
  const summary = summariseSync(status);
  return (
    <div className="sync card" data-tone={summary.tone} aria-live="polite">
      <p>{summary.text}</p>
      {status.refused.length > 0 && (
        <details open>
          <summary>What could not be saved, and what you can do</summary>
          {groupRefusals(status.refused).map((group) => (
            <div key={group.advice}>
              <ul>
                {group.records.map((entry) => (
                  <li key={entry.id}>
                    {ACTIVITY_KINDS[entry.kind].label}: {entry.error}
                  </li>
                ))}
              </ul>
              <p>{group.advice}</p>
            </div>
          ))}
          <p className="muted">
            These records stay in this browser (and in your progress export); they will not be sent
            again.
          </p>
        </details>
      )}
    </div>
  );
}

function TeamHome({ context }: { context: TeamBase }) {
  const roles = context.memberships.map((membership) => ({
    name: membership.organisations?.name ?? 'Your agency',
    role: membership.role,
    demo: membership.organisations?.is_demo ?? false,
  }));
  return (
    <div className="team-home">
      <SyncPanel />
      {roles.length === 0 ? (
        <div className="grid">
          <JoinAgency context={context} />
          <CreateOrganisation context={context} />
        </div>
      ) : (
        <section aria-labelledby="agencies-heading">
          <h2 id="agencies-heading">Your agencies</h2>
          <ul className="grid">
            {context.memberships.map((membership, index) => (
              <li key={membership.organisation_id} className="card">
                <h3>
                  {roles[index]!.name}
                  {/* Demo agencies' names may already say so ("Riverbend (demo agency)"). */}
                  {roles[index]!.demo && !/\bdemo\b/i.test(roles[index]!.name) ? ' (demo)' : ''}
                </h3>
                <p className="muted">
                  You are {membership.role === 'admin' ? 'an admin' : `a ${membership.role}`} here.
                </p>
                <ul>
                  <li>
                    <a href="/team/programme/">My programme</a>
                  </li>
                  <li>
                    <a href="/profile/">My skill profile against the agency’s targets</a>
                  </li>
                  {(membership.role === 'supervisor' || membership.role === 'admin') && (
                    <li>
                      <a href={`/team/dashboard/?org=${membership.organisation_id}`}>
                        Team skill-gap dashboard
                      </a>
                    </li>
                  )}
                  {membership.role === 'admin' && (
                    <li>
                      <a href={`/team/admin/?org=${membership.organisation_id}`}>
                        Manage the agency: people, cohorts, invitations, programmes, targets
                      </a>
                    </li>
                  )}
                </ul>
              </li>
            ))}
          </ul>
          <details>
            <summary>Join another agency or create one</summary>
            <div className="grid">
              <JoinAgency context={context} />
              <CreateOrganisation context={context} />
            </div>
          </details>
        </section>
      )}
      <AccountPanel email={context.user.email ?? ''} />
    </div>
  );
}

function JoinAgency({ context }: { context: TeamBase }) {
  const id = useId();
  const [code, setCode] = useState(() =>
    typeof window === 'undefined'
      ? ''
      : (new URLSearchParams(window.location.search).get('code') ?? ''),
  );
  const [name, setName] = useState(() => String(context.user.user_metadata.display_name ?? ''));
  const [message, setMessage] = useState<FormOutcome>();
  const [busy, setBusy] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!code.trim()) return setMessage({ kind: 'error', text: 'Enter the invitation code.' });
    if (!name.trim())
      return setMessage({ kind: 'error', text: 'Enter the name your colleagues will see.' });
    setBusy(true);
    context.queries
      .joinOrganisation(code, name)
      .then((membership) => {
        setMessage({ kind: 'ok', text: `You joined as ${membership.role}.` });
        context.reloadMemberships();
      })
      .catch((error: unknown) =>
        setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Join your agency</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>Invitation code</label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name, as colleagues will see it</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="name"
          />
        </div>
        <button type="submit" disabled={busy}>
          Join
        </button>
      </form>
      <FormMessage message={message}>
        {message?.kind === 'ok' && (
          <>
            {' '}
            <a href="/team/">Go to your team page</a>
          </>
        )}
      </FormMessage>
    </section>
  );
}

function CreateOrganisation({ context }: { context: TeamBase }) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (name.trim().length < 2) return setError('Enter the agency’s name (2 characters or more).');
    context.queries
      .createOrganisation(name)
      .then((organisationId) => {
        window.location.assign(`/team/admin/?org=${organisationId}`);
      })
      .catch((reason: unknown) =>
        setError(reason instanceof Error ? reason.message : String(reason)),
      );
  };
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Set up your agency</h2>
      <p>Create an organisation; you become its first admin and can invite your staff.</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Agency name</label>
          <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Create organisation</button>
      </form>
    </section>
  );
}
