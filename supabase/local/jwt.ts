import { createHmac, timingSafeEqual } from 'node:crypto';

/** HS256 JSON Web Tokens, as Supabase Auth issues and PostgREST verifies them. */

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const decode = (part: string): unknown =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * The claims of a valid, unexpired HS256 token; undefined otherwise. The header must say
 * HS256: a token is never checked the way its own header asks (`alg: none` and friends).
 */
export function verifyJwt(
  token: string,
  secret: string,
  now = Date.now(),
): Record<string, unknown> | undefined {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature) return undefined;
  try {
    if ((decode(header) as { alg?: unknown } | null)?.alg !== 'HS256') return undefined;
  } catch {
    return undefined;
  }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = decode(payload) as Record<string, unknown> | null;
    if (typeof claims !== 'object' || claims === null) return undefined;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < now) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

/** The long-lived API keys Supabase gives a project: anon and service_role. */
export function apiKeys(secret: string): { anonKey: string; serviceRoleKey: string } {
  const iat = Math.floor(Date.UTC(2026, 0, 1) / 1000);
  const exp = iat + 10 * 365 * 24 * 3600;
  return {
    anonKey: signJwt({ iss: 'casecraft-local', role: 'anon', iat, exp }, secret),
    serviceRoleKey: signJwt({ iss: 'casecraft-local', role: 'service_role', iat, exp }, secret),
  };
}
