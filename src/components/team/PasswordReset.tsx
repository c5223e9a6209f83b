import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { changePassword, requestPasswordReset, verifyRecoveryLink } from '../../services/session';
import { FormMessage, type FormOutcome } from '../site/FormMessage';
import './team.css';

type Step =
  | { name: 'ask' }
  | { name: 'checking' }
  | { name: 'failed'; message: string }
  | { name: 'choose' }
  | { name: 'done' };

/**
 * /team/reset/: ask for a reset link by email; opened from that link (`token_hash`,
 * `type=recovery`), check it once and choose a new password. A used, expired or unknown link
 * says so and offers a new one.
 */
export default function PasswordReset() {
  const [step, setStep] = useState<Step>(() => {
    if (typeof window === 'undefined') return { name: 'ask' };
    const params = new URLSearchParams(window.location.search);
    return params.get('token_hash') && params.get('type') === 'recovery'
      ? { name: 'checking' }
      : { name: 'ask' };
  });
  const checked = useRef(false);

  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    const params = new URLSearchParams(window.location.search);
    const tokenHash = params.get('token_hash');
    if (!tokenHash || params.get('type') !== 'recovery') return;
    // The link works once: it leaves the address bar, so a reload does not spend it again.
    window.history.replaceState(null, '', window.location.pathname);
    verifyRecoveryLink(tokenHash)
      .then(() => setStep({ name: 'choose' }))
      .catch((error: unknown) =>
        setStep({
          name: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }, []);

  switch (step.name) {
    case 'checking':
      return (
        <p role="status" className="muted">
          Checking your reset link…
        </p>
      );
    case 'failed':
      return (
        <>
          <div className="card" role="alert">
            <p>{step.message}</p>
          </div>
          <AskForLink heading="Get a new reset link" />
        </>
      );
    case 'choose':
      return <ChoosePassword onDone={() => setStep({ name: 'done' })} />;
    case 'done':
      return (
        <div className="card" role="status">
          <p>
            Your password was changed and you are signed in.{' '}
            <a href="/team/">Go to your team page</a>
          </p>
        </div>
      );
    case 'ask':
      return <AskForLink heading="Forgot your password?" />;
  }
}

function AskForLink({ heading }: { heading: string }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState<FormOutcome>();
  const [busy, setBusy] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      return setMessage({ kind: 'error', text: 'Enter the email address of your account.' });
    setBusy(true);
    requestPasswordReset(email)
      .then(() =>
        setMessage({
          kind: 'ok',
          text: `If an account uses ${email.trim()}, a reset link is on its way there. It works once, within an hour.`,
        }),
      )
      .catch((error: unknown) =>
        setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="auth card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>
        Enter your account’s email address and we will send you a link to choose a new password.
      </p>
      <form onSubmit={submit} noValidate>
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
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : 'Send me a reset link'}
        </button>
      </form>
      <FormMessage message={message} />
      <p className="muted hint">
        Remembered it? <a href="/team/">Sign in</a>
      </p>
    </section>
  );
}

function ChoosePassword({ onDone }: { onDone: () => void }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<FormOutcome>();
  const [busy, setBusy] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (password.length < 8)
      return setMessage({ kind: 'error', text: 'Passwords have at least 8 characters.' });
    setBusy(true);
    changePassword(password)
      .then(onDone)
      .catch((error: unknown) =>
        setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="auth card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Choose a new password</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-password`}>New password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${id}-hint`}
          />
          <p className="hint" id={`${id}-hint`}>
            At least 8 characters.
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : 'Save new password'}
        </button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
