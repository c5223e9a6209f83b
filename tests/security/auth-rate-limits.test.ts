import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_LIMITS } from '../../supabase/local/auth';
import type { RunningStack } from '../../supabase/local/stack';
import { authCall, send, timed } from './support-local/http';
import { startTestStack } from './support-local/stack';

// Attack: brute force. Before, 200 wrong passwords in 12 s were all answered 400 (each a
// bcrypt run on the one PGlite backend) and other people's requests slowed from ~10 ms to
// 112 ms. Now: 5 failures per account per 15 minutes (the default, used here), and per-client
// and per-account request limits (defaults 30 sign-ins, 30 sign-ups, 60 refreshes per address
// a minute; smaller here, so the suite stays quick), then 429 with Retry-After.
// Each "client" here has its own loopback address (127.0.0.x), as the server sees it.

let stack: RunningStack;
const window = (limit: number) => ({ limit, windowSeconds: 60 });
/** The defaults, with smaller per-minute counts: the same code, fewer bcrypt runs. */
const LIMITS = {
  ...DEFAULT_AUTH_LIMITS,
  signInPerClient: window(8),
  signUpPerClient: window(6),
  refreshPerClient: window(10),
  refreshPerAccount: window(6),
};

beforeAll(async () => {
  stack = await startTestStack({ authLimits: LIMITS });
  for (const email of ['victim@example.org', 'bystander@example.org', 'refresher@example.org']) {
    const reply = await authCall(
      stack,
      'POST',
      '/signup',
      { email, password: 'the real password' },
      {},
      '127.0.0.9',
    );
    expect(reply.status).toBe(200);
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const signIn = (email: string, password: string, from: string) =>
  authCall(stack, 'POST', '/token?grant_type=password', { email, password }, {}, from);

const retryAfter = (reply: { headers: Record<string, unknown> }) =>
  Number(reply.headers['retry-after']);

describe('the defaults are the documented ones', () => {
  it('5 failures per account per 15 minutes; 30 sign-ins, 30 sign-ups, 60 refreshes per client per minute; 3 recovery mails per address an hour', () => {
    expect(DEFAULT_AUTH_LIMITS).toEqual({
      signInPerClient: { limit: 30, windowSeconds: 60 },
      signInFailuresPerAccount: { limit: 5, windowSeconds: 900 },
      signUpPerClient: { limit: 30, windowSeconds: 60 },
      signUpPerAccount: { limit: 5, windowSeconds: 900 },
      refreshPerClient: { limit: 60, windowSeconds: 60 },
      refreshPerAccount: { limit: 30, windowSeconds: 60 },
      recoverPerClient: { limit: 10, windowSeconds: 60 },
      recoverPerAccount: { limit: 3, windowSeconds: 3600 },
      verifyPerClient: { limit: 30, windowSeconds: 60 },
    });
  });
});

describe('the password grant', () => {
  it('200 wrong passwords for one account: 5 are checked, 195 refused with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    const bystanderMs: number[] = [];
    const storm = timed(async () => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const reply = await signIn('victim@example.org', `guess number ${attempt}`, '127.0.0.2');
        statuses.push(reply.status);
        if (reply.status === 429) expect(retryAfter(reply)).toBeGreaterThan(0);
      }
    });
    // Someone else reads the catalogue all through the attack.
    let storming = true;
    void storm.finally(() => (storming = false));
    while (storming) {
      const read = await timed(() =>
        send(`${stack.url}/rest/v1/catalog_skills?select=*&limit=1`, {
          headers: { apikey: stack.anonKey },
          from: '127.0.0.3',
        }),
      );
      expect(read.value.status).toBe(200);
      bystanderMs.push(read.ms);
    }
    const { ms } = await storm;
    console.log(
      `200 wrong passwords in ${(ms / 1000).toFixed(1)} s: ${statuses.filter((s) => s === 400).length}×400, ${statuses.filter((s) => s === 429).length}×429; another client's reads meanwhile: max ${Math.max(...bystanderMs).toFixed(0)} ms over ${bystanderMs.length}`,
    );
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
  });

  it('keeps the account locked from any address, even for the right password, and says for how long', async () => {
    const locked = await signIn('victim@example.org', 'the real password', '127.0.0.4');
    expect(locked.status).toBe(429);
    expect(locked.json.msg).toBe(
      'Too many failed sign-in attempts for this account. Try again in 15 minutes.',
    );
    expect(retryAfter(locked)).toBeGreaterThan(800);
    expect(retryAfter(locked)).toBeLessThanOrEqual(900);
  });

  it('leaves other accounts and other addresses alone', async () => {
    expect((await signIn('bystander@example.org', 'the real password', '127.0.0.4')).status).toBe(
      200,
    );
  });

  it('locks an unknown email the same way, so the lock does not reveal which emails exist', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push((await signIn('nobody@example.org', `guess ${attempt}`, '127.0.0.5')).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('limits one address to a number of attempts a minute across accounts', async () => {
    for (let attempt = 0; attempt < LIMITS.signInPerClient.limit; attempt++) {
      const reply = await signIn(`spray-${attempt}@example.org`, 'a guess', '127.0.0.6');
      expect(reply.status).toBe(400);
    }
    const over = await signIn('spray-last@example.org', 'a guess', '127.0.0.6');
    expect(over.status).toBe(429);
    expect(over.json.msg).toMatch(
      /^Too many sign-in attempts from this address\. Try again in \d+ seconds\.$/,
    );
    expect(retryAfter(over)).toBeGreaterThan(0);
    expect(retryAfter(over)).toBeLessThanOrEqual(60);
  });
});

describe('sign-up', () => {
  it('allows 5 attempts per email per 15 minutes', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const reply = await authCall(
        stack,
        'POST',
        '/signup',
        { email: 'popular@example.org', password: 'a long enough password' },
        {},
        `127.0.1.${attempt + 1}`,
      );
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([200, 422, 422, 422, 422, 429]);
  });

  it('allows a number of sign-ups per address per minute', async () => {
    for (let attempt = 0; attempt < LIMITS.signUpPerClient.limit; attempt++) {
      const reply = await authCall(
        stack,
        'POST',
        '/signup',
        { email: `farm-${attempt}@example.org`, password: 'a long enough password' },
        {},
        '127.0.0.7',
      );
      expect(reply.status).toBe(200);
    }
    const over = await authCall(
      stack,
      'POST',
      '/signup',
      { email: 'farm-last@example.org', password: 'a long enough password' },
      {},
      '127.0.0.7',
    );
    expect([over.status, over.json.code]).toEqual([429, 'over_request_rate_limit']);
    expect(retryAfter(over)).toBeLessThanOrEqual(60);
  });
});

describe('the refresh-token grant', () => {
  it('allows a number of refreshes per account per minute', async () => {
    let token = (
      (await signIn('refresher@example.org', 'the real password', '127.0.0.8')).json as {
        refresh_token: string;
      }
    ).refresh_token;
    for (let attempt = 0; attempt < LIMITS.refreshPerAccount.limit; attempt++) {
      const reply = await authCall(
        stack,
        'POST',
        '/token?grant_type=refresh_token',
        { refresh_token: token },
        {},
        `127.0.2.${attempt + 1}`,
      );
      expect(reply.status).toBe(200);
      token = (reply.json as { refresh_token: string }).refresh_token;
    }
    const over = await authCall(
      stack,
      'POST',
      '/token?grant_type=refresh_token',
      { refresh_token: token },
      {},
      '127.0.2.99',
    );
    expect([over.status, over.json.msg]).toEqual([
      429,
      expect.stringMatching(/^Too many session refreshes for this account\./),
    ]);
  });

  it('allows a number of refresh attempts per address per minute', async () => {
    for (let attempt = 0; attempt < LIMITS.refreshPerClient.limit; attempt++) {
      const reply = await authCall(
        stack,
        'POST',
        '/token?grant_type=refresh_token',
        { refresh_token: `stolen-guess-${attempt}` },
        {},
        '127.0.0.10',
      );
      expect(reply.status).toBe(400);
    }
    const over = await authCall(
      stack,
      'POST',
      '/token?grant_type=refresh_token',
      { refresh_token: 'stolen-guess-last' },
      {},
      '127.0.0.10',
    );
    expect([over.status, over.json.msg]).toEqual([
      429,
      expect.stringMatching(/^Too many session refreshes from this address\./),
    ]);
  });
});
