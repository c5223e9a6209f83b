import type { Session, User } from '@supabase/supabase-js';
import { getBackendConfig, getSupabase, type Backend } from './backend/client';
import { hasStoredSession } from './backend/stored-session';
import { friendlyError } from './backend/errors';

export type SessionState =
  | { status: 'loading' }
  | { status: 'no-backend' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; user: User; session: Session; supabase: Backend };

type Listener = (state: SessionState) => void;

let state: SessionState = { status: 'loading' };
const listeners = new Set<Listener>();
let started = false;
/** Set while the person signs out themselves, so only an unasked-for sign-out reads as expiry. */
let signingOut = false;

const set = (next: SessionState) => {
  state = next;
  listeners.forEach((listener) => listener(state));
};

let listening = false;

/** Hears every sign-in, sign-out and refresh of the page's client (subscribed once). */
function listen(supabase: Backend) {
  if (listening) return;
  listening = true;
  supabase.auth.onAuthStateChange((event, session) => {
    if (session) {
      set({ status: 'signed-in', user: session.user, session, supabase });
    } else {
      const expired = event === 'SIGNED_OUT' && state.status === 'signed-in' && !signingOut;
      set({
        status: 'signed-out',
        ...(expired
          ? {
              notice:
                'Your session has expired. Sign in again to continue; your progress is kept in this browser.',
            }
          : {}),
      });
    }
  });
}

async function start() {
  // Nobody signed in on this browser: the sign-in form needs only to know there is a
  // backend; supabase-js loads when the person signs in or signs up.
  if (!hasStoredSession()) {
    const config = await getBackendConfig();
    return set(config ? { status: 'signed-out' } : { status: 'no-backend' });
  }
  const supabase = await getSupabase();
  if (!supabase) return set({ status: 'no-backend' });
  const { data, error } = await supabase.auth.getSession();
  if (error || !data.session)
    set({ status: 'signed-out', ...(error ? { notice: friendlyError(error) } : {}) });
  else set({ status: 'signed-in', user: data.session.user, session: data.session, supabase });
  listen(supabase);
}

/** The page's session, kept across reloads by supabase-js; listeners hear every change. */
export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  if (!started) {
    started = true;
    void start();
  }
  return () => listeners.delete(listener);
}

async function client(): Promise<Backend> {
  const supabase = await getSupabase();
  if (!supabase) throw new Error('This Casecraft site has no backend configured.');
  listen(supabase);
  return supabase;
}

export async function signIn(email: string, password: string): Promise<void> {
  const { error } = await (
    await client()
  ).auth.signInWithPassword({ email: email.trim(), password });
  if (error) throw new Error(friendlyError(error));
}

export async function signUp(email: string, password: string, displayName: string): Promise<void> {
  const { data, error } = await (
    await client()
  ).auth.signUp({
    email: email.trim(),
    password,
    options: { data: { display_name: displayName.trim() } },
  });
  if (error) throw new Error(friendlyError(error));
  if (!data.session)
    throw new Error('Your account was created; check your email to confirm it, then sign in.');
}

export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    const { error } = await (await client()).auth.signOut();
    if (error) throw new Error(friendlyError(error));
  } finally {
    signingOut = false;
  }
}

export async function changePassword(password: string): Promise<void> {
  const { error } = await (await client()).auth.updateUser({ password });
  if (error) throw new Error(friendlyError(error));
}

/** Where recovery links lead (an allowed redirect URL on a hosted project: README, Email). */
export const RESET_PATH = '/team/reset/';

/**
 * Mails a password-reset link (Supabase Auth's recovery mail). The answer is the same whether
 * or not the address has an account, so it never tells who is registered.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const { error } = await (
    await client()
  ).auth.resetPasswordForEmail(email.trim(), {
    redirectTo: new URL(RESET_PATH, window.location.origin).toString(),
  });
  if (error) throw new Error(friendlyError(error));
}

/** Opens the session a recovery link grants (one use), so the password can be changed. */
export async function verifyRecoveryLink(tokenHash: string): Promise<void> {
  const { error } = await (
    await client()
  ).auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
  if (error) throw new Error(friendlyError(error));
}
