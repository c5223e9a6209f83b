import type { RefusedRecord, SyncStatus } from './outbox-sync';

/**
 * What the learner is told about syncing, in one place for the player and the team page.
 * Honest by construction: "saved" only when nothing is queued, waiting or refused.
 */

export type SyncTone = 'offline' | 'queued' | 'synced' | 'problem';

export interface SyncSummary {
  tone: SyncTone;
  /** A short line for the player's indicator. */
  short: string;
  /** The full sentence for the team page. */
  text: string;
}

const records = (count: number) => (count === 1 ? '1 record' : `${count} records`);

export function summariseSync(status: SyncStatus): SyncSummary {
  const { queued, refused } = status;
  const waiting = queued > 0 ? ` ${records(queued)} waiting to sync.` : '';
  if (status.state === 'blocked') {
    return {
      tone: 'problem',
      short: 'Not saving to your account',
      text: status.message ?? 'Progress in this browser cannot be saved to this account.',
    };
  }
  if (refused.length > 0) {
    const count = `${records(refused.length)} could not be saved to your account`;
    return { tone: 'problem', short: count, text: `${count}.${waiting}` };
  }
  if (status.state === 'offline') {
    return queued > 0
      ? {
          tone: 'offline',
          short: `Offline: ${records(queued)} saved in this browser, will sync`,
          text: `You are offline. ${records(queued)} saved in this browser will sync to your account when you reconnect.`,
        }
      : {
          tone: 'offline',
          short: 'Offline: new progress is kept in this browser',
          text: 'You are offline. Your progress so far is saved to your account; anything new is kept in this browser and syncs when you reconnect.',
        };
  }
  if (status.state === 'unreachable' && queued > 0) {
    return {
      tone: 'offline',
      short: `Cannot reach the server: ${records(queued)} saved in this browser, will sync`,
      text: `Casecraft cannot reach its server right now. ${records(queued)} saved in this browser will sync to your account when it can; it keeps trying on its own.`,
    };
  }
  if (status.state === 'error' && queued > 0) {
    return {
      tone: 'problem',
      short: `Cannot reach your account: ${records(queued)} kept in this browser`,
      text: `Casecraft cannot save to your account right now (${status.message ?? 'the server did not answer'}). ${records(queued)} kept in this browser; it keeps trying on its own.`,
    };
  }
  if (queued > 0) {
    return {
      tone: 'queued',
      short: `Syncing: ${queued} waiting`,
      text: `Saving your progress to your account…${waiting}`,
    };
  }
  return {
    tone: 'synced',
    short: 'Saved to your account',
    text: 'All your progress is saved to your account.',
  };
}

/** What the learner can do about a refused record, by the server's reason. */
export function refusalAdvice(record: Pick<RefusedRecord, 'code'>): string {
  switch (record.code) {
    case 'unknown_content':
      return 'The scenario or lesson has changed since you played it. Reload the page to get the current version, then play it again.';
    case 'not_on_offer':
    case 'out_of_sequence':
    case 'not_at_ending':
    case 'attempt_mismatch':
    case 'predecessor_refused':
    case 'missing_predecessor':
      return 'This attempt cannot be saved as it was played (for example, it went on in two tabs at once). Start the scenario again to record a fresh attempt.';
    case 'forbidden':
      return 'It belongs to another account or attempt. Sign in as the account that made it.';
    case 'bad_time':
      return 'Your device’s clock looks wrong. Set the correct date and time; what you do next will save.';
    case 'too_large':
    case 'invalid_field':
      return 'The record is damaged or too large. Export your progress from your profile page and send the file to your administrator.';
    default:
      return 'Export your progress from your profile page to keep a copy, and tell your administrator.';
  }
}

/** Refused records grouped by what to do about them (one paragraph of advice per group). */
export function groupRefusals(
  refused: readonly RefusedRecord[],
): { advice: string; records: RefusedRecord[] }[] {
  const groups = new Map<string, RefusedRecord[]>();
  for (const record of refused) {
    const advice = refusalAdvice(record);
    groups.set(advice, [...(groups.get(advice) ?? []), record]);
  }
  return [...groups].map(([advice, list]) => ({ advice, records: list }));
}
