import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { DEFAULT_FROM, localTransport } from '../../src/mail/smtp';
import { runMailSender } from '../../src/mail/outbox-sender';
import { createAuthHandler, type AuthLimits, type AuthMailer } from './auth';
import { lockDataDir } from './data-dir-lock';
import { startMailCatcher } from './maildev';
import { prepareDatabase } from './database';
import { startGateway } from './gateway';
import { apiKeys } from './jwt';
import { checkPortFree } from './ports';
import { startPostgresAuthProxy } from './postgres-auth-proxy';
import { startPostgrest } from './postgrest';

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
  /**
   * Mail, locally real: MailDev (web inbox and SMTP on these loopback ports) receives the
   * recovery mails of local Auth and the mail the database queues, delivered by the outbox
   * sender running inside the stack. Links in mails point at `siteUrl`. No mail when undefined.
   */
  mail?: { webPort: number; smtpPort: number; siteUrl: string; senderIntervalMs?: number };
}

export interface RunningStack {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /**
   * The internal Postgres endpoint as superuser (loopback only, password made for this run):
   * for psql and tools. PostgREST and local Auth connect the same way.
   */
  databaseUrl: string;
  /** SQL as the database owner, through the socket like any client (tools and benchmarks). */
  query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  /** MailDev's web inbox (its REST API at `/api/email`) and SMTP port, when mail runs. */
  mail?: { inboxUrl: string; smtpPort: number };
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

/** A free loopback port for an internal service (PostgREST). */
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

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const port = options.port ?? 54321;
  // What has started so far, stopped in reverse order if a later step fails.
  const undo: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    await checkPortFree(port, 'API');
    if (dataDir) {
      const lock = lockDataDir(dataDir);
      undo.push(() => lock.release());
    }
    const jwtSecret = jwtSecretFor(dataDir);
    const { anonKey, serviceRoleKey } = apiKeys(jwtSecret);

    const started = performance.now();
    // MailDev loads in its own process while the database opens; awaited below.
    const mailStarting = options.mail
      ? startMailCatcher({
          webPort: options.mail.webPort,
          smtpPort: options.mail.smtpPort,
          dataDir: dataDir && join(dataDir, 'mail'),
        })
      : undefined;
    // A failure is handled where it is awaited, not as an unhandled rejection meanwhile.
    mailStarting?.catch(() => {});
    // Stopped if a later step fails (or, having failed itself, nothing to stop).
    undo.push(() => mailStarting?.then((catcher) => catcher.stop()).catch(() => {}));
    const { db, isNew } = await prepareDatabase({
      dataDir: dataDir && join(dataDir, 'db'),
      seed: options.seed,
      log,
    });
    undo.push(() => db.close());
    log(
      `database ready${isNew ? ' (new, seeded)' : ''} in ${Math.round(performance.now() - started)} ms`,
    );

    // PGlite trusts every connection, so pglite-socket listens only on a Unix socket in a
    // private (0700) directory, behind a loopback proxy that asks for this run's password.
    const socketDir = mkdtempSync(join(tmpdir(), 'casecraft-pg-'));
    undo.push(() => rmSync(socketDir, { recursive: true, force: true }));
    const socketPath = join(socketDir, '.s.PGSQL.5432');
    const socket = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
    await socket.start();
    undo.push(() => socket.stop());
    const password = randomBytes(24).toString('hex');
    const proxy = await startPostgresAuthProxy({ innerPath: socketPath, password });
    undo.push(() => proxy.close());
    const databaseUrl = `postgres://postgres:${password}@127.0.0.1:${proxy.port}/postgres`;

    const restPort = await freePort();
    const restAdminPort = await freePort();
    const rest = await startPostgrest(
      {
        PGRST_DB_URI: `postgres://authenticator:${password}@127.0.0.1:${proxy.port}/postgres`,
        PGRST_DB_SCHEMAS: 'public',
        PGRST_DB_ANON_ROLE: 'anon',
        PGRST_JWT_SECRET: jwtSecret,
        PGRST_DB_POOL: '1',
        PGRST_DB_PREPARED_STATEMENTS: 'false',
        PGRST_DB_CHANNEL_ENABLED: 'false',
        PGRST_SERVER_PORT: String(restPort),
        PGRST_ADMIN_SERVER_PORT: String(restAdminPort),
        PGRST_SERVER_HOST: '127.0.0.1',
        PGRST_LOG_LEVEL: 'crit',
        PGRST_HEALTH_WAIT_TIME: '60000',
      },
      log,
    );
    undo.push(() => rest.stop());

    // Auth queries go through the socket like any client: the socket server keeps each
    // client's transaction to itself, which direct calls on the PGlite instance would not.
    // One connection, and the simple query protocol (one message per statement, parameters
    // inlined as escaped literals): PGlite has a single backend session, so the multi-message
    // extended protocol of two clients could interleave and clobber each other's statements.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    undo.push(() => pool.end());
    const sql = {
      query: async <T extends object>(text: string, params: unknown[] = []) => ({
        rows: (await pool.query(inlineParameters(text, params))).rows as T[],
      }),
    };

    let mailer: AuthMailer | undefined;
    let mail: RunningStack['mail'];
    if (options.mail && mailStarting) {
      const catcher = await mailStarting;
      mail = { inboxUrl: catcher.inboxUrl, smtpPort: catcher.smtpPort };
      const transport = localTransport(catcher.smtpPort);
      undo.push(() => transport.close());
      mailer = {
        siteUrl: options.mail.siteUrl,
        send: async (to, { subject, text }) => {
          await transport.sendMail({ from: DEFAULT_FROM, to, subject, text });
        },
      };
    }

    const gateway = await startGateway({
      port,
      postgrestPort: restPort,
      anonKey,
      auth: createAuthHandler({
        db: sql,
        jwtSecret,
        accessTokenSeconds: options.accessTokenSeconds,
        limits: options.authLimits,
        mailer,
        log,
      }),
    });
    undo.push(() => new Promise<void>((done) => gateway.close(() => done())));
    const address = gateway.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    if (options.mail && mail) {
      const sender = await runMailSender({
        url,
        serviceRoleKey,
        transport: localTransport(mail.smtpPort),
        from: DEFAULT_FROM,
        siteUrl: options.mail.siteUrl,
        via: `MailDev (local mail catcher): read it at ${mail.inboxUrl}`,
        intervalMs: options.mail.senderIntervalMs ?? 1000,
        log,
      });
      undo.push(() => sender.stop());
    }
    log(`stack ready in ${Math.round(performance.now() - started)} ms`);

    return {
      url,
      ...(mail ? { mail } : {}),
      anonKey,
      serviceRoleKey,
      jwtSecret,
      databaseUrl,
      query: (text, params) => sql.query<Record<string, unknown>>(text, params),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
