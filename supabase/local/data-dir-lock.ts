import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One stack per data directory. PGlite keeps no lock of its own, and two stacks on one
 * directory each believe they own the files: both run, and each silently overwrites what
 * the other acknowledged. So a stack takes `stack.lock` (its PID inside) before it opens
 * the database; a second one refuses, naming the first. A lock left by a process that no
 * longer exists (a crash, a kill -9) is taken over.
 */

export const LOCK_FILE = 'stack.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Casecraft stack (PID ${pid}). Stop that one first (Ctrl-C in its terminal, or kill ${pid}), or set CASECRAFT_DATA_DIR to another directory.`,
    );
  }
}

interface LockContent {
  pid: number;
  startedAt: string;
}

function holder(file: string): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof content.pid === 'number' ? (content as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the lock.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Fails with DataDirInUseError when a live stack holds `dataDir` (a check; takes nothing). */
export function checkDataDirFree(dataDir: string): void {
  const current = holder(join(dataDir, LOCK_FILE));
  if (current && alive(current.pid)) throw new DataDirInUseError(dataDir, current.pid);
}

/** Takes the lock on `dataDir` for this process; `release` gives it back. */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      // `wx`: create, failing if it exists — atomic, so of two starters exactly one wins.
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const current = holder(file);
      if (current && alive(current.pid)) throw new DataDirInUseError(dataDir, current.pid);
      // Stale (or unreadable, half-written by a crash): remove it unless it changed meanwhile.
      const again = holder(file);
      if (again && alive(again.pid)) throw new DataDirInUseError(dataDir, again.pid);
      try {
        unlinkSync(file);
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  const release = () => {
    process.removeListener('exit', release);
    if (holder(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  // Released on a normal exit too, even without stop(); a crash leaves a stale lock.
  process.once('exit', release);
  return { release };
}
