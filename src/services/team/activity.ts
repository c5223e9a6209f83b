import type { ActivityEventRow } from '../../domain/activity/event-row';
import { toActivityEvent } from '../../domain/activity/event-row';
import type { ObservationRecord } from '../../domain/activity/record';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** A learner's activity as the server keeps it, and supervisors' observations of their work. */

export type EventRow = Pick<
  TableRow<'activity_events'>,
  keyof ActivityEventRow | 'user_id' | 'observed_by'
>;

export const EVENT_COLUMNS =
  'id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, ending_id, mode, seq, lesson_id, item_id, option_id, skill_id, score, weight, note, observed_by';

// The generated row must carry every column the activity codec reads.
const rowsDecode = (row: EventRow): ActivityEventRow => row;
void rowsDecode;

export function activityQueries(supabase: Backend, me: string) {
  return {
    async events(userId: string): Promise<EventRow[]> {
      return unwrap(
        await supabase
          .from('activity_events')
          .select(EVENT_COLUMNS)
          .eq('user_id', userId)
          .order('occurred_at'),
      );
    },
    /** A supervisor's observation of a learner's real work, recorded as its observer. */
    async recordObservation(
      learnerId: string,
      observation: Omit<ObservationRecord, 'kind' | 'id'>,
    ): Promise<void> {
      const event = toActivityEvent({
        kind: 'observation',
        id: crypto.randomUUID(),
        ...observation,
      });
      done(
        await supabase
          .from('activity_events')
          .insert({ ...event, user_id: learnerId, observed_by: me }),
      );
    },
  };
}
