/**
 * `npm start`: the whole platform on the embedded local stack (demo agency seeded on first
 * run), or against a hosted Supabase project when PUBLIC_SUPABASE_URL and
 * PUBLIC_SUPABASE_ANON_KEY are set. Ctrl-C shuts everything down cleanly.
 *   --no-build       serve the existing dist/ without rebuilding
 *   --port N         site port (default 4321); --api-port N (default 54321)
 *   --mail-port N    MailDev's web inbox (default 54324); --smtp-port N (default 54325)
 *   CASECRAFT_DATA_DIR  where the local database lives (default .data)
 */
import { DEMO_SIGN_INS } from '../supabase/local/demo-accounts';
import { exitOnStartupError, portOption } from './lib/startup-errors';
import { startPlatform } from './lib/platform';

const platform = await startPlatform({
  sitePort: portOption('port', 4321),
  apiPort: portOption('api-port', 54321),
  mailPort: portOption('mail-port', 54324),
  smtpPort: portOption('smtp-port', 54325),
  dataDir: process.env.CASECRAFT_DATA_DIR ?? '.data',
  build: !process.argv.includes('--no-build'),
  log: (line) => console.log(`casecraft: ${line}`),
}).catch(
  exitOnStartupError({
    site: 'npm start -- --port',
    API: 'npm start -- --api-port',
    'mail inbox': 'npm start -- --mail-port',
    SMTP: 'npm start -- --smtp-port',
  }),
);

console.log(`
Casecraft is running at ${platform.siteUrl}/
Backend: ${platform.backend.url}  (anon key: ${platform.backend.anonKey.slice(0, 24)}…)
${platform.stack?.mail ? `Emails:  ${platform.stack.mail.inboxUrl}  (MailDev: every mail the platform sends lands here)\n` : ''}${platform.stack ? DEMO_SIGN_INS : ''}
Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\ncasecraft: ${signal}, shutting down…`);
  platform
    .stop()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
