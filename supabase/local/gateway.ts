import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/**
 * One port, like Supabase's API gateway: `/rest/v1/*` to PostgREST, `/auth/v1/*` to the
 * local auth service. Adds the CORS headers the browser needs (the site runs on its own port).
 */
export interface GatewayOptions {
  port: number;
  host?: string;
  postgrestPort: number;
  auth: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;
  anonKey: string;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, apikey, content-type, x-client-info, prefer, range, accept-profile, content-profile, x-supabase-api-version',
  'access-control-expose-headers': 'content-range, x-supabase-api-version',
  'access-control-max-age': '86400',
};

export function startGateway(options: GatewayOptions): Promise<Server> {
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    if (request.method === 'OPTIONS') {
      response.statusCode = 204;
      response.end();
      return;
    }
    const url = request.url ?? '/';
    if (url.startsWith('/auth/v1/')) {
      void options.auth(request, response, url.slice('/auth/v1'.length));
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
      request.pipe(upstream);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `No route for ${url}. Use /rest/v1 or /auth/v1.` }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
