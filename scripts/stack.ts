/**
 * `npm run stack`: only the backend (embedded PGlite + PostgREST + local Auth) — prints its
 * URL and keys. Data under CASECRAFT_DATA_DIR (default .data). Ctrl-C stops it.
 *   --port N   API port (default 54321)
 */
import { DEMO_SIGN_INS } from '../supabase/local/demo-accounts';
import { startStack } from '../supabase/local/stack';
import { exitOnStartupError, portOption } from './lib/startup-errors';

const stack = await startStack({
  dataDir: process.env.CASECRAFT_DATA_DIR ?? '.data',
  port: portOption('port', 54321),
  log: (line) => console.log(`stack: ${line}`),
}).catch(exitOnStartupError({ API: 'npm run stack -- --port' }));
console.log(`
API URL:          ${stack.url}
anon key:         ${stack.anonKey}
service_role key: ${stack.serviceRoleKey}
database URL:     ${stack.databaseUrl}
                  (superuser, this run only, loopback only: for psql and tools)

${DEMO_SIGN_INS}

Press Ctrl-C to stop.`);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
