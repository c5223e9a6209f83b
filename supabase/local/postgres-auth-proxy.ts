import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * The stack's internal Postgres endpoint. PGlite trusts whoever connects (it has no
 * authentication of its own), so pglite-socket listens only on a Unix socket in a private
 * directory (mode 0700), and this proxy in front of it, on loopback TCP, lets a client in
 * only after SCRAM-SHA-256 with a password made fresh for each run — what PostgreSQL itself
 * asks by default. After the handshake it is a plain byte pipe; PostgREST, local Auth and
 * tools (psql with the URL `npm run stack` prints) connect through it.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MECHANISM = 'SCRAM-SHA-256';
const ITERATIONS = 4096;
/** A client must finish the handshake this fast, and in this few bytes. */
const HANDSHAKE_MS = 10_000;
const MAX_HANDSHAKE_BYTES = 16 * 1024;

export interface PostgresAuthProxy {
  port: number;
  host: string;
  close(): Promise<void>;
}

/** A backend message: type byte, int32 length (including itself), payload. */
function message(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

function authentication(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const payload = Buffer.alloc(4 + data.length);
  payload.writeInt32BE(code, 0);
  data.copy(payload, 4);
  return message('R', payload);
}

/** A FATAL ErrorResponse with an SQLSTATE, as PostgreSQL sends before closing. */
export function fatal(code: string, text: string): Buffer {
  const field = (tag: string, value: string) => Buffer.from(`${tag}${value}\0`, 'utf8');
  return message(
    'E',
    Buffer.concat([
      field('S', 'FATAL'),
      field('V', 'FATAL'),
      field('C', code),
      field('M', text),
      Buffer.from([0]),
    ]),
  );
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** SCRAM attributes (`n=…,r=…`) of a message. */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of text.split(',')) {
    const equals = part.indexOf('=');
    if (equals === 1) found.set(part[0]!, part.slice(2));
  }
  return found;
}

/** The user named in a StartupMessage (for error messages only). */
function startupUser(startup: Buffer): string {
  const fields = startup.subarray(8).toString('utf8').split('\0');
  const index = fields.indexOf('user');
  return index >= 0 ? (fields[index + 1] ?? '') : '';
}

/**
 * Listens on `host` (loopback) and a free port, in front of the pglite-socket server
 * listening on the Unix socket `innerPath`.
 */
export function startPostgresAuthProxy(options: {
  innerPath: string;
  password: string;
  host?: string;
  port?: number;
}): Promise<PostgresAuthProxy> {
  const host = options.host ?? '127.0.0.1';
  // The verifier, as PostgreSQL stores it: the password itself is not needed after this.
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(options.password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  const storedKey = sha256(hmac(salted, 'Client Key'));
  const serverKey = hmac(salted, 'Server Key');
  const sockets = new Set<Socket>();

  const welcome = (client: Socket) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const giveUp = setTimeout(() => client.destroy(), HANDSHAKE_MS);
    let buffered = Buffer.alloc(0);
    let startup: Buffer | undefined;
    let clientFirstBare = '';
    let serverFirst = '';
    let nonce = '';
    let gs2Header = '';

    const refuse = (code: string, text: string) => {
      clearTimeout(giveUp);
      client.end(fatal(code, text));
    };

    const admit = (rest: Buffer) => {
      clearTimeout(giveUp);
      client.removeListener('data', onData);
      client.pause();
      const inner = connect(options.innerPath);
      sockets.add(inner);
      inner.once('close', () => {
        sockets.delete(inner);
        client.destroy();
      });
      client.once('close', () => inner.destroy());
      inner.on('error', () => client.destroy());
      inner.once('connect', () => {
        // PGlite answers the StartupMessage with AuthenticationOk and the session
        // parameters: exactly what the client expects after SASL final.
        inner.write(startup!);
        if (rest.length > 0) inner.write(rest);
        inner.pipe(client);
        client.pipe(inner);
        client.resume();
      });
    };

    /** Handles one complete frame; returns false when the connection is finished with. */
    const handle = (frame: Buffer, typed: boolean): boolean => {
      if (!startup) {
        if (typed) return (refuse('08P01', 'invalid startup packet'), false);
        const code = frame.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write('N');
          return true;
        }
        if (code === CANCEL_REQUEST) {
          client.end();
          return false;
        }
        if (code !== PROTOCOL_3) return (refuse('0A000', 'unsupported frontend protocol'), false);
        startup = frame;
        const mechanisms = Buffer.from(`${MECHANISM}\0\0`, 'utf8');
        client.write(authentication(10, mechanisms));
        return true;
      }
      const failed = () => (
        refuse('28P01', `password authentication failed for user "${startupUser(startup!)}"`),
        false
      );
      if (!typed || frame[0] !== 0x70 /* 'p' */) return failed();
      const body = frame.subarray(5);
      if (!serverFirst) {
        // SASLInitialResponse: mechanism, int32 length, client-first-message.
        const end = body.indexOf(0);
        if (end < 0 || body.subarray(0, end).toString('utf8') !== MECHANISM) return failed();
        const clientFirst = body.subarray(end + 5).toString('utf8');
        // gs2 header: "n,," (no channel binding) or "y,," (client could, server does not).
        const match = /^([ny]),,(.*)$/.exec(clientFirst);
        if (!match) return failed();
        gs2Header = `${match[1]},,`;
        clientFirstBare = match[2]!;
        const clientNonce = attributes(clientFirstBare).get('r');
        if (!clientNonce) return failed();
        nonce = clientNonce + randomBytes(18).toString('base64');
        serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${ITERATIONS}`;
        client.write(authentication(11, Buffer.from(serverFirst, 'utf8')));
        return true;
      }
      // SASLResponse: client-final-message with the proof.
      const clientFinal = body.toString('utf8');
      const proofAt = clientFinal.lastIndexOf(',p=');
      if (proofAt < 0) return failed();
      const withoutProof = clientFinal.slice(0, proofAt);
      const final = attributes(clientFinal);
      const proof = Buffer.from(final.get('p') ?? '', 'base64');
      if (
        final.get('r') !== nonce ||
        final.get('c') !== Buffer.from(gs2Header).toString('base64') ||
        proof.length !== storedKey.length
      )
        return failed();
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = hmac(storedKey, authMessage);
      const clientKey = Buffer.from(proof.map((byte, index) => byte ^ signature[index]!));
      if (!timingSafeEqual(sha256(clientKey), storedKey)) return failed();
      const serverSignature = hmac(serverKey, authMessage).toString('base64');
      client.write(authentication(12, Buffer.from(`v=${serverSignature}`, 'utf8')));
      return true;
    };

    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (buffered.length > MAX_HANDSHAKE_BYTES) {
        refuse('08P01', 'startup packet too long');
        return;
      }
      for (;;) {
        // Startup-phase frames have no type byte; SASL messages do.
        const typed = startup !== undefined;
        const lengthAt = typed ? 1 : 0;
        if (buffered.length < lengthAt + 4) return;
        const length = buffered.readInt32BE(lengthAt) + lengthAt;
        if (length < lengthAt + 4 + (typed ? 0 : 4) || length > MAX_HANDSHAKE_BYTES) {
          refuse('08P01', 'invalid message length');
          return;
        }
        if (buffered.length < length) return;
        const frame = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        const authenticated = serverFirst !== '' && typed;
        if (!handle(frame, typed)) return;
        if (authenticated) {
          admit(buffered);
          return;
        }
      }
    };
    client.on('data', onData);
  };

  const server: Server = createServer(welcome);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      resolve({
        host,
        port: typeof address === 'object' && address ? address.port : 0,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
