import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './rate-limit';

describe('SlidingWindow', () => {
  it('allows `limit` events per window, then says how long to wait', () => {
    let now = 0;
    const window = new SlidingWindow({ limit: 3, windowSeconds: 60 }, () => now);
    expect([window.take('a'), window.take('a')]).toEqual([0, 0]);
    now = 20_000;
    expect(window.take('a')).toBe(0);
    now = 30_000;
    expect(window.take('a')).toBe(30);
    expect(window.take('b')).toBe(0);
    now = 60_001;
    // The two at 0 s have left the window; the one at 20 s has not.
    expect([window.take('a'), window.take('a')]).toEqual([0, 0]);
    expect(window.take('a')).toBe(20);
  });

  it('slides: no burst of twice the limit across a window boundary', () => {
    let now = 0;
    const window = new SlidingWindow({ limit: 2, windowSeconds: 10 }, () => now);
    now = 9_000;
    window.take('a');
    window.take('a');
    now = 10_500;
    expect(window.take('a')).toBe(9);
  });

  it('counts only what is recorded, and forgets a cleared key', () => {
    const window = new SlidingWindow({ limit: 2, windowSeconds: 900 });
    window.record('account');
    expect(window.retryAfter('account')).toBe(0);
    window.record('account');
    expect(window.retryAfter('account')).toBeGreaterThan(890);
    window.clear('account');
    expect(window.retryAfter('account')).toBe(0);
  });
});
