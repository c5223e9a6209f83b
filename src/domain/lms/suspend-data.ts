import { PLAY_MODES, type PlayMode } from '../activity/kinds';
import { replay, ScenarioRuntimeError, type Step } from '../scenario/runtime';
import type { ScenarioCore } from '../scenario/schema';

/**
 * The attempt in progress as an LMS keeps it (`cmi.suspend_data`): SCORM 1.2 allows 4,096
 * characters, so the attempt is written compactly — one base-36 character per decision (the
 * choice's place in its node's authored list) — and sealed with a checksum over the content
 * version, so suspend data an LMS truncates, corrupts or keeps from an older version of the
 * scenario is detected instead of replayed.
 *
 *   c1|<a|p mode><0|1 rehearsal>|<seed base 36>|<attempt id hex>|<interactions written>|<choices>|<fnv1a>
 */

export const SUSPEND_DATA_LIMIT = 4096;
const TAG = 'c1';
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface SuspendedAttempt {
  mode: PlayMode;
  /** The learner stepped back: later choices are rehearsal (see scenarioMachine.ts). */
  rehearsal: boolean;
  seed: number;
  /** The attempt's UUID (its records carry it). */
  attemptId: string;
  /** cmi.interactions already written in this LMS attempt (the next one's index). */
  interactionsWritten: number;
  /** Decisions on the current path, in order. */
  steps: Step[];
}

export type DecodedSuspendData =
  { ok: true; attempt: SuspendedAttempt } | { ok: false; problem: string };

/** FNV-1a, 32 bits, as 8 hex digits: enough to catch truncation and stray edits. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeSuspendData(
  scenario: ScenarioCore & { version: string },
  attempt: SuspendedAttempt,
): string {
  const attemptId = attempt.attemptId.toLowerCase();
  if (!UUID.test(attemptId)) throw new Error(`attempt id ${attempt.attemptId} is not a UUID`);
  if (!Number.isSafeInteger(attempt.seed) || attempt.seed < 0) {
    throw new Error(`seed ${attempt.seed} is not a whole number ≥ 0`);
  }
  const choices = attempt.steps
    .map((step) => {
      const index = scenario.nodes[step.node]?.choices?.findIndex((c) => c.id === step.choice);
      if (index === undefined || index < 0 || index >= DIGITS.length) {
        throw new Error(`step ${step.node}/${step.choice} is not a choice of ${scenario.id}`);
      }
      return DIGITS[index];
    })
    .join('');
  const body = [
    TAG,
    `${attempt.mode === 'assessment' ? 'a' : 'p'}${attempt.rehearsal ? 1 : 0}`,
    attempt.seed.toString(36),
    attemptId.replaceAll('-', ''),
    attempt.interactionsWritten.toString(36),
    choices,
  ].join('|');
  return `${body}|${fnv1a(`${scenario.version}|${body}`)}`;
}

const fail = (problem: string): DecodedSuspendData => ({ ok: false, problem });

/** Reads suspend data back; anything damaged, foreign or not playable is a problem, never a throw. */
export function decodeSuspendData(
  scenario: ScenarioCore & { version: string },
  text: string,
): DecodedSuspendData {
  const cut = text.lastIndexOf('|');
  if (!text.startsWith(`${TAG}|`) || cut < 0) return fail('it is not Casecraft suspend data');
  const body = text.slice(0, cut);
  if (text.slice(cut + 1) !== fnv1a(`${scenario.version}|${body}`)) {
    return fail('its checksum does not match (cut short, altered, or from another version)');
  }
  const fields = body.split('|');
  if (fields.length !== 6) return fail('it has the wrong number of fields');
  const [, flags = '', seedText = '', hex = '', writtenText = '', choices = ''] = fields;
  const mode = PLAY_MODES.find((candidate) => candidate[0] === flags[0]);
  if (!mode || !/^[ap][01]$/.test(flags)) return fail('its mode is not readable');
  if (!/^[0-9a-z]{1,11}$/.test(seedText) || !/^[0-9a-z]{1,6}$/.test(writtenText)) {
    return fail('its numbers are not readable');
  }
  if (!/^[0-9a-f]{32}$/.test(hex)) return fail('its attempt id is not readable');
  const attemptId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const steps: Step[] = [];
  try {
    let position = replay(scenario, []).position;
    for (const digit of choices) {
      const choice = scenario.nodes[position.node]?.choices?.[DIGITS.indexOf(digit)];
      if (!choice) return fail(`decision ${steps.length + 1} is not a choice at ${position.node}`);
      steps.push({ node: position.node, choice: choice.id });
      position = replay(scenario, steps).position;
    }
  } catch (error) {
    if (error instanceof ScenarioRuntimeError)
      return fail(`its decisions cannot be replayed (${error.message})`);
    throw error;
  }
  return {
    ok: true,
    attempt: {
      mode,
      rehearsal: flags[1] === '1',
      seed: parseInt(seedText, 36),
      attemptId,
      interactionsWritten: parseInt(writtenText, 36),
      steps,
    },
  };
}
