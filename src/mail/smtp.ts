import nodemailer from 'nodemailer';

/**
 * SMTP settings from the environment, for the sender jobs against a hosted project:
 * SMTP_HOST (required), SMTP_PORT (587), SMTP_USER and SMTP_PASS (when the server wants
 * them), SMTP_SECURE=true for implicit TLS (port 465), MAIL_FROM.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  user?: string;
  pass?: string;
  secure: boolean;
  from: string;
}

export const DEFAULT_FROM = 'Casecraft <no-reply@casecraft.local>';

export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpSettings | undefined {
  if (!env.SMTP_HOST) return undefined;
  const port = Number(env.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`SMTP_PORT must be a port number (got "${env.SMTP_PORT}").`);
  return {
    host: env.SMTP_HOST,
    port,
    ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
    ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
    secure: env.SMTP_SECURE === 'true',
    from: env.MAIL_FROM ?? DEFAULT_FROM,
  };
}

export function smtpTransport(settings: SmtpSettings) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
  });
}

/** MailDev's SMTP on loopback: no authentication, no TLS. */
export function localTransport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}
