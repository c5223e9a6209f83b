import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from './outbox-sync';
import { groupRefusals, refusalAdvice, summariseSync } from './sync-summary';

const states: SyncStatus['state'][] = [
  'idle',
  'syncing',
  'offline',
  'unreachable',
  'error',
  'blocked',
];
const kinds: SyncStatus['refused'][number]['kind'][] = ['choice', 'completion', 'check'];
const status = fc.record({
  state: fc.constantFrom(...states),
  queued: fc.nat({ max: 40 }),
  refused: fc.array(
    fc.record({
      id: fc.uuid(),
      kind: fc.constantFrom(...kinds),
      error: fc.string(),
      code: fc.constantFrom('unknown_content', 'not_on_offer', 'predecessor_refused', 'bad_time'),
    }),
    { maxLength: 4 },
  ),
  message: fc.option(fc.string(), { nil: undefined }),
});

describe('sync summary', () => {
  it('says "saved" only when nothing is queued, refused or blocked', () => {
    fc.assert(
      fc.property(status, (current) => {
        const summary = summariseSync(current);
        const saysSaved = (text: string) => /^saved to|progress( so far)? is saved/i.test(text);
        const saved = saysSaved(summary.short) || saysSaved(summary.text);
        const clear =
          current.queued === 0 && current.refused.length === 0 && current.state !== 'blocked';
        if (!clear) {
          expect(summary.tone).not.toBe('synced');
          // "Your progress so far is saved" is only said offline with nothing queued.
          if (saved) expect(current.state === 'offline' && current.queued === 0).toBe(true);
        }
        if (summary.tone === 'synced') expect(clear && current.state !== 'offline').toBe(true);
      }),
    );
  });

  it('puts refusals first, with what to do, grouped by advice', () => {
    const refused = [
      { id: '1', kind: 'choice' as const, error: 'x', code: 'not_on_offer' },
      { id: '2', kind: 'completion' as const, error: 'y', code: 'predecessor_refused' },
      { id: '3', kind: 'check' as const, error: 'z', code: 'unknown_content' },
    ];
    expect(summariseSync({ state: 'offline', queued: 2, refused })).toEqual({
      tone: 'problem',
      short: '3 records could not be saved to your account',
      text: '3 records could not be saved to your account. 2 records waiting to sync.',
    });
    const groups = groupRefusals(refused);
    expect(groups.map((group) => group.records.map((record) => record.id))).toEqual([
      ['1', '2'],
      ['3'],
    ]);
    expect(groups[0]!.advice).toMatch(/Start the scenario again/);
    expect(refusalAdvice({ code: 'unknown_content' })).toMatch(/Reload the page/);
  });

  it('tells an offline learner their progress is kept in this browser', () => {
    expect(summariseSync({ state: 'offline', queued: 1, refused: [] })).toMatchObject({
      tone: 'offline',
      short: 'Offline: 1 record saved in this browser, will sync',
    });
    expect(summariseSync({ state: 'syncing', queued: 3, refused: [] }).tone).toBe('queued');
    expect(summariseSync({ state: 'idle', queued: 0, refused: [] }).text).toBe(
      'All your progress is saved to your account.',
    );
  });
});
