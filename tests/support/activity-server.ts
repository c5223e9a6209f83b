import {
  availableChoices,
  choose,
  isEnding,
  startPosition,
  type Position,
} from '../../src/domain/scenario/runtime';
import type { ScenarioCore } from '../../src/domain/scenario/schema';

/**
 * An in-memory stand-in for the database's `record_activity` RPC, implementing its contract
 * (test code only): per event `accepted`, `duplicate`, `refused` (final, with `code`) or
 * `deferred` (`awaiting_predecessor`, `waiting_for`: the attempt has not reached seq − 1;
 * nothing stored). Choices must follow the attempt's previous step and be on offer there; a
 * completion must name the ending the attempt reached. Each batch is sorted by
 * (attempt_id, seq) before it is applied; results come back in the order sent. Events without
 * `seq` (from clients older than sequence numbers) are checked against the attempt's position
 * only, as the server did before.
 */

export interface SimulatedResult {
  id: string;
  status: 'accepted' | 'duplicate' | 'refused' | 'deferred';
  error?: string;
  code?: string;
  waiting_for?: number;
}

interface Attempt {
  scenarioId: string;
  mode: string;
  /** The highest step stored. */
  seq: number;
  position: Position;
  completed: boolean;
  /** Event ids in the order they were stored. */
  stored: string[];
}

type Event = Record<string, unknown>;

const MAX_BATCH = 200;
const attemptOf = (event: Event) => (typeof event.attempt_id === 'string' ? event.attempt_id : '');

export function createActivityServer(scenarios: Record<string, ScenarioCore>) {
  const events = new Map<string, Event>();
  const attempts = new Map<string, Attempt>();
  const refusals: SimulatedResult[] = [];
  let deferrals = 0;

  const refuse = (id: string, code: string, error: string): SimulatedResult => {
    const result = { id, status: 'refused' as const, code, error };
    refusals.push(result);
    return result;
  };

  function apply(event: Event): SimulatedResult {
    const id = String(event.id);
    if (events.has(id)) return { id, status: 'duplicate' };
    if (event.kind === 'check') {
      events.set(id, event);
      return { id, status: 'accepted' };
    }
    if (event.kind !== 'choice' && event.kind !== 'completion')
      return refuse(id, 'invalid_field', `Unknown kind ${String(event.kind)}`);
    const scenario = scenarios[String(event.scenario_id)];
    if (!scenario) return refuse(id, 'unknown_content', 'Unknown scenario');
    const seq = event.seq;
    if (
      seq !== undefined &&
      (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > 1000)
    )
      return refuse(id, 'invalid_field', 'seq must be a whole number from 1 to 1000');
    const attemptId = String(event.attempt_id);
    const attempt = attempts.get(attemptId) ?? {
      scenarioId: String(event.scenario_id),
      mode: String(event.mode),
      seq: 0,
      position: startPosition(scenario).position,
      completed: false,
      stored: [],
    };
    if (attempt.scenarioId !== event.scenario_id || attempt.mode !== event.mode)
      return refuse(id, 'attempt_mismatch', 'Attempt is another scenario or mode');
    const expected = attempt.seq + 1;
    if (typeof seq === 'number') {
      if (seq < expected)
        return refuse(id, 'out_of_sequence', `Step ${seq} of this attempt is already recorded`);
      if (seq > expected) {
        deferrals++;
        return {
          id,
          status: 'deferred',
          code: 'awaiting_predecessor',
          error: `Waiting for step ${expected}`,
          waiting_for: expected,
        };
      }
    }
    if (event.kind === 'choice') {
      if (attempt.completed || event.node_id !== attempt.position.node)
        return refuse(
          id,
          'out_of_sequence',
          `Decision at "${String(event.node_id)}" does not follow the attempt's previous step (expected "${attempt.position.node}")`,
        );
      const offered = availableChoices(scenario, attempt.position).some(
        (choice) => choice.id === event.choice_id,
      );
      if (!offered) return refuse(id, 'not_on_offer', 'Choice is not on offer');
      attempt.position = choose(scenario, attempt.position, String(event.choice_id)).position;
    } else {
      if (attempt.completed)
        return refuse(
          id,
          'out_of_sequence',
          'The completion was already recorded by another record',
        );
      if (!isEnding(scenario, attempt.position) || attempt.position.node !== event.ending_id)
        return refuse(id, 'not_at_ending', 'The attempt has not reached this ending');
      attempt.completed = true;
    }
    attempt.seq = expected;
    attempt.stored.push(id);
    attempts.set(attemptId, attempt);
    events.set(id, event);
    return { id, status: 'accepted' };
  }

  return {
    /** The RPC: one result per event, in the order sent. */
    recordActivity(batch: readonly Event[]): SimulatedResult[] {
      if (batch.length > MAX_BATCH) throw new Error(`Send at most ${MAX_BATCH} events at a time`);
      const order = batch
        .map((event, index) => ({ event, index }))
        .sort(
          (a, b) =>
            attemptOf(a.event).localeCompare(attemptOf(b.event)) ||
            Number(a.event.seq ?? 0) - Number(b.event.seq ?? 0) ||
            a.index - b.index,
        );
      const results: SimulatedResult[] = [];
      for (const { event, index } of order) results[index] = apply(event);
      return results;
    },
    events,
    attempts,
    refusals,
    deferrals: () => deferrals,
  };
}

export type ActivityServer = ReturnType<typeof createActivityServer>;
