import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { signJwt, verifyJwt } from './jwt';

/**
 * The Supabase Auth (GoTrue) endpoints supabase-js calls, for local use: sign-up, password
 * and refresh-token grants (with rotation), get/update user, logout. Passwords are hashed
 * with bcrypt by pgcrypto; access tokens are HS256 JWTs that PostgREST verifies.
 * Production uses Supabase Auth itself.
 */

/** What the auth service needs of a database connection (a pg Pool through the PGlite socket). */
export interface SqlClient {
  query<T extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[] }>;
}

export interface AuthOptions {
  db: SqlClient;
  jwtSecret: string;
  /** Access-token lifetime in seconds (Supabase's default is 3600). */
  accessTokenSeconds?: number;
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
  ) {
    super(message);
  }
}

const MIN_PASSWORD = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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

/** The body as JSON; the gateway has already capped its size. */
async function readJson(body: Readable): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    throw new AuthError(400, 'bad_json', 'The request body is not valid JSON.');
  }
}

export function createAuthHandler(options: AuthOptions) {
  const { db, jwtSecret } = options;
  const lifetime = options.accessTokenSeconds ?? 3600;
  const USER_COLUMNS =
    'id, email, raw_user_meta_data, raw_app_meta_data, created_at, updated_at, last_sign_in_at, email_confirmed_at';

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
    if (!claims || typeof claims.sub !== 'string')
      throw new AuthError(403, 'bad_jwt', 'Your session has expired. Sign in again.');
    const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
    const live = await db.query('select 1 from auth.sessions where id = $1 and ended_at is null', [
      sessionId,
    ]);
    if (live.rows.length === 0)
      throw new AuthError(403, 'session_not_found', 'Your session has ended. Sign in again.');
    const user = (
      await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [claims.sub])
    ).rows[0];
    if (!user) throw new AuthError(403, 'user_not_found', 'This account no longer exists.');
    return { user, sessionId };
  };

  const checkPassword = (password: unknown): string => {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD) {
      throw new AuthError(
        422,
        'weak_password',
        `Password should be at least ${MIN_PASSWORD} characters.`,
      );
    }
    return password;
  };

  const routes: Record<
    string,
    (request: IncomingMessage, url: URL, body: Readable) => Promise<[number, unknown]>
  > = {
    'POST /signup': async (_request, _url, requestBody) => {
      const body = await readJson(requestBody);
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
      if (!EMAIL.test(email))
        throw new AuthError(400, 'validation_failed', 'Enter a valid email address.');
      const password = checkPassword(body.password);
      const data = typeof body.data === 'object' && body.data !== null ? body.data : {};
      const exists = await db.query('select 1 from auth.users where email = $1', [email]);
      if (exists.rows.length > 0)
        throw new AuthError(422, 'user_already_exists', 'User already registered');
      const user = (
        await db.query<UserRow>(
          `insert into auth.users (email, encrypted_password, raw_user_meta_data, last_sign_in_at)
           values ($1, extensions.crypt($2, extensions.gen_salt('bf', 10)), $3, now()) returning ${USER_COLUMNS}`,
          [email, password, JSON.stringify(data)],
        )
      ).rows[0]!;
      return [200, await issueSession(user)];
    },
    'POST /token': async (_request, url, requestBody) => {
      const body = await readJson(requestBody);
      const grant = url.searchParams.get('grant_type');
      if (grant === 'password') {
        const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
        const password = typeof body.password === 'string' ? body.password : '';
        const user = (
          await db.query<UserRow>(
            `update auth.users set last_sign_in_at = now()
             where email = $1 and encrypted_password = extensions.crypt($2, encrypted_password)
             returning ${USER_COLUMNS}`,
            [email, password],
          )
        ).rows[0];
        if (!user) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
        return [200, await issueSession(user)];
      }
      if (grant === 'refresh_token') {
        const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
        const row = (
          await db.query<{
            user_id: string;
            session_id: string;
            revoked: boolean;
            ended_at: string | null;
          }>(
            `select t.user_id, t.session_id, t.revoked, s.ended_at from auth.refresh_tokens t
             join auth.sessions s on s.id = t.session_id where t.token = $1`,
            [token],
          )
        ).rows[0];
        if (!row || row.ended_at)
          throw new AuthError(
            400,
            'refresh_token_not_found',
            'Invalid Refresh Token: Refresh Token Not Found',
          );
        if (row.revoked) {
          // Reuse of a rotated token: end the whole session, as Supabase Auth does.
          await db.query('update auth.sessions set ended_at = now() where id = $1', [
            row.session_id,
          ]);
          throw new AuthError(
            400,
            'refresh_token_already_used',
            'Invalid Refresh Token: Already Used',
          );
        }
        await db.query('update auth.refresh_tokens set revoked = true where token = $1', [token]);
        const user = (
          await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [
            row.user_id,
          ])
        ).rows[0]!;
        return [200, await issueSession(user, row.session_id, token)];
      }
      throw new AuthError(
        400,
        'unsupported_grant_type',
        `Unsupported grant type "${grant ?? ''}".`,
      );
    },
    'GET /user': async (request) => {
      const { user } = await userFromBearer(request);
      return [200, userJson(user)];
    },
    'PUT /user': async (request, _url, requestBody) => {
      const { user } = await userFromBearer(request);
      const body = await readJson(requestBody);
      if (body.password !== undefined) {
        const password = checkPassword(body.password);
        await db.query(
          `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 10)), updated_at = now() where id = $1`,
          [user.id, password],
        );
      }
      if (typeof body.data === 'object' && body.data !== null) {
        await db.query(
          'update auth.users set raw_user_meta_data = raw_user_meta_data || $2::jsonb, updated_at = now() where id = $1',
          [user.id, JSON.stringify(body.data)],
        );
      }
      const updated = (
        await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [user.id])
      ).rows[0]!;
      return [200, userJson(updated)];
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
      else
        await db.query(
          'update auth.sessions set ended_at = now() where user_id = $1 and ended_at is null',
          [user.id],
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
    response.setHeader('content-type', 'application/json');
    response.setHeader('x-supabase-api-version', '2024-01-01');
    try {
      if (!route)
        throw new AuthError(
          404,
          'not_found',
          `No auth endpoint ${request.method ?? ''} ${url.pathname}`,
        );
      const [status, reply] = await route(request, url, body);
      response.statusCode = status;
      response.end(reply === undefined ? '' : JSON.stringify(reply));
    } catch (error) {
      // The gateway has answered already (413: the body was over its limit).
      if (response.headersSent) return;
      const known =
        error instanceof AuthError
          ? error
          : new AuthError(500, 'unexpected_failure', 'The local auth service failed.');
      if (!(error instanceof AuthError)) console.error('auth:', error);
      response.statusCode = known.status;
      response.end(
        JSON.stringify({ code: known.code, error_code: known.code, msg: known.message }),
      );
    }
  };
}
