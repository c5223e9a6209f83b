import { useId, useState, type SubmitEvent } from 'react';
import { changePassword, signIn, signOut, signUp } from '../../services/session';
import { FormMessage, type FormOutcome } from '../site/FormMessage';

/** Sign in or create an account. Errors say what to do; the form keeps what was typed. */
export function AuthForms({ intro, notice }: { intro?: string; notice?: string }) {
  const id = useId();
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    if (!email.includes('@')) return setError('Enter your email address.');
    if (password.length < 8) return setError('Passwords have at least 8 characters.');
    if (mode === 'sign-up' && name.trim().length === 0)
      return setError('Enter the name your colleagues will see.');
    setBusy(true);
    (mode === 'sign-in' ? signIn(email, password) : signUp(email, password, name))
      .catch((reason: unknown) =>
        setError(reason instanceof Error ? reason.message : String(reason)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="auth card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{mode === 'sign-in' ? 'Sign in' : 'Create your account'}</h2>
      {intro && <p>{intro}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        {mode === 'sign-up' && (
          <div className="field">
            <label htmlFor={`${id}-name`}>Your name</label>
            <input
              id={`${id}-name`}
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${id}-password-hint`}
          />
          <p className="hint" id={`${id}-password-hint`}>
            At least 8 characters.
          </p>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
            setError('');
          }}
        >
          {mode === 'sign-in' ? 'I need an account' : 'I already have an account'}
        </button>
      </form>
      {mode === 'sign-in' && (
        <p className="hint">
          <a href="/team/reset/">Forgot your password?</a>
        </p>
      )}
      <p className="muted hint">
        Signing in on this browser saves the progress you made here as a guest to your account —
        once, with nothing doubled.
      </p>
    </section>
  );
}

/** Who is signed in; change password; sign out. */
export function AccountPanel({ email }: { email: string }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<FormOutcome>();
  const [busy, setBusy] = useState(false);

  const change = (event: SubmitEvent) => {
    event.preventDefault();
    if (password.length < 8)
      return setMessage({ kind: 'error', text: 'Passwords have at least 8 characters.' });
    setBusy(true);
    changePassword(password)
      .then(() => {
        setPassword('');
        setMessage({ kind: 'ok', text: 'Your password was changed.' });
      })
      .catch((reason: unknown) =>
        setMessage({
          kind: 'error',
          text: reason instanceof Error ? reason.message : String(reason),
        }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="account card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Your account</h2>
      <p>
        Signed in as <strong>{email}</strong>.{' '}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void signOut().catch((reason: unknown) =>
              setMessage({ kind: 'error', text: String(reason) }),
            )
          }
        >
          Sign out
        </button>
      </p>
      <form onSubmit={change} noValidate className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
