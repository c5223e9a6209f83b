/**
 * The server the Playwright suite runs against: the built site plus a fresh embedded stack
 * (a new temporary database, demo agency seeded) — the whole platform as `npm start` gives it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPortFree } from '../supabase/local/ports';
import { startPlatform } from './lib/platform';

// A data directory named by the site port, so a spec can run `npm run send:reminders` against
// this stack (it reads the stack's key from there); a crashed run's leftovers go first.
const sitePort = Number(process.env.E2E_PORT ?? 4329);
const dataDir = join(tmpdir(), `casecraft-e2e-${sitePort}`);
await checkPortFree(sitePort, 'site');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const platform = await startPlatform({
  sitePort,
  apiPort: Number(process.env.E2E_API_PORT ?? 54329),
  mailPort: Number(process.env.E2E_MAIL_PORT ?? 54334),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 54335),
  dataDir,
  build: false,
  log: (line) => console.log(`e2e-server: ${line}`),
});
const stop = () =>
  void platform.stop().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
