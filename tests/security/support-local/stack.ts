import { createClient } from '@supabase/supabase-js';
import { startStack, type RunningStack, type StackOptions } from '../../../supabase/local/stack';

/**
 * A fresh in-memory embedded stack on free ports (no demo seed: each suite makes the
 * accounts it attacks with), as `npm run stack` runs it.
 */
export function startTestStack(options: Partial<StackOptions> = {}): Promise<RunningStack> {
  return startStack({ port: 0, seed: false, ...options });
}

/** supabase-js against the stack, with no stored session and no background refresh. */
export function clientFor(stack: RunningStack) {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/** A new account, signed in. */
export async function signedUpClient(
  stack: RunningStack,
  email: string,
  password = 'a long enough password',
) {
  const client = clientFor(stack);
  const { error } = await client.auth.signUp({ email, password });
  if (error) throw new Error(`sign-up of ${email} failed: ${error.message}`);
  return client;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
