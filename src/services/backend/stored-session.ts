/**
 * Where supabase-js keeps the session in this browser. Checking for it needs no supabase-js,
 * so code that only matters when someone is signed in can load lazily behind this test.
 */
export const AUTH_STORAGE_KEY = 'casecraft-auth';

export function hasStoredSession(): boolean {
  try {
    return localStorage.getItem(AUTH_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
