import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDev } from 'maildev';
import { checkPortFree } from './ports';

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

export async function startMailCatcher(options: MailCatcherOptions): Promise<RunningMailCatcher> {
  await checkPortFree(options.webPort, 'mail inbox');
  await checkPortFree(options.smtpPort, 'SMTP');
  const temporary = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'casecraft-mail-'));
  const mailDirectory = options.dataDir ?? temporary!;
  mkdirSync(mailDirectory, { recursive: true });
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: '127.0.0.1',
    web: options.webPort,
    webIp: '127.0.0.1',
    mailDirectory,
    maxEmails: MAX_EMAILS,
    silent: true,
  });
  // MailDev's API server announces itself on the console whatever `silent` says; the stack
  // prints the inbox address itself.
  const info = console.info;
  console.info = () => {};
  let servers;
  try {
    servers = await maildev.start();
  } catch (error) {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw error;
  } finally {
    console.info = info;
  }
  // Port 0 (tests) picks free ports: report the ones bound.
  const webPort = servers.api?.getAddress()?.port ?? options.webPort;
  return {
    inboxUrl: `http://127.0.0.1:${webPort}`,
    smtpPort: servers.smtp.getAddress().port,
    async stop() {
      await maildev.stop();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
