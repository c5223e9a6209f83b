/** Turns backend and network failures into sentences a learner can act on. */
export function friendlyError(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error && 'message' in error
        ? String(error.message)
        : String(error);
  if (/Invalid login credentials/i.test(message))
    return 'That email and password do not match an account. Check them and try again.';
  if (/User already registered/i.test(message))
    return 'An account with that email already exists. Sign in instead.';
  if (/Password should be at least/i.test(message)) return message;
  // Supabase Auth says this of every used, expired or unknown recovery link.
  if (/Email link is invalid or has expired/i.test(message))
    return 'This reset link has expired or was already used. Ask for a new one.';
  if (/session (has )?(expired|ended)|JWT expired|Refresh Token/i.test(message))
    return 'Your session has expired. Sign in again to continue; nothing you did has been lost.';
  if (/Failed to fetch|NetworkError|fetch failed|ECONNREFUSED|Load failed/i.test(message))
    return 'Casecraft cannot reach its server right now. Check your connection; your progress is kept in this browser meanwhile.';
  if (/row-level security|permission denied/i.test(message))
    return 'You do not have permission to do that.';
  return message;
}
