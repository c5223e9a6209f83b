import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Transporter } from 'nodemailer';
import {
  invitationMail,
  reminderMail,
  type InvitationFacts,
  type MailText,
  type ReminderFacts,
} from '../domain/team/mail-text';
import type { Database } from '../services/backend/database.types';

/**
 * Delivers the mail the database queued (private.mail_outbox): claims a batch with the
 * service role, writes each mail's words from its facts, sends it by SMTP and settles it
 * (sent, or the error kept for a later try). The same code runs inside the local stack
 * (continuously, into MailDev) and from cron against a hosted project (`npm run send:mail`,
 * `npm run send:reminders`).
 */

export interface QueuedMail {
  id: string;
  kind: 'invitation' | 'reminder';
  recipient: string;
  payload: unknown;
}

export interface SenderOptions {
  /** The Supabase URL and service-role key: claiming and settling mail are service-role only. */
  url: string;
  serviceRoleKey: string;
  transport: Pick<Transporter, 'sendMail'>;
  /** The From header, e.g. `Casecraft <no-reply@casecraft.local>`. */
  from: string;
  /** Where the site is: the links in the mails point there. */
  siteUrl: string;
  /** How mail goes out, in words, for the admin panel (e.g. "SMTP via smtp.example.org"). */
  via: string;
}

/** A queued mail's subject and text. */
export function composeMail(mail: QueuedMail, siteUrl: string): MailText {
  return mail.kind === 'invitation'
    ? invitationMail(siteUrl, mail.payload as InvitationFacts)
    : reminderMail(siteUrl, mail.payload as ReminderFacts);
}

export type ServiceClient = SupabaseClient<Database>;

export function serviceClient(url: string, serviceRoleKey: string): ServiceClient {
  return createClient<Database>(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

export interface DeliveryReport {
  sent: number;
  failed: { recipient: string; error: string }[];
}

/** Delivers everything queued now, batch by batch; says it is alive first. */
export async function deliverOutbox(
  options: SenderOptions,
  supabase: ServiceClient = serviceClient(options.url, options.serviceRoleKey),
): Promise<DeliveryReport> {
  const seen = await supabase.rpc('mail_sender_seen', { via: options.via });
  if (seen.error) throw new Error(`mail_sender_seen: ${seen.error.message}`);
  const report: DeliveryReport = { sent: 0, failed: [] };
  for (;;) {
    const claimed = await supabase.rpc('claim_mail', { batch: 20 });
    if (claimed.error) throw new Error(`claim_mail: ${claimed.error.message}`);
    const batch = claimed.data as unknown as QueuedMail[];
    if (batch.length === 0) return report;
    for (const mail of batch) {
      let error: string | undefined;
      try {
        const { subject, text } = composeMail(mail, options.siteUrl);
        await options.transport.sendMail({ from: options.from, to: mail.recipient, subject, text });
        report.sent += 1;
      } catch (reason) {
        error = reason instanceof Error ? reason.message : String(reason);
        report.failed.push({ recipient: mail.recipient, error });
      }
      const settled = await supabase.rpc('settle_mail', {
        mail_id: mail.id,
        ...(error === undefined ? {} : { error }),
      });
      if (settled.error) throw new Error(`settle_mail: ${settled.error.message}`);
    }
  }
}

/**
 * Delivers the outbox every `intervalMs` until stopped (the local stack's sender); resolves
 * once the first round is over (so the database knows mail goes out). A failed round is
 * logged and tried again next time: mail stays queued, nothing is lost.
 */
export async function runMailSender(
  options: SenderOptions & { intervalMs: number; log: (line: string) => void },
): Promise<{ stop(): Promise<void> }> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const supabase = serviceClient(options.url, options.serviceRoleKey);
  const round = () => {
    current = deliverOutbox(options, supabase)
      .then((report) => {
        for (const failure of report.failed)
          options.log(`mail to ${failure.recipient} failed: ${failure.error}`);
      })
      .catch((error: unknown) =>
        options.log(`mail sender: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(round, options.intervalMs);
      });
  };
  round();
  await current;
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
