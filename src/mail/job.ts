import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiKeys } from '../../supabase/local/jwt';
import type { SenderOptions } from './outbox-sender';
import { DEFAULT_FROM, localTransport, smtpFromEnv, smtpTransport } from './smtp';

/**
 * Where the mail jobs (`npm run send:mail`, `npm run send:reminders`) deliver from and to.
 * Against a hosted project: SUPABASE_URL (or PUBLIC_SUPABASE_URL), SUPABASE_SERVICE_ROLE_KEY,
 * SITE_URL and the SMTP_* settings (src/mail/smtp.ts), all required. Otherwise the local
 * stack: its key from the data directory (CASECRAFT_DATA_DIR, default .data), MailDev's
 * SMTP, and the ports given as --api-port, --smtp-port and --site-port (defaults 54321,
 * 54325, 4321).
 */
export function jobSettings(
  env: NodeJS.ProcessEnv,
  port: (name: string, fallback: number) => number,
): SenderOptions {
  const url = env.SUPABASE_URL ?? env.PUBLIC_SUPABASE_URL;
  if (url) {
    const missing = ['SUPABASE_SERVICE_ROLE_KEY', 'SITE_URL', 'SMTP_HOST'].filter(
      (name) => !env[name],
    );
    if (missing.length > 0)
      throw new Error(`Sending mail for ${url} needs ${missing.join(', ')} in the environment.`);
    const smtp = smtpFromEnv(env)!;
    return {
      url,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!,
      transport: smtpTransport(smtp),
      from: smtp.from,
      siteUrl: env.SITE_URL!,
      via: `SMTP through ${smtp.host}:${smtp.port}, by the scheduled sender job`,
    };
  }
  const dataDir = env.CASECRAFT_DATA_DIR ?? '.data';
  const secretFile = join(dataDir, 'jwt-secret');
  if (!existsSync(secretFile))
    throw new Error(
      `No local stack data in ${dataDir} (start it with npm start or npm run stack), and no SUPABASE_URL for a hosted project.`,
    );
  const smtpPort = port('smtp-port', 54325);
  return {
    url: `http://127.0.0.1:${port('api-port', 54321)}`,
    serviceRoleKey: apiKeys(readFileSync(secretFile, 'utf8').trim()).serviceRoleKey,
    transport: localTransport(smtpPort),
    from: DEFAULT_FROM,
    siteUrl: `http://127.0.0.1:${port('site-port', 4321)}`,
    via: `MailDev (local mail catcher) on SMTP port ${smtpPort}`,
  };
}
