import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { checkDataDirFree } from '../../supabase/local/data-dir-lock';
import { checkPortFree, PortInUseError } from '../../supabase/local/ports';
import { startStack, type RunningStack } from '../../supabase/local/stack';
import { buildInputsHash, builtFrom, recordBuild } from './build-inputs';
import { serveStatic } from './static-server';

export interface PlatformOptions {
  sitePort: number;
  apiPort: number;
  /** MailDev's web inbox and SMTP ports (embedded stack only). */
  mailPort: number;
  smtpPort: number;
  /** Data directory for the embedded stack; a fresh in-memory database when undefined. */
  dataDir?: string;
  build: boolean;
  log: (line: string) => void;
}

export interface RunningPlatform {
  siteUrl: string;
  stack?: RunningStack;
  backend: { url: string; anonKey: string };
  stop(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * The whole product: the static site plus its backend. With PUBLIC_SUPABASE_URL and
 * PUBLIC_SUPABASE_ANON_KEY set, the site points at that Supabase project and no local stack
 * starts; otherwise the embedded stack runs. The site reads its backend from
 * /supabase-config.json, written here, so one build serves any backend.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const started = performance.now();
  const external = process.env.PUBLIC_SUPABASE_URL && process.env.PUBLIC_SUPABASE_ANON_KEY;
  // A taken port or data directory fails now, not after a build.
  await checkPortFree(options.sitePort, 'site');
  if (!external) {
    await checkPortFree(options.apiPort, 'API');
    await checkPortFree(options.mailPort, 'mail inbox');
    await checkPortFree(options.smtpPort, 'SMTP');
    if (options.dataDir) checkDataDirFree(resolve(options.dataDir));
  }
  // The build is skipped when its inputs are what dist/ was last built from.
  const inputs = options.build ? buildInputsHash() : undefined;
  const upToDate = inputs !== undefined && builtFrom(inputs);
  if (upToDate) options.log('site: inputs unchanged since the last build, serving dist/ as built');
  const building =
    inputs !== undefined && !upToDate
      ? run('npm', ['run', 'build']).then(() => recordBuild(inputs))
      : Promise.resolve();
  let stack: RunningStack | undefined;
  let backend: { url: string; anonKey: string };
  if (external) {
    backend = {
      url: process.env.PUBLIC_SUPABASE_URL!,
      anonKey: process.env.PUBLIC_SUPABASE_ANON_KEY!,
    };
    options.log(`backend: ${backend.url} (from PUBLIC_SUPABASE_URL; no local stack)`);
    await building;
  } else {
    // Build (when needed) and stack start together.
    const [stackStart, build] = await Promise.allSettled([
      startStack({
        dataDir: options.dataDir,
        port: options.apiPort,
        log: options.log,
        mail: {
          webPort: options.mailPort,
          smtpPort: options.smtpPort,
          siteUrl: `http://127.0.0.1:${options.sitePort}`,
        },
      }),
      building,
    ]);
    if (stackStart.status === 'rejected') throw stackStart.reason;
    if (build.status === 'rejected') {
      await stackStart.value.stop();
      throw build.reason;
    }
    stack = stackStart.value;
    backend = { url: stack.url, anonKey: stack.anonKey };
  }
  writeFileSync(join('dist', 'supabase-config.json'), JSON.stringify(backend));
  let site: Server;
  try {
    site = await serveStatic('dist', options.sitePort);
  } catch (error) {
    await stack?.stop();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new PortInUseError(options.sitePort, 'site')
      : error;
  }
  options.log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    siteUrl: `http://127.0.0.1:${options.sitePort}`,
    stack,
    backend,
    async stop() {
      await new Promise<void>((done) => site.close(() => done()));
      await stack?.stop();
    },
  };
}
