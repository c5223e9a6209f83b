import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { listenOn } from './ports';

/**
 * One port, like Supabase's API gateway: `/rest/v1/*` to PostgREST, `/auth/v1/*` to the
 * local auth service. Adds the CORS headers the browser needs (the site runs on its own port)
 * and refuses any request body over MAX_BODY_BYTES, so no single request can stall the
 * single PGlite backend everyone shares.
 */
export interface GatewayOptions {
  port: number;
  host?: string;
  postgrestPort: number;
  /** Handles an auth request; `body` is the request body, already size-limited. */
  auth: (
    request: IncomingMessage,
    body: Readable,
    response: ServerResponse,
    path: string,
  ) => Promise<void>;
  anonKey: string;
  /** The body limit in bytes (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

/** 1 MB: far above any real request (a sync batch is a few kB), far below a stall. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How long a refused upload may keep sending (discarded) before its connection is cut. */
const LINGER_MS = 5_000;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, apikey, content-type, x-client-info, prefer, range, accept-profile, content-profile, x-supabase-api-version',
  'access-control-expose-headers': 'content-range, x-supabase-api-version, retry-after',
  'access-control-max-age': '86400',
};

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Passes the body through, counting bytes as they arrive; fails past `limit`. */
class CountedBody extends Transform {
  private received = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.received += chunk.length;
    if (this.received > this.limit) done(new BodyTooLargeError(this.limit));
    else done(null, chunk);
  }
}

const megabytes = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;

/**
 * 413, then the rest of the body is read and thrown away (so the client reads the answer
 * instead of a connection reset) for at most LINGER_MS; nothing of it is kept.
 */
function refuseTooLarge(request: IncomingMessage, response: ServerResponse, limit: number) {
  if (!response.headersSent) {
    // No `Connection: close`: Node would then reset the socket while the client is still
    // sending, and a reset can overtake the answer.
    response.writeHead(413, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        code: 'request_too_large',
        message: `The request body is larger than ${megabytes(limit)}, the most this server accepts.`,
      }),
    );
  }
  request.unpipe();
  request.resume();
  const cut = setTimeout(() => request.socket.destroy(), LINGER_MS);
  cut.unref();
  request.once('close', () => clearTimeout(cut));
}

export function startGateway(options: GatewayOptions): Promise<Server> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      refuseTooLarge(request, response, limit);
      return;
    }
    const body = request.pipe(new CountedBody(limit));
    body.on('error', (error) => {
      if (error instanceof BodyTooLargeError) refuseTooLarge(request, response, limit);
      else request.socket.destroy();
    });
    // A client that goes away mid-body: nobody waits for the rest of it.
    request.once('close', () => {
      if (!request.complete) body.destroy(new Error('the client closed the connection mid-body'));
    });
    const url = request.url ?? '/';
    if (request.method === 'OPTIONS') {
      body.resume();
      response.statusCode = 204;
      response.end();
      return;
    }
    if (url.startsWith('/auth/v1/')) {
      void options.auth(request, body, response, url.slice('/auth/v1'.length));
      return;
    }
    if (url.startsWith('/rest/v1/') || url === '/rest/v1') {
      const headers = { ...request.headers };
      delete headers.host;
      // No session: PostgREST runs the request as anon, as Supabase does with the anon key.
      if (!headers.authorization) headers.authorization = `Bearer ${options.anonKey}`;
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: options.postgrestPort,
          method: request.method,
          path: url.slice('/rest/v1'.length) || '/',
          headers,
        },
        (reply) => {
          if (response.headersSent) {
            reply.resume();
            return;
          }
          response.writeHead(reply.statusCode ?? 502, { ...reply.headers, ...CORS_HEADERS });
          reply.pipe(response);
        },
      );
      upstream.on('error', (error) => {
        if (!response.headersSent) {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ message: `The database API is not reachable: ${error.message}` }),
          );
        }
      });
      // Over the limit: PostgREST never gets the whole body; its request is cut short.
      body.on('error', () => upstream.destroy());
      body.pipe(upstream);
      return;
    }
    body.resume();
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `No route for ${url}. Use /rest/v1 or /auth/v1.` }));
  });
  return listenOn(server, options.port, options.host ?? '127.0.0.1', 'API').then(() => server);
}
