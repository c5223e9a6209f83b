import type { Page } from '@playwright/test';

/** Reads the progress records the page stored in IndexedDB. */
export function storedRecords(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('casecraft');
        open.onerror = () => reject(new Error('cannot open IndexedDB'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('records')) return resolve([]);
          const request = db.transaction('records').objectStore('records').getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(new Error('cannot read records'));
        };
      }),
  );
}

/** The ids of an attempt's activity events on the server, read as the signed-in learner. */
export function serverEventIds(page: Page, attemptId: string): Promise<string[]> {
  return page.evaluate(async (attempt) => {
    const config = (await (await fetch('/supabase-config.json')).json()) as {
      url: string;
      anonKey: string;
    };
    const session = JSON.parse(localStorage.getItem('casecraft-auth') ?? '{}') as {
      access_token?: string;
    };
    const response = await fetch(
      `${config.url}/rest/v1/activity_events?attempt_id=eq.${attempt}&select=id`,
      { headers: { apikey: config.anonKey, Authorization: `Bearer ${session.access_token}` } },
    );
    if (!response.ok) throw new Error(`activity_events: HTTP ${response.status}`);
    return ((await response.json()) as { id: string }[]).map((row) => row.id);
  }, attemptId);
}
