import type { Server } from 'node:net';
import { createServer } from 'node:net';

/** A port something else is listening on: one clear line instead of an EADDRINUSE trace. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    /** What the port was for: "site" or "API". */
    readonly role: string,
  ) {
    super(`Port ${port} (${role}) is already in use, by another Casecraft or another program.`);
  }
}

/** Listens on `port`, turning EADDRINUSE into PortInUseError. */
export function listenOn(server: Server, port: number, host: string, role: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, role) : error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.removeListener('error', failed);
      resolve();
    });
  });
}

/**
 * Fails with PortInUseError when `port` is taken, before slow work (a build, opening the
 * database) is spent on a start that cannot finish. Listening later still checks again.
 */
export async function checkPortFree(port: number, role: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listenOn(probe, port, host, role);
  await new Promise<void>((done) => probe.close(() => done()));
}
