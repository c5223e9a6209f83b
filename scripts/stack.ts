/**
 * `npm run stack`: only the backend (embedded PGlite + PostgREST + local Auth + MailDev) —
 * prints its URL, keys and the mail inbox. Data under CASECRAFT_DATA_DIR (default .data).
 * Ctrl-C stops it.
 *   --port N        API port (default 54321)
 *   --mail-port N   MailDev's web inbox (default 54324); --smtp-port N (default 54325)
 *   --site-port N   where the site runs, for the links in mails (default 4321)
 */
import { DEMO_SIGN_INS } from '../supabase/local/demo-accounts';
import { startStack } from '../supabase/local/stack';
import { exitOnStartupError, portOption } from './lib/startup-errors';

const stack = await startStack({
  dataDir: process.env.CASECRAFT_DATA_DIR ?? '.data',
  port: portOption('port', 54321),
  log: (line) => console.log(`stack: ${line}`),
  mail: {
    webPort: portOption('mail-port', 54324),
    smtpPort: portOption('smtp-port', 54325),
    siteUrl: `http://127.0.0.1:${portOption('site-port', 4321)}`,
  },
}).catch(
  exitOnStartupError({
    API: 'npm run stack -- --port',
    'mail inbox': 'npm run stack -- --mail-port',
    SMTP: 'npm run stack -- --smtp-port',
  }),
);
console.log(`
API URL:          ${stack.url}
anon key:         ${stack.anonKey}
service_role key: ${stack.serviceRoleKey}
database URL:     ${stack.databaseUrl}
                  (superuser, this run only, loopback only: for psql and tools)
Emails:           ${stack.mail?.inboxUrl ?? 'off'}  (MailDev; SMTP on 127.0.0.1:${stack.mail?.smtpPort ?? '-'})

${DEMO_SIGN_INS}

Press Ctrl-C to stop.`);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
