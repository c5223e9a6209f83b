import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../supabase/local/stack';
import { send, timed, upload } from './support-local/http';
import { signedUpClient, startTestStack } from './support-local/stack';

// Attack: one oversized request body (50 MB) must be refused with 413 while it streams in,
// on every route, and must not stall anybody else: before the limit, a 50 MB body went
// through PostgREST into PGlite and every other client waited 6–11 s.

const MB = 1024 * 1024;
const UPLOAD = 50 * MB;
let stack: RunningStack;
let learnerToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  const learner = await signedUpClient(stack, 'uploader@example.org');
  learnerToken = (await learner.auth.getSession()).data.session!.access_token;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const anon = () => ({ apikey: stack.anonKey });
const signedIn = () => ({ apikey: stack.anonKey, authorization: `Bearer ${learnerToken}` });

/** A cheap read through the gateway, PostgREST and PGlite: what another client is doing. */
const probe = () =>
  send(`${stack.url}/rest/v1/catalog_skills?select=*&limit=1`, { headers: anon() });

/** A well-formed event whose node id is the 50 MB string: the body the stall came from. */
const EVENT = `{"events":[{"id":"${crypto.randomUUID()}","kind":"choice","occurred_at":"2026-11-01T10:00:00Z","node_id":%s}]}`;

const ROUTES: {
  name: string;
  path: string;
  headers: () => Record<string, string>;
  /** A route that never reads a body answers before it: 404 for an unknown route. */
  unreadStatus?: number;
}[] = [
  { name: 'an RPC as anon', path: '/rest/v1/rpc/record_activity', headers: anon },
  { name: 'an RPC signed in', path: '/rest/v1/rpc/record_activity', headers: signedIn },
  { name: 'a table insert signed in', path: '/rest/v1/activity_events', headers: signedIn },
  { name: 'sign-up', path: '/auth/v1/signup', headers: anon },
  { name: 'the password grant', path: '/auth/v1/token?grant_type=password', headers: anon },
  { name: 'an unknown route', path: '/nowhere', headers: anon, unreadStatus: 404 },
];

describe('the gateway refuses a body over 1 MB with 413 (declared or counted), for every route', () => {
  for (const route of ROUTES) {
    for (const chunked of [false, true]) {
      it(`${route.name}, ${chunked ? 'chunked (counted as it arrives)' : 'with Content-Length (checked up front)'}`, async () => {
        const reply = await upload(`${stack.url}${route.path}`, {
          totalBytes: UPLOAD,
          chunked,
          headers: route.headers(),
          wrap: EVENT,
        });
        if (chunked && route.unreadStatus) {
          expect(reply.status).toBe(route.unreadStatus);
        } else {
          expect(reply.status).toBe(413);
          expect(JSON.parse(reply.body)).toEqual({
            code: 'request_too_large',
            message: 'The request body is larger than 1 MB, the most this server accepts.',
          });
        }
        // Answered while the body was still coming, not after reading it all.
        expect(reply.sentBytes).toBeLessThan(UPLOAD);
      });
    }
  }

  it('still accepts a body just under the limit', async () => {
    const reply = await send(`${stack.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { ...anon(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x', padding: 'a'.repeat(MB - 100) }),
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ msg: 'Enter a valid email address.' });
  });
});

describe('another client stays responsive during a 50 MB upload', () => {
  for (const chunked of [false, true]) {
    it(`${chunked ? 'chunked' : 'with Content-Length'}: every probe issued during the upload answers within 1 s`, async () => {
      const latencies: number[] = [];
      const statuses: number[] = [];
      let done = false;
      let probing: Promise<void> | undefined;
      const uploading = upload(`${stack.url}/rest/v1/rpc/record_activity`, {
        totalBytes: UPLOAD,
        chunked,
        headers: anon(),
        wrap: EVENT,
        // The first probe leaves with the first megabyte; more follow until the upload ends.
        onProgress: (sent) => {
          if (probing || sent < MB) return;
          probing = (async () => {
            do {
              const { ms, value } = await timed(probe);
              statuses.push(value.status);
              latencies.push(ms);
            } while (!done);
          })();
        },
      });
      const reply = await uploading;
      done = true;
      await probing;
      console.log(
        `probe latency during a 50 MB ${chunked ? 'chunked ' : ''}upload: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms, statuses ${statuses.join(', ')} (upload answered ${reply.status})`,
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(latencies.length).toBeGreaterThan(0);
      expect(Math.max(...latencies)).toBeLessThan(1000);
      expect(reply.status).toBe(413);
    });
  }
});
