/**
 * `npm run send:reminders`: today's due-date digests — to each learner with items due in the
 * next 7 days or overdue, to each supervisor with their cohorts' overdue items — queued by the
 * database (queue_reminders: at most once per recipient, item and day, so running it again
 * the same day sends nothing new) and delivered by SMTP. Run it daily from cron or the host's
 * scheduler; settings in src/mail/job.ts (README: "Email").
 */
import { deliverOutbox, serviceClient } from '../src/mail/outbox-sender';
import { jobSettings } from '../src/mail/job';
import { portOption } from './lib/startup-errors';

const settings = jobSettings(process.env, portOption);
const queued = await serviceClient(settings.url, settings.serviceRoleKey).rpc('queue_reminders');
if (queued.error) {
  console.error(`Could not queue reminders: ${queued.error.message}`);
  process.exit(1);
}
const report = await deliverOutbox(settings);
console.log(
  `Reminders: ${String(queued.data)} digest${queued.data === 1 ? '' : 's'} queued today; ${report.sent} mail${report.sent === 1 ? '' : 's'} sent.`,
);
for (const failure of report.failed)
  console.error(`Mail to ${failure.recipient} failed (kept for the next run): ${failure.error}`);
process.exit(report.failed.length > 0 ? 1 : 0);
