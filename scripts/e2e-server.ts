/**
 * The server the Playwright suite runs against: the built site plus a fresh embedded stack
 * (a new temporary database, demo agency seeded) — the whole platform as `npm start` gives it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from './lib/platform';

const dataDir = mkdtempSync(join(tmpdir(), 'casecraft-e2e-'));
const platform = await startPlatform({
  sitePort: Number(process.env.E2E_PORT ?? 4329),
  apiPort: Number(process.env.E2E_API_PORT ?? 54329),
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
