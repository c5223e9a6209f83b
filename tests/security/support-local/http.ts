import { request } from 'node:http';

/** What a raw HTTP exchange came back with. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with a small body (or none), through node:http, as any client could send it. */
export function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** A loopback source address (127.0.0.2…): another client, as far as the server sees. */
    from?: string;
  } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.from },
      (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('end', () =>
          resolve({
            status: reply.statusCode ?? 0,
            headers: reply.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/**
 * Uploads a `totalBytes` JSON document — `{"payload":"aaaa…"}` wrapped in `wrap` — in 1 MB
 * chunks, honouring backpressure, either
 * with a truthful Content-Length or chunked (no length up front, so the server can only
 * count). Resolves with the server's reply as soon as it arrives, even if the server
 * refuses mid-upload and closes the connection; `sentBytes` says how far the upload got.
 */
export function upload(
  url: string,
  options: {
    totalBytes: number;
    chunked: boolean;
    headers?: Record<string, string>;
    /** JSON around the filler string, split at `%s` (default: a bare string). */
    wrap?: string;
    onProgress?: (sentBytes: number) => void;
  },
): Promise<RawReply & { sentBytes: number }> {
  const [prefix = '', suffix = ''] = (options.wrap ?? '%s').split('%s');
  const head = Buffer.from(`${prefix}"`);
  const tail = Buffer.from(`"${suffix}`);
  const filler = Buffer.alloc(1024 * 1024, 'a');
  /** The bytes from `offset` on, at most one chunk: head, filler, then tail. */
  const part = (offset: number): Buffer => {
    const fillerEnd = options.totalBytes - tail.length;
    if (offset < head.length) return head.subarray(offset);
    if (offset < fillerEnd) return filler.subarray(0, Math.min(filler.length, fillerEnd - offset));
    return tail.subarray(offset - fillerEnd);
  };
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let settled = false;
    const outgoing = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? {} : { 'content-length': String(options.totalBytes) }),
        ...options.headers,
      },
    });
    outgoing.on('response', (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (data: Buffer) => chunks.push(data));
      reply.on('end', () => {
        settled = true;
        resolve({
          status: reply.statusCode ?? 0,
          headers: reply.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          sentBytes,
        });
        outgoing.destroy();
      });
    });
    outgoing.on('error', (error) => {
      if (!settled) reject(error);
    });
    const pump = () => {
      while (!settled && !outgoing.destroyed && sentBytes < options.totalBytes) {
        const bytes = part(sentBytes);
        sentBytes += bytes.length;
        options.onProgress?.(sentBytes);
        if (!outgoing.write(bytes)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (!settled && !outgoing.destroyed) outgoing.end();
    };
    pump();
  });
}

/** Milliseconds a request takes from first byte out to last byte in. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** A Supabase Auth call as supabase-js makes it, with the reply's JSON parsed. */
export async function authCall(
  stack: { url: string; anonKey: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  from?: string,
): Promise<{ status: number; json: Record<string, unknown>; headers: RawReply['headers'] }> {
  const reply = await send(`${stack.url}/auth/v1${path}`, {
    method,
    from,
    headers: { apikey: stack.anonKey, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
  let json: Record<string, unknown> = {};
  try {
    json = reply.body ? (JSON.parse(reply.body) as Record<string, unknown>) : {};
  } catch {
    json = { unparsed: reply.body };
  }
  return { status: reply.status, json, headers: reply.headers };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
