/**
 * `npm run send:mail`: delivers the mail the database queued (invitations, reminders) by
 * SMTP — for a hosted project, run it every minute or two from cron or the host's scheduler
 * (the local stack runs the same sender continuously). Settings in src/mail/job.ts.
 */
import { deliverOutbox } from '../src/mail/outbox-sender';
import { jobSettings } from '../src/mail/job';
import { portOption } from './lib/startup-errors';

const report = await deliverOutbox(jobSettings(process.env, portOption));
console.log(`Mail: ${report.sent} sent.`);
for (const failure of report.failed)
  console.error(`Mail to ${failure.recipient} failed (kept for the next run): ${failure.error}`);
process.exit(report.failed.length > 0 ? 1 : 0);
