/**
 * `npm run stack`: only the backend (embedded PGlite + PostgREST + local Auth) — prints its
 * URL and keys. Data under CASECRAFT_DATA_DIR (default .data). Ctrl-C stops it.
 */
import { DEMO_SIGN_INS } from '../supabase/local/demo-accounts';
import { startStack } from '../supabase/local/stack';

const index = process.argv.indexOf('--port');
const stack = await startStack({
  dataDir: process.env.CASECRAFT_DATA_DIR ?? '.data',
  port: index >= 0 ? Number(process.argv[index + 1]) : 54321,
  log: (line) => console.log(`stack: ${line}`),
});
console.log(`
API URL:          ${stack.url}
anon key:         ${stack.anonKey}
service_role key: ${stack.serviceRoleKey}

${DEMO_SIGN_INS}

Press Ctrl-C to stop.`);
const stop = () => void stack.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
