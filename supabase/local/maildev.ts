import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPortFree, PortInUseError } from './ports';

/**
 * MailDev, the local mail catcher (as Supabase's local stack runs Inbucket/Mailpit): a real
 * SMTP server on loopback that keeps every mail, and a web inbox with a REST API
 * (`GET /api/email`). Mail is kept under the data directory (or a temporary one).
 */
export interface MailCatcherOptions {
  /** The web inbox and its API. */
  webPort: number;
  smtpPort: number;
  /** Where mail is kept across restarts; a temporary directory when undefined. */
  dataDir?: string;
}

export interface RunningMailCatcher {
  inboxUrl: string;
  smtpPort: number;
  stop(): Promise<void>;
}

/** The newest mails are kept; older ones are dropped with their files. */
const MAX_EMAILS = 1000;
const PROCESS = fileURLToPath(new URL('./maildev-process.ts', import.meta.url));

interface MailCatcherReply {
  webPort?: number;
  smtpPort?: number;
  error?: string;
  code?: string;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<RunningMailCatcher> {
  await checkPortFree(options.webPort, 'mail inbox');
  await checkPortFree(options.smtpPort, 'SMTP');
  const temporary = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'casecraft-mail-'));
  const mailDirectory = options.dataDir ?? temporary!;
  mkdirSync(mailDirectory, { recursive: true });
  const removeTemporary = () => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };
  // Plain node (this one, Node 24) strips the child's types; no loader hooks slow its imports.
  const child = spawn(
    process.execPath,
    [
      PROCESS,
      JSON.stringify({
        webPort: options.webPort,
        smtpPort: options.smtpPort,
        mailDirectory,
        maxEmails: MAX_EMAILS,
      }),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-2000)));
  const reply = await new Promise<MailCatcherReply>((done) => {
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        try {
          const message = (JSON.parse(line) as { casecraftMail?: MailCatcherReply }).casecraftMail;
          if (message) done(message);
        } catch {
          // Not ours: MailDev's own output.
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('close', (code) =>
      done({ error: `MailDev stopped while starting (exit ${code}). ${stderr.trim()}`.trim() }),
    );
  });
  if (reply.error !== undefined || reply.webPort === undefined || reply.smtpPort === undefined) {
    child.kill('SIGKILL');
    await exited;
    removeTemporary();
    if (reply.code === 'EADDRINUSE')
      throw reply.error?.includes(`:${options.smtpPort}`)
        ? new PortInUseError(options.smtpPort, 'SMTP')
        : new PortInUseError(options.webPort, 'mail inbox');
    throw new Error(`MailDev did not start: ${reply.error ?? 'no ports reported'}`);
  }
  return {
    inboxUrl: `http://127.0.0.1:${reply.webPort}`,
    smtpPort: reply.smtpPort,
    async stop() {
      // Closing its stdin stops it; a child that does not stop in 5 s is killed.
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      removeTemporary();
    },
  };
}
