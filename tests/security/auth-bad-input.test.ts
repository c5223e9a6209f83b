import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { authCall } from './support-local/http';
import { startTestStack } from './support-local/stack';

// Attack: malformed input. Every bad request gets a 4xx with a message saying what is
// wrong — never a 500 (which would also mean a failure path nobody thought through).

let stack: RunningStack;
let bearer: Record<string, string>;
const UNLIMITED = { limit: 1_000_000, windowSeconds: 60 };

beforeAll(async () => {
  stack = await startTestStack({
    authLimits: {
      signInPerClient: UNLIMITED,
      signInFailuresPerAccount: UNLIMITED,
      signUpPerClient: UNLIMITED,
      signUpPerAccount: UNLIMITED,
      refreshPerClient: UNLIMITED,
      refreshPerAccount: UNLIMITED,
    },
  });
  const reply = await authCall(stack, 'POST', '/signup', {
    email: 'fuzzed@example.org',
    password: 'a long enough password',
  });
  bearer = { authorization: `Bearer ${(reply.json as { access_token: string }).access_token}` };
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const CASES: [
  name: string,
  method: string,
  path: string,
  body: unknown,
  status: number,
  msg: string,
][] = [
  ['malformed JSON', 'POST', '/signup', '{"email": ', 400, 'The request body is not valid JSON.'],
  ['a JSON array', 'POST', '/signup', '[1, 2]', 400, 'The request body must be a JSON object.'],
  [
    'JSON null',
    'POST',
    '/token?grant_type=password',
    'null',
    400,
    'The request body must be a JSON object.',
  ],
  [
    'no email',
    'POST',
    '/signup',
    { password: 'a long enough password' },
    400,
    'Enter a valid email address.',
  ],
  [
    'a numeric email',
    'POST',
    '/signup',
    { email: 5, password: 'a long enough password' },
    400,
    'Enter a valid email address.',
  ],
  [
    'a 10 000-character email',
    'POST',
    '/signup',
    { email: `${'a'.repeat(10_000)}@example.org`, password: 'a long enough password' },
    400,
    'Enter a valid email address.',
  ],
  [
    'an email with NUL',
    'POST',
    '/signup',
    { email: 'a\u0000b@example.org', password: 'a long enough password' },
    400,
    'Enter a valid email address.',
  ],
  [
    'no password',
    'POST',
    '/signup',
    { email: 'new@example.org' },
    422,
    'Password should be at least 8 characters.',
  ],
  [
    'an object password',
    'POST',
    '/signup',
    { email: 'new@example.org', password: { a: 1 } },
    422,
    'Password should be at least 8 characters.',
  ],
  [
    'a 100 000-character password',
    'POST',
    '/signup',
    { email: 'new@example.org', password: 'p'.repeat(100_000) },
    422,
    'Password should be at most 72 bytes (this one is 100000; accented letters and emoji take 2 to 4 bytes each).',
  ],
  [
    'a password with NUL',
    'POST',
    '/signup',
    { email: 'new@example.org', password: 'password\u0000x' },
    422,
    'Password cannot contain a NUL character or half of a surrogate pair.',
  ],
  [
    'a password with half a surrogate pair',
    'POST',
    '/signup',
    '{"email":"new@example.org","password":"password\\ud800"}',
    422,
    'Password cannot contain a NUL character or half of a surrogate pair.',
  ],
  [
    'user data that is a string',
    'POST',
    '/signup',
    { email: 'new@example.org', password: 'a long enough password', data: 'x' },
    400,
    'User data must be a JSON object.',
  ],
  [
    '500 kB of user data',
    'POST',
    '/signup',
    {
      email: 'new@example.org',
      password: 'a long enough password',
      data: { bio: 'x'.repeat(500_000) },
    },
    422,
    'User data should be at most 16 kB of JSON.',
  ],
  [
    'user data with NUL',
    'POST',
    '/signup',
    { email: 'new@example.org', password: 'a long enough password', data: { name: 'a\u0000' } },
    422,
    'User data cannot contain NUL characters or half of a surrogate pair.',
  ],
  [
    'user data with half a surrogate pair',
    'POST',
    '/signup',
    '{"email":"new@example.org","password":"a long enough password","data":{"name":"\\udc00"}}',
    422,
    'User data cannot contain NUL characters or half of a surrogate pair.',
  ],
  [
    'a sign-in without a password',
    'POST',
    '/token?grant_type=password',
    { email: 'fuzzed@example.org' },
    400,
    'Sign-in needs an email and a password.',
  ],
  [
    'a sign-in with a numeric password',
    'POST',
    '/token?grant_type=password',
    { email: 'fuzzed@example.org', password: 12345678 },
    400,
    'Sign-in needs an email and a password.',
  ],
  [
    'a sign-in with a NUL in the email',
    'POST',
    '/token?grant_type=password',
    { email: 'fuzzed@example.org\u0000', password: 'a long enough password' },
    400,
    'Invalid login credentials',
  ],
  [
    'an unknown grant',
    'POST',
    '/token?grant_type=magic',
    {},
    400,
    'Unsupported grant type "magic". Use password or refresh_token.',
  ],
  [
    'no grant',
    'POST',
    '/token',
    {},
    400,
    'Unsupported grant type "". Use password or refresh_token.',
  ],
  [
    'a refresh token that is a number',
    'POST',
    '/token?grant_type=refresh_token',
    { refresh_token: 7 },
    400,
    'A refresh_token is required.',
  ],
  ['an unknown endpoint', 'POST', '/admin/users', {}, 404, 'No auth endpoint POST /admin/users'],
  [
    'a user read without a token',
    'GET',
    '/user',
    undefined,
    403,
    'Your session has expired. Sign in again.',
  ],
];

describe('bad input gets a 4xx with a clear message', () => {
  for (const [name, method, path, body, status, msg] of CASES) {
    it(name, async () => {
      const reply = await authCall(stack, method, path, body);
      expect([reply.status, reply.json.msg]).toEqual([status, msg]);
    });
  }

  it('a user read with the anon key, garbage or a forged token is a 403', async () => {
    for (const token of [stack.anonKey, stack.serviceRoleKey, 'garbage', 'a.b.c']) {
      const reply = await authCall(stack, 'GET', '/user', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect([reply.status, reply.json.msg]).toEqual([
        403,
        'Your session has expired. Sign in again.',
      ]);
    }
  });

  it('a password change over 72 bytes, user data over 16 kB, or a bad logout scope', async () => {
    const password = await authCall(stack, 'PUT', '/user', { password: 'x'.repeat(73) }, bearer);
    expect(password.status).toBe(422);
    const data = await authCall(
      stack,
      'PUT',
      '/user',
      { data: { notes: 'x'.repeat(17_000) } },
      bearer,
    );
    expect([data.status, data.json.msg]).toEqual([
      422,
      'User data should be at most 16 kB of JSON.',
    ]);
    // Below the limit each time, over it in all: refused, nothing merged.
    for (let part = 0; part < 2; part++) {
      const merged = await authCall(
        stack,
        'PUT',
        '/user',
        { data: { [`part${part}`]: 'y'.repeat(9_000) } },
        bearer,
      );
      expect(merged.status).toBe(part === 0 ? 200 : 422);
    }
    const scope = await authCall(stack, 'POST', '/logout?scope=everyone', undefined, bearer);
    expect([scope.status, scope.json.msg]).toEqual([
      400,
      'The logout scope must be global, local or others.',
    ]);
  });
});

describe('random JSON never makes local Auth fail with a 5xx', () => {
  const endpoints: [string, string, Record<string, string>?][] = [
    ['POST', '/signup'],
    ['POST', '/token?grant_type=password'],
    ['POST', '/token?grant_type=refresh_token'],
    ['PUT', '/user'],
  ];
  for (const [method, path] of endpoints) {
    it(`${method} ${path}`, async () => {
      // Shaped like real requests (the fields each endpoint reads) with random values,
      // plus entirely random JSON.
      const field = fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.string());
      const body = fc.oneof(
        fc.record(
          { email: field, password: field, refresh_token: field, data: field },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      );
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const reply = await authCall(
            stack,
            method,
            path,
            JSON.stringify(value),
            path === '/user' ? bearer : {},
          );
          expect(reply.status, JSON.stringify(reply.json)).toBeLessThan(500);
          if (reply.status >= 400) expect(typeof reply.json.msg).toBe('string');
        }),
        { numRuns: 60 },
      );
    });
  }
});
