import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { authCall } from './support-local/http';
import { startTestStack } from './support-local/stack';

// Attack: refresh-token replay. Before, two simultaneous refreshes of one token both
// succeeded (read, then write), forking the session. Now rotation is one conditional
// UPDATE … RETURNING: exactly one wins.

let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function session(email: string) {
  const reply = await authCall(stack, 'POST', '/signup', {
    email,
    password: 'a long enough password',
  });
  expect(reply.status).toBe(200);
  return reply.json as { access_token: string; refresh_token: string };
}

const refresh = (token: string) =>
  authCall(stack, 'POST', '/token?grant_type=refresh_token', { refresh_token: token });
const user = (accessToken: string) =>
  authCall(stack, 'GET', '/user', undefined, { authorization: `Bearer ${accessToken}` });

describe('refresh tokens are single-use, even under concurrency', () => {
  it('of five simultaneous refreshes of one token exactly one succeeds', async () => {
    const { refresh_token } = await session('race@example.org');
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => refresh(refresh_token)));
    const won = replies.filter((reply) => reply.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of replies.filter((reply) => reply.status !== 200)) {
      expect([lost.status, lost.json.msg]).toEqual([400, 'Invalid Refresh Token: Already Used']);
    }
    const live = await stack.query(
      `select count(*)::int as n from auth.refresh_tokens t join auth.users u on u.id = t.user_id
       where u.email = 'race@example.org' and not t.revoked`,
    );
    expect(live.rows[0]!.n).toBe(1);
    // A race between tabs (within 10 s of the rotation) does not end the winner's session.
    const winner = won[0]!.json as { access_token: string; refresh_token: string };
    expect((await user(winner.access_token)).status).toBe(200);
    expect((await refresh(winner.refresh_token)).status).toBe(200);
  });

  it('a rotated token presented again later means it leaked: the whole session ends', async () => {
    const first = await session('leak@example.org');
    const second = (await refresh(first.refresh_token)).json as { access_token: string };
    // As if the rotation were a minute old.
    await stack.query(
      "update auth.refresh_tokens set revoked_at = now() - interval '1 minute' where token = $1",
      [first.refresh_token],
    );
    const replay = await refresh(first.refresh_token);
    expect([replay.status, replay.json.msg]).toEqual([400, 'Invalid Refresh Token: Already Used']);
    const after = await user(second.access_token);
    expect([after.status, after.json.msg]).toEqual([403, 'Your session has ended. Sign in again.']);
  });

  it('an unknown, empty or absurd token is a 400, never a 500', async () => {
    for (const token of ['nope', 'x'.repeat(100_000), 'a\u0000b']) {
      const reply = await refresh(token);
      expect([reply.status, reply.json.msg]).toEqual([
        400,
        'Invalid Refresh Token: Refresh Token Not Found',
      ]);
    }
    const missing = await authCall(stack, 'POST', '/token?grant_type=refresh_token', {});
    expect([missing.status, missing.json.msg]).toEqual([400, 'A refresh_token is required.']);
  });
});
