/**
 * MailDev in a process of its own, spawned by `maildev.ts`. Loading MailDev (its SMTP parser
 * pulls in jsdom) took seconds of a restart on the stack's one thread; in its own process it
 * loads on another core while the database opens. Run by plain `node`, which strips the
 * types: erasable syntax only, and nothing of ours imported.
 *
 * Argument: the request as JSON. Replies one JSON line on stdout, tagged `casecraftMail`,
 * with the bound ports or the error. Stops when stdin closes (the stack stopped, or died).
 */
import { MailDev } from 'maildev';

interface MailCatcherRequest {
  webPort: number;
  smtpPort: number;
  mailDirectory: string;
  maxEmails: number;
}

const request = JSON.parse(process.argv[2] ?? '{}') as MailCatcherRequest;
const reply = (message: object) =>
  process.stdout.write(`${JSON.stringify({ casecraftMail: message })}\n`);

// MailDev's API server announces itself on the console whatever `silent` says; the stack
// prints the inbox address itself.
console.info = () => {};
const maildev = new MailDev({
  smtp: request.smtpPort,
  ip: '127.0.0.1',
  web: request.webPort,
  webIp: '127.0.0.1',
  mailDirectory: request.mailDirectory,
  maxEmails: request.maxEmails,
  silent: true,
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  maildev
    .stop()
    .catch(() => {})
    .finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();

try {
  const servers = await maildev.start();
  // Port 0 (tests) picks free ports: report the ones bound.
  reply({
    webPort: servers.api?.getAddress()?.port ?? request.webPort,
    smtpPort: servers.smtp.getAddress().port,
  });
} catch (error) {
  reply({
    error: error instanceof Error ? error.message : String(error),
    code: (error as { code?: unknown }).code,
  });
  process.exit(1);
}
