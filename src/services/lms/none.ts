import type { LmsAdapter } from './adapter';

/** No LMS launched the page (opened from disk, say): play works, nothing is reported. */
export function createNoLmsAdapter(): LmsAdapter {
  const nothing = () => Promise.resolve();
  return {
    kind: 'none',
    start: () => Promise.resolve({ suspendData: '' }),
    decision: nothing,
    standing: nothing,
    suspend: nothing,
    completed: nothing,
    finish: () => undefined,
  };
}
