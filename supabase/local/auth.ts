import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { recoveryMail, type MailText } from '../../src/domain/team/mail-text';
import { signJwt, verifyJwt } from './jwt';
import { SlidingWindow, type RateLimit } from './rate-limit';

/**
 * The Supabase Auth (GoTrue) endpoints supabase-js calls, for local use: sign-up, password
 * and refresh-token grants (with rotation), get/update user, logout. Passwords are hashed
 * with bcrypt by pgcrypto; access tokens are HS256 JWTs that PostgREST verifies.
 * Production uses Supabase Auth itself. As careful as a real one where it matters: rate
 * limits, no account enumeration through sign-in, bcrypt's 72-byte limit enforced,
 * single-use refresh tokens, a 4xx with a clear message for any bad input (SECURITY.md).
 */

/** What the auth service needs of a database connection (a pg Pool through the PGlite socket). */
export interface SqlClient {
  query<T extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[] }>;
}

/** The rate limits, each per client address or per account (an email, or a user's id). */
export interface AuthLimits {
  /** Password-grant requests per client address. */
  signInPerClient: RateLimit;
  /** Failed password grants per email (known or not): the brute-force lockout. */
  signInFailuresPerAccount: RateLimit;
  signUpPerClient: RateLimit;
  /** Sign-up attempts per email. */
  signUpPerAccount: RateLimit;
  refreshPerClient: RateLimit;
  /** Refresh-token grants per user. */
  refreshPerAccount: RateLimit;
  /** Password-recovery requests per client address. */
  recoverPerClient: RateLimit;
  /** Recovery mails per email (known or not): no mail bombing an address. */
  recoverPerAccount: RateLimit;
  /** Recovery links tried per client address: no guessing tokens. */
  verifyPerClient: RateLimit;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  signInPerClient: { limit: 30, windowSeconds: 60 },
  signInFailuresPerAccount: { limit: 5, windowSeconds: 15 * 60 },
  signUpPerClient: { limit: 30, windowSeconds: 60 },
  signUpPerAccount: { limit: 5, windowSeconds: 15 * 60 },
  refreshPerClient: { limit: 60, windowSeconds: 60 },
  refreshPerAccount: { limit: 30, windowSeconds: 60 },
  recoverPerClient: { limit: 10, windowSeconds: 60 },
  recoverPerAccount: { limit: 3, windowSeconds: 60 * 60 },
  verifyPerClient: { limit: 30, windowSeconds: 60 },
};

/** How local Auth mails people (password recovery), as Supabase Auth does with its SMTP. */
export interface AuthMailer {
  /** The site: recovery links go to `redirect_to` when it is on this origin, else to /team/reset/. */
  siteUrl: string;
  send(to: string, mail: MailText): Promise<void>;
}

export interface AuthOptions {
  db: SqlClient;
  jwtSecret: string;
  /** Access-token lifetime in seconds (Supabase's default is 3600). */
  accessTokenSeconds?: number;
  /** Rate limits; any left out take DEFAULT_AUTH_LIMITS. */
  limits?: Partial<AuthLimits>;
  /** Sends recovery mail; without it, /recover answers 501 (no mail configured). */
  mailer?: AuthMailer;
  /** How long a recovery link works, in seconds (Supabase's default: 3600). */
  recoveryTokenSeconds?: number;
  /** Mail that failed to send (the request has been answered already). */
  log?: (line: string) => void;
}

interface UserRow {
  id: string;
  email: string;
  raw_user_meta_data: Record<string, unknown>;
  raw_app_meta_data: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  email_confirmed_at: string | null;
}

class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const MIN_PASSWORD = 8;
/** bcrypt reads only the first 72 bytes: longer passwords are refused, not silently cut. */
export const MAX_PASSWORD_BYTES = 72;
/** RFC 5321's limit on an address. */
const MAX_EMAIL = 254;
/** user_metadata, as JSON text. */
export const MAX_USER_DATA_BYTES = 16 * 1024;
const MAX_TOKEN = 512;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A rotated refresh token presented again this soon is a race between two tabs of the same
 * person (refused, session kept); later it means the token leaked (refused, and the whole
 * session ends). Supabase Auth's default reuse interval is also 10 s.
 */
const REUSE_GRACE_SECONDS = 10;
/** bcrypt cost, as Supabase Auth uses. */
const BCRYPT_COST = 10;

function userJson(user: UserRow) {
  return {
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    email_confirmed_at: user.email_confirmed_at,
    confirmed_at: user.email_confirmed_at,
    phone: '',
    last_sign_in_at: user.last_sign_in_at,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

/** The body as a JSON object; the gateway has already capped its size. */
async function readJson(body: Readable): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuthError(400, 'bad_json', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AuthError(400, 'bad_json', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

/**
 * PostgreSQL text can hold neither U+0000 nor half a surrogate pair (JSON can: `"\u0000"`,
 * `"\ud800"`); such input is refused here, never passed to SQL to fail there.
 */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

/** Every string (and key) in a JSON value is storable. */
const storableJson = (value: unknown): boolean =>
  typeof value === 'string'
    ? !unstorable(value)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).every(([key, item]) => !unstorable(key) && storableJson(item))
      : true;

function emailFrom(value: unknown): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > MAX_EMAIL || unstorable(email))
    throw new AuthError(400, 'validation_failed', 'Enter a valid email address.');
  return email;
}

/** A new password: long enough, and short enough for bcrypt to use all of it. */
function newPassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < MIN_PASSWORD) {
    throw new AuthError(
      422,
      'weak_password',
      `Password should be at least ${MIN_PASSWORD} characters.`,
    );
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_PASSWORD_BYTES) {
    throw new AuthError(
      422,
      'password_too_long',
      `Password should be at most ${MAX_PASSWORD_BYTES} bytes (this one is ${bytes}; accented letters and emoji take 2 to 4 bytes each).`,
    );
  }
  if (unstorable(value))
    throw new AuthError(
      422,
      'validation_failed',
      'Password cannot contain a NUL character or half of a surrogate pair.',
    );
  return value;
}

/** user_metadata: a JSON object of modest size. */
function userData(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new AuthError(400, 'validation_failed', 'User data must be a JSON object.');
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text, 'utf8') > MAX_USER_DATA_BYTES)
    throw new AuthError(
      422,
      'validation_failed',
      `User data should be at most ${MAX_USER_DATA_BYTES / 1024} kB of JSON.`,
    );
  if (!storableJson(value))
    throw new AuthError(
      422,
      'validation_failed',
      'User data cannot contain NUL characters or half of a surrogate pair.',
    );
  return value as Record<string, unknown>;
}

/** The client's address as the socket sees it; forwarded headers are not trusted. */
function clientAddress(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

const minutes = (seconds: number) =>
  seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;

function tooMany(retryAfterSeconds: number, what: string): AuthError {
  return new AuthError(
    429,
    'over_request_rate_limit',
    `Too many ${what}. Try again in ${minutes(retryAfterSeconds)}.`,
    retryAfterSeconds,
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where a recovery link leads: the asked-for page when it is on the site, else /team/reset/. */
export function recoveryTarget(siteUrl: string, redirectTo: string | null): string {
  const site = new URL(siteUrl);
  if (redirectTo) {
    try {
      const asked = new URL(redirectTo);
      if (asked.origin === site.origin) return `${asked.origin}${asked.pathname}`;
    } catch {
      // Not a URL: the default below.
    }
  }
  return new URL('/team/reset/', site).toString();
}

export function createAuthHandler(options: AuthOptions) {
  const { db, jwtSecret } = options;
  const recoverySeconds = options.recoveryTokenSeconds ?? 3600;
  const lifetime = options.accessTokenSeconds ?? 3600;
  const rules = { ...DEFAULT_AUTH_LIMITS, ...options.limits };
  const limiters = Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [name, new SlidingWindow(rule)]),
  ) as Record<keyof AuthLimits, SlidingWindow>;
  const limit = (name: keyof AuthLimits, key: string, what: string) => {
    const wait = limiters[name].take(key);
    if (wait > 0) throw tooMany(wait, what);
  };

  const USER_COLUMNS =
    'id, email, raw_user_meta_data, raw_app_meta_data, created_at, updated_at, last_sign_in_at, email_confirmed_at';
  const hashSql = `extensions.crypt($1, extensions.gen_salt('bf', ${BCRYPT_COST}))`;

  // A real bcrypt hash of nothing anyone knows: an unknown email is checked against it, so
  // it costs the same bcrypt work as a known one and timing does not tell them apart.
  let dummyHash: Promise<string> | undefined;
  const hashForUnknownEmail = () => {
    dummyHash ??= db
      .query<{ hash: string }>(`select ${hashSql} as hash`, [randomBytes(18).toString('hex')])
      .then((result) => result.rows[0]!.hash);
    return dummyHash;
  };
  const bcryptMatches = async (password: string, hash: string) =>
    (
      await db.query<{ ok: boolean }>('select extensions.crypt($1, $2) = $2 as ok', [
        password,
        hash,
      ])
    ).rows[0]?.ok === true;

  const userById = async (id: string) =>
    (await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [id])).rows[0];

  const issueSession = async (user: UserRow, sessionId?: string, parent?: string) => {
    const session =
      sessionId ??
      (
        await db.query<{ id: string }>(
          'insert into auth.sessions (user_id) values ($1) returning id',
          [user.id],
        )
      ).rows[0]!.id;
    const refreshToken = randomBytes(24).toString('base64url');
    await db.query(
      'insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)',
      [refreshToken, user.id, session, parent ?? null],
    );
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      {
        aud: 'authenticated',
        exp: now + lifetime,
        iat: now,
        iss: 'casecraft-local/auth/v1',
        sub: user.id,
        email: user.email,
        role: 'authenticated',
        session_id: session,
        app_metadata: user.raw_app_meta_data,
        user_metadata: user.raw_user_meta_data,
      },
      jwtSecret,
    );
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: lifetime,
      expires_at: now + lifetime,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  };

  const userFromBearer = async (
    request: IncomingMessage,
  ): Promise<{ user: UserRow; sessionId: string }> => {
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const claims = token ? verifyJwt(token, jwtSecret) : undefined;
    if (
      !claims ||
      claims.role !== 'authenticated' ||
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      typeof claims.session_id !== 'string' ||
      !UUID.test(claims.session_id)
    )
      throw new AuthError(403, 'bad_jwt', 'Your session has expired. Sign in again.');
    const sessionId = claims.session_id;
    const live = await db.query(
      'select 1 from auth.sessions where id = $1 and user_id = $2 and ended_at is null',
      [sessionId, claims.sub],
    );
    if (live.rows.length === 0)
      throw new AuthError(403, 'session_not_found', 'Your session has ended. Sign in again.');
    const user = await userById(claims.sub);
    if (!user) throw new AuthError(403, 'user_not_found', 'This account no longer exists.');
    return { user, sessionId };
  };

  const passwordGrant = async (body: Record<string, unknown>) => {
    if (typeof body.email !== 'string' || typeof body.password !== 'string')
      throw new AuthError(400, 'validation_failed', 'Sign-in needs an email and a password.');
    const email = body.email.trim().toLowerCase();
    const account = `email:${email}`;
    const locked = limiters.signInFailuresPerAccount.retryAfter(account);
    if (locked > 0) throw tooMany(locked, 'failed sign-in attempts for this account');
    const invalid = () => {
      limiters.signInFailuresPerAccount.record(account);
      return new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
    };
    // No account can have such a password (sign-up refuses them), so it is simply wrong.
    if (
      Buffer.byteLength(body.password, 'utf8') > MAX_PASSWORD_BYTES ||
      unstorable(body.password) ||
      unstorable(email) ||
      email.length > MAX_EMAIL
    )
      throw invalid();
    const found = (
      await db.query<{ id: string; encrypted_password: string | null }>(
        'select id, encrypted_password from auth.users where email = $1',
        [email],
      )
    ).rows[0];
    // The same bcrypt work whether or not the email has an account.
    const hash = found?.encrypted_password ?? (await hashForUnknownEmail());
    const matches = await bcryptMatches(body.password, hash);
    if (!found?.encrypted_password || !matches) throw invalid();
    limiters.signInFailuresPerAccount.clear(account);
    const user = (
      await db.query<UserRow>(
        `update auth.users set last_sign_in_at = now() where id = $1 returning ${USER_COLUMNS}`,
        [found.id],
      )
    ).rows[0]!;
    return issueSession(user);
  };

  const refreshGrant = async (body: Record<string, unknown>) => {
    const token = body.refresh_token;
    if (typeof token !== 'string' || token === '')
      throw new AuthError(400, 'validation_failed', 'A refresh_token is required.');
    const notFound = new AuthError(
      400,
      'refresh_token_not_found',
      'Invalid Refresh Token: Refresh Token Not Found',
    );
    if (token.length > MAX_TOKEN || unstorable(token)) throw notFound;
    const owner = (
      await db.query<{ user_id: string }>(
        'select user_id from auth.refresh_tokens where token = $1',
        [token],
      )
    ).rows[0];
    if (owner) limit('refreshPerAccount', owner.user_id, 'session refreshes for this account');
    // Single use under concurrency: of two simultaneous refreshes of one token, exactly one
    // flips `revoked` (a conditional update is atomic); the other finds nothing to flip.
    const rotated = (
      await db.query<{ user_id: string; session_id: string }>(
        `update auth.refresh_tokens t set revoked = true, revoked_at = now()
         from auth.sessions s
         where t.token = $1 and not t.revoked and s.id = t.session_id and s.ended_at is null
         returning t.user_id, t.session_id`,
        [token],
      )
    ).rows[0];
    if (rotated) {
      const user = await userById(rotated.user_id);
      if (!user) throw notFound;
      return issueSession(user, rotated.session_id, token);
    }
    const used = (
      await db.query<{ session_id: string; leaked: boolean }>(
        `select t.session_id, t.revoked_at < now() - interval '${REUSE_GRACE_SECONDS} seconds' as leaked
         from auth.refresh_tokens t join auth.sessions s on s.id = t.session_id
         where t.token = $1 and t.revoked and s.ended_at is null`,
        [token],
      )
    ).rows[0];
    if (!used) throw notFound;
    // Reuse well after rotation: someone else holds the token; end the whole session,
    // as Supabase Auth does.
    if (used.leaked)
      await db.query('update auth.sessions set ended_at = now() where id = $1', [used.session_id]);
    throw new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
  };

  type Route = (
    request: IncomingMessage,
    url: URL,
    readBody: () => Promise<Record<string, unknown>>,
  ) => Promise<[number, unknown]>;

  const routes: Record<string, Route> = {
    'POST /signup': async (request, _url, readBody) => {
      limit('signUpPerClient', clientAddress(request), 'sign-ups from this address');
      const body = await readBody();
      const email = emailFrom(body.email);
      limit('signUpPerAccount', `email:${email}`, 'sign-up attempts for this email');
      const password = newPassword(body.password);
      const data = userData(body.data) ?? {};
      // One statement, so two simultaneous sign-ups of one email cannot both pass a check.
      const user = (
        await db.query<UserRow>(
          `insert into auth.users (email, encrypted_password, raw_user_meta_data, last_sign_in_at)
           values ($2, ${hashSql}, $3, now())
           on conflict (email) do nothing
           returning ${USER_COLUMNS}`,
          [password, email, JSON.stringify(data)],
        )
      ).rows[0];
      // What Supabase Auth answers when accounts need no email confirmation (as here):
      // there is no way to sign up without learning that the email is taken (SECURITY.md).
      if (!user) throw new AuthError(422, 'user_already_exists', 'User already registered');
      return [200, await issueSession(user)];
    },
    'POST /token': async (request, url, readBody) => {
      const grant = url.searchParams.get('grant_type');
      const address = clientAddress(request);
      if (grant === 'password') {
        limit('signInPerClient', address, 'sign-in attempts from this address');
        return [200, await passwordGrant(await readBody())];
      }
      if (grant === 'refresh_token') {
        limit('refreshPerClient', address, 'session refreshes from this address');
        return [200, await refreshGrant(await readBody())];
      }
      throw new AuthError(
        400,
        'unsupported_grant_type',
        `Unsupported grant type "${(grant ?? '').slice(0, 40)}". Use password or refresh_token.`,
      );
    },
    // Supabase Auth's resetPasswordForEmail: the same answer whether or not the address has
    // an account; the mail goes out after the answer, so timing does not tell either.
    'POST /recover': async (request, url, readBody) => {
      const mailer = options.mailer;
      if (!mailer)
        throw new AuthError(
          501,
          'email_provider_disabled',
          'This server sends no email, so passwords cannot be reset by email. Ask your agency admin.',
        );
      limit(
        'recoverPerClient',
        clientAddress(request),
        'password-reset requests from this address',
      );
      const email = emailFrom((await readBody()).email);
      limit('recoverPerAccount', `email:${email}`, 'password-reset emails for this address');
      const user = (
        await db.query<{ id: string }>('select id from auth.users where email = $1', [email])
      ).rows[0];
      if (user) {
        const token = randomBytes(32).toString('base64url');
        await db.query('insert into auth.recovery_tokens (token_hash, user_id) values ($1, $2)', [
          sha256(token),
          user.id,
        ]);
        const link = new URL(recoveryTarget(mailer.siteUrl, url.searchParams.get('redirect_to')));
        link.searchParams.set('token_hash', token);
        link.searchParams.set('type', 'recovery');
        mailer
          .send(email, recoveryMail(link.toString()))
          .catch((error: unknown) =>
            options.log?.(
              `recovery mail to ${email} failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
      }
      return [200, {}];
    },
    // verifyOtp({ type: 'recovery', token_hash }): one use, within the token's lifetime; a
    // session for the account, whose password the page then changes with updateUser.
    'POST /verify': async (request, _url, readBody) => {
      limit('verifyPerClient', clientAddress(request), 'reset links tried from this address');
      const body = await readBody();
      if (body.type !== 'recovery' || typeof body.token_hash !== 'string')
        throw new AuthError(
          400,
          'validation_failed',
          'Local Auth verifies recovery links only: give type "recovery" and the token_hash.',
        );
      const invalid = (message: string) => new AuthError(403, 'otp_expired', message);
      if (body.token_hash.length > MAX_TOKEN || unstorable(body.token_hash))
        throw invalid('This reset link is not valid. Ask for a new one.');
      // Used and expired links are told apart, so the page can say which.
      const found = (
        await db.query<{ user_id: string; used: boolean; expired: boolean }>(
          `select user_id, used_at is not null as used,
             created_at < now() - make_interval(secs => $2) as expired
           from auth.recovery_tokens where token_hash = $1`,
          [sha256(body.token_hash), recoverySeconds],
        )
      ).rows[0];
      if (!found) throw invalid('This reset link is not valid. Ask for a new one.');
      if (found.used) throw invalid('This reset link was already used. Ask for a new one.');
      if (found.expired) throw invalid('This reset link has expired. Ask for a new one.');
      // Single use under concurrency; every other open link of the account ends with it.
      const taken = await db.query(
        `update auth.recovery_tokens set used_at = now()
         where user_id = $1 and used_at is null returning token_hash`,
        [found.user_id],
      );
      if (!taken.rows.some((row) => row.token_hash === sha256(body.token_hash as string)))
        throw invalid('This reset link was already used. Ask for a new one.');
      const user = (
        await db.query<UserRow>(
          `update auth.users set last_sign_in_at = now(), email_confirmed_at = coalesce(email_confirmed_at, now())
           where id = $1 returning ${USER_COLUMNS}`,
          [found.user_id],
        )
      ).rows[0];
      if (!user) throw invalid('This reset link is not valid. Ask for a new one.');
      return [200, await issueSession(user)];
    },
    'GET /user': async (request) => {
      const { user } = await userFromBearer(request);
      return [200, userJson(user)];
    },
    'PUT /user': async (request, _url, readBody) => {
      const { user } = await userFromBearer(request);
      const body = await readBody();
      if (body.password !== undefined) {
        const password = newPassword(body.password);
        await db.query(
          `update auth.users set encrypted_password = ${hashSql}, updated_at = now() where id = $2`,
          [password, user.id],
        );
      }
      const data = userData(body.data);
      if (data) {
        const merged = await db.query(
          `update auth.users set raw_user_meta_data = raw_user_meta_data || $2::jsonb, updated_at = now()
           where id = $1 and octet_length((raw_user_meta_data || $2::jsonb)::text) <= ${MAX_USER_DATA_BYTES}
           returning id`,
          [user.id, JSON.stringify(data)],
        );
        if (merged.rows.length === 0)
          throw new AuthError(
            422,
            'validation_failed',
            `User data should be at most ${MAX_USER_DATA_BYTES / 1024} kB of JSON in all.`,
          );
      }
      return [200, userJson((await userById(user.id))!)];
    },
    'POST /logout': async (request, url) => {
      const { user, sessionId } = await userFromBearer(request);
      const scope = url.searchParams.get('scope') ?? 'global';
      if (scope === 'local')
        await db.query('update auth.sessions set ended_at = now() where id = $1', [sessionId]);
      else if (scope === 'others')
        await db.query(
          'update auth.sessions set ended_at = now() where user_id = $1 and id <> $2',
          [user.id, sessionId],
        );
      else if (scope === 'global')
        await db.query(
          'update auth.sessions set ended_at = now() where user_id = $1 and ended_at is null',
          [user.id],
        );
      else
        throw new AuthError(
          400,
          'validation_failed',
          'The logout scope must be global, local or others.',
        );
      return [204, undefined];
    },
    'GET /health': () => Promise.resolve([200, { name: 'casecraft-local-auth', version: '1' }]),
    'GET /settings': () =>
      Promise.resolve([
        200,
        { external: { email: true }, disable_signup: false, mailer_autoconfirm: true },
      ]),
  };

  /** Handles a request whose path starts after `/auth/v1`; `body` is the size-limited body. */
  return async (
    request: IncomingMessage,
    body: Readable,
    response: ServerResponse,
    path: string,
  ): Promise<void> => {
    const url = new URL(path, 'http://local');
    const route = routes[`${request.method ?? 'GET'} ${url.pathname}`];
    let bodyRead = false;
    const readBody = () => {
      bodyRead = true;
      return readJson(body);
    };
    try {
      if (!route)
        throw new AuthError(
          404,
          'not_found',
          `No auth endpoint ${request.method ?? ''} ${url.pathname.slice(0, 80)}`,
        );
      const [status, reply] = await route(request, url, readBody);
      response.statusCode = status;
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-supabase-api-version', '2024-01-01');
      response.end(reply === undefined ? '' : JSON.stringify(reply));
    } catch (error) {
      // The gateway has answered already (413: the body was over its limit), or the client
      // has gone away.
      if (response.headersSent || request.socket.destroyed) return;
      const known =
        error instanceof AuthError
          ? error
          : new AuthError(500, 'unexpected_failure', 'The local auth service failed.');
      if (!(error instanceof AuthError)) console.error('auth:', error);
      response.statusCode = known.status;
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-supabase-api-version', '2024-01-01');
      if (known.retryAfterSeconds) response.setHeader('retry-after', known.retryAfterSeconds);
      response.end(
        JSON.stringify({ code: known.code, error_code: known.code, msg: known.message }),
      );
    } finally {
      // Refused before reading the body: read and drop it (within the gateway's limit).
      if (!bodyRead) body.resume();
    }
  };
}
