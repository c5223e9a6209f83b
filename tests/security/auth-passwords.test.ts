import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { authCall } from './support-local/http';
import { clientFor, startTestStack } from './support-local/stack';

// Attack: bcrypt reads only the first 72 bytes of a password, so before the limit two
// passwords sharing their first 72 bytes were interchangeable. Now local Auth refuses a
// password over 72 bytes (UTF-8 bytes, not characters) at sign-up and at a change.

let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const PREFIX = 'correct horse battery staple '.repeat(3).slice(0, 72);
const tooLong = (bytes: number) =>
  `Password should be at most 72 bytes (this one is ${bytes}; accented letters and emoji take 2 to 4 bytes each).`;

describe('passwords over 72 bytes', () => {
  it('are refused at sign-up, so no account has a password bcrypt would cut', async () => {
    expect(Buffer.byteLength(PREFIX)).toBe(72);
    const refused = await clientFor(stack).auth.signUp({
      email: 'long@example.org',
      password: `${PREFIX}and the rest`,
    });
    expect(refused.error?.status).toBe(422);
    expect(refused.error?.message).toBe(tooLong(84));
    const count = await stack.query(
      "select count(*)::int as n from auth.users where email = 'long@example.org'",
    );
    expect(count.rows[0]!.n).toBe(0);
  });

  it('count UTF-8 bytes: 37 accented letters are 74 bytes, 19 emoji are 76', async () => {
    const accented = await authCall(stack, 'POST', '/signup', {
      email: 'accents@example.org',
      password: 'é'.repeat(37),
    });
    expect([accented.status, accented.json.msg]).toEqual([422, tooLong(74)]);
    const emoji = await authCall(stack, 'POST', '/signup', {
      email: 'emoji@example.org',
      password: '🔑'.repeat(19),
    });
    expect([emoji.status, emoji.json.msg]).toEqual([422, tooLong(76)]);
    const fits = await authCall(stack, 'POST', '/signup', {
      email: 'accents-ok@example.org',
      password: 'é'.repeat(36),
    });
    expect(fits.status).toBe(200);
  });

  it('a 72-byte password works, and one sharing its 72 bytes plus more does not sign in', async () => {
    const owner = clientFor(stack);
    expect(
      (await owner.auth.signUp({ email: 'exact@example.org', password: PREFIX })).error,
    ).toBeNull();
    const right = await clientFor(stack).auth.signInWithPassword({
      email: 'exact@example.org',
      password: PREFIX,
    });
    expect(right.error).toBeNull();
    const sharing = await clientFor(stack).auth.signInWithPassword({
      email: 'exact@example.org',
      password: `${PREFIX}anything`,
    });
    expect(sharing.error?.status).toBe(400);
    expect(sharing.error?.message).toBe('Invalid login credentials');
  });

  it('are refused at a password change, and the old password still works', async () => {
    const person = clientFor(stack);
    await person.auth.signUp({ email: 'change@example.org', password: 'the first password' });
    const { error } = await person.auth.updateUser({ password: `${PREFIX}x` });
    expect(error?.status).toBe(422);
    expect(error?.message).toBe(tooLong(73));
    const old = await clientFor(stack).auth.signInWithPassword({
      email: 'change@example.org',
      password: 'the first password',
    });
    expect(old.error).toBeNull();
  });
});
