/**
 * Keeps the scenario attempt in progress in localStorage, so a reload resumes exactly
 * where the learner was. One attempt per scenario; a new content version discards it.
 */

const key = (scenarioId: string) => `casecraft:attempt:${scenarioId}`;

export interface SavedAttempt {
  version: string;
  snapshot: unknown;
  savedAt: string;
}

export type LoadedAttempt =
  | { status: 'none' }
  | { status: 'resumable'; snapshot: unknown }
  /** Saved against an older version of the scenario, which has since changed. */
  | { status: 'stale' };

export function saveAttempt(scenarioId: string, version: string, snapshot: unknown): boolean {
  try {
    const saved: SavedAttempt = { version, snapshot, savedAt: new Date().toISOString() };
    localStorage.setItem(key(scenarioId), JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}

export function loadAttempt(scenarioId: string, version: string): LoadedAttempt {
  try {
    const text = localStorage.getItem(key(scenarioId));
    if (!text) return { status: 'none' };
    const saved = JSON.parse(text) as Partial<SavedAttempt>;
    if (saved.version !== version) return { status: 'stale' };
    return saved.snapshot ? { status: 'resumable', snapshot: saved.snapshot } : { status: 'none' };
  } catch {
    return { status: 'none' };
  }
}

export function clearAttempt(scenarioId: string): void {
  try {
    localStorage.removeItem(key(scenarioId));
  } catch {
    // Storage unavailable: nothing was saved, so nothing to clear.
  }
}
