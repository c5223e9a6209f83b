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
