import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { authCall, send } from './support-local/http';
import { startTestStack } from './support-local/stack';

// Attack: forged access tokens. PostgREST (through the gateway) and local Auth must refuse a
// token with `alg: none`, one signed with a wrong secret, an expired one, and one whose
// `role` or `sub` was changed — whether re-signed with a wrong key or left with the
// original signature.

let stack: RunningStack;
let victim: { id: string; token: string };
let attacker: { id: string; token: string };
let victimHash: string;
const victimPasswordHash = async () =>
  (
    await stack.query(
      "select encrypted_password from auth.users where email = 'victim@example.org'",
    )
  ).rows[0]!.encrypted_password as string;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
function sign(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string) {
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const claimsOf = (token: string) => decode(token.split('.')[1]!);
const WRONG_SECRET = 'not-the-secret-not-the-secret-not-the-secret';
const HS256 = { alg: 'HS256', typ: 'JWT' };
/** The token with its payload replaced and its header and signature kept. */
const withClaims = (token: string, claims: Record<string, unknown>) => {
  const [header, , signature] = token.split('.');
  return `${header}.${encode(claims)}.${signature}`;
};

beforeAll(async () => {
  stack = await startTestStack();
  const signUp = async (email: string) => {
    const reply = await authCall(stack, 'POST', '/signup', {
      email,
      password: 'a long enough password',
    });
    const session = reply.json as { access_token: string; user: { id: string } };
    return { id: session.user.id, token: session.access_token };
  };
  victim = await signUp('victim@example.org');
  attacker = await signUp('attacker@example.org');
  victimHash = await victimPasswordHash();
  // Something only the victim (and the service role) may read.
  await stack.query(
    "insert into public.organisations (id, name, created_by) values ('00000000-0000-4000-a000-0000000000f1', 'Victim agency', $1)",
    [victim.id],
  );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** The forgeries, each built (once the accounts exist) from the attacker's own valid token. */
const FORGERIES: [name: string, forge: () => string][] = [
  [
    'alg none, no signature',
    () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claimsOf(attacker.token))}.`,
  ],
  [
    'alg none, as the victim',
    () =>
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claimsOf(attacker.token), sub: victim.id })}.`,
  ],
  ['signed with a wrong secret', () => sign(HS256, claimsOf(attacker.token), WRONG_SECRET)],
  [
    'expired (right secret)',
    () => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        HS256,
        { ...claimsOf(attacker.token), iat: now - 7200, exp: now - 3600 },
        stack.jwtSecret,
      );
    },
  ],
  [
    'role service_role, re-signed with a wrong key',
    () => sign(HS256, { ...claimsOf(attacker.token), role: 'service_role' }, WRONG_SECRET),
  ],
  [
    'sub of the victim, re-signed with a wrong key',
    () => sign(HS256, { ...claimsOf(attacker.token), sub: victim.id }, WRONG_SECRET),
  ],
  [
    'role service_role, original signature',
    () => withClaims(attacker.token, { ...claimsOf(attacker.token), role: 'service_role' }),
  ],
  [
    'sub of the victim, original signature',
    () => withClaims(attacker.token, { ...claimsOf(attacker.token), sub: victim.id }),
  ],
];

const restAs = (token: string) =>
  send(`${stack.url}/rest/v1/organisations?select=id,name`, {
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` },
  });

describe('PostgREST refuses forged tokens', () => {
  it('(control) the attacker’s own token works and does not see the victim’s agency', async () => {
    const own = await restAs(attacker.token);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toEqual([]);
    const theirs = await restAs(victim.token);
    expect(JSON.parse(theirs.body)).toEqual([
      { id: '00000000-0000-4000-a000-0000000000f1', name: 'Victim agency' },
    ]);
  });

  it.each(FORGERIES)('%s: 401, nothing read', async (_name, forge) => {
    const reply = await restAs(forge());
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('Victim agency');
    expect((JSON.parse(reply.body) as { code: string }).code).toMatch(/^PGRST30[0-3]$/);
  });

  it('a forged write changes nothing', async () => {
    const before = await stack.query('select count(*)::int as n from public.organisations');
    for (const [, forge] of FORGERIES) {
      const token = forge();
      const reply = await send(`${stack.url}/rest/v1/organisations`, {
        method: 'POST',
        headers: {
          apikey: stack.anonKey,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Forged agency' }),
      });
      expect(reply.status).toBe(401);
    }
    const after = await stack.query('select count(*)::int as n from public.organisations');
    expect(after.rows).toEqual(before.rows);
  });
});

describe('local Auth refuses forged tokens', () => {
  it('(control) the attacker’s own token reads the attacker', async () => {
    const own = await authCall(stack, 'GET', '/user', undefined, {
      authorization: `Bearer ${attacker.token}`,
    });
    expect([own.status, own.json.id]).toEqual([200, attacker.id]);
  });

  it.each(FORGERIES)('%s: 403 on GET /user, and no password change', async (_name, forge) => {
    const token = forge();
    const read = await authCall(stack, 'GET', '/user', undefined, {
      authorization: `Bearer ${token}`,
    });
    expect([read.status, read.json.msg]).toEqual([403, 'Your session has expired. Sign in again.']);
    const change = await authCall(
      stack,
      'PUT',
      '/user',
      { password: 'taken over by the attacker' },
      { authorization: `Bearer ${token}` },
    );
    expect(change.status).toBe(403);
    expect(await victimPasswordHash()).toBe(victimHash);
  });

  it('the API keys are not sessions: anon and service_role keys get 403 from /user', async () => {
    for (const key of [stack.anonKey, stack.serviceRoleKey]) {
      const reply = await authCall(stack, 'GET', '/user', undefined, {
        authorization: `Bearer ${key}`,
      });
      expect(reply.status).toBe(403);
    }
  });
});
