import type { Step } from '../scenario/runtime';
import type { ScenarioCore } from '../scenario/schema';
import { choiceTotal, type AttemptScore } from './score';

/**
 * SCORM run-time data from an attempt: pure mappings to (element, value) pairs that the
 * runtime adapters set in order. SCORM 1.2 (`cmi.core.*`) and SCORM 2004 4th edition
 * (`cmi.*`) differ in names and formats, not in what they say: one interaction per
 * decision, one objective per skill the scenario measures, a score between the worst and
 * best reachable totals and a status decided by the package's mastery score.
 */

export type CmiValues = [element: string, value: string][];

/** One recorded decision, as the adapter sees it. */
export interface DecisionStep extends Step {
  /** When it was taken (ISO 8601). */
  at: string;
  /** Time since the decision was put to the learner, in milliseconds. */
  latencyMs: number;
}

export type InteractionResult = 'correct' | 'wrong' | 'neutral';

/** A decision's result: positive evidence overall is "correct", negative "wrong". */
export function decisionResult(scenario: ScenarioCore, step: Step): InteractionResult {
  const choice = scenario.nodes[step.node]?.choices?.find((c) => c.id === step.choice);
  const total = choice ? choiceTotal(choice) : 0;
  return total > 0 ? 'correct' : total < 0 ? 'wrong' : 'neutral';
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
export function scorm12Timespan(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const seconds = Math.floor(hundredths / 100) % 60;
  const minutes = Math.floor(hundredths / 6000) % 60;
  const hours = Math.min(9999, Math.floor(hundredths / 360000));
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(seconds)}.${pad(hundredths % 100)}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration, seconds to hundredths): PT1H2M3.45S. */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(hundredths / 360000);
  const minutes = Math.floor(hundredths / 6000) % 60;
  const seconds = (hundredths % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

const rounded = (value: number) => String(Math.round(value * 10000) / 10000);
const percent = (value: number) => String(Math.round(value * 100));

const skillsOf = (scenario: ScenarioCore, step: Step) =>
  Object.keys(
    scenario.nodes[step.node]?.choices?.find((c) => c.id === step.choice)?.evidence ?? {},
  );

/** The interaction id: the decision point, unique within the scenario (identifier-safe). */
export const interactionId = (scenario: ScenarioCore, step: Step) => `${scenario.id}.${step.node}`;

/** SCORM 1.2 choice responses are single characters: the choice's letter in authored order. */
export function scorm12Response(scenario: ScenarioCore, step: Step): string {
  const index = scenario.nodes[step.node]?.choices?.findIndex((c) => c.id === step.choice) ?? -1;
  return index >= 0 && index < 26 ? String.fromCharCode(97 + index) : step.choice;
}

/** `cmi.interactions.n.*` for one decision (SCORM 1.2). */
export function scorm12Interaction(
  scenario: ScenarioCore,
  index: number,
  step: DecisionStep,
): CmiValues {
  const prefix = `cmi.interactions.${index}`;
  return [
    [`${prefix}.id`, interactionId(scenario, step)],
    ...skillsOf(scenario, step).map((skill, n): [string, string] => [
      `${prefix}.objectives.${n}.id`,
      skill,
    ]),
    [`${prefix}.time`, step.at.slice(11, 19)],
    [`${prefix}.type`, 'choice'],
    [`${prefix}.student_response`, scorm12Response(scenario, step)],
    [`${prefix}.result`, decisionResult(scenario, step)],
    [`${prefix}.latency`, scorm12Timespan(step.latencyMs)],
  ];
}

/** `cmi.interactions.n.*` for one decision (SCORM 2004 4th edition). */
export function scorm2004Interaction(
  scenario: ScenarioCore,
  index: number,
  step: DecisionStep,
): CmiValues {
  const prefix = `cmi.interactions.${index}`;
  const choice = scenario.nodes[step.node]?.choices?.find((c) => c.id === step.choice);
  const result = decisionResult(scenario, step);
  return [
    [`${prefix}.id`, interactionId(scenario, step)],
    [`${prefix}.type`, 'choice'],
    ...skillsOf(scenario, step).map((skill, n): [string, string] => [
      `${prefix}.objectives.${n}.id`,
      skill,
    ]),
    [`${prefix}.timestamp`, step.at.slice(0, 19)],
    [`${prefix}.learner_response`, step.choice],
    [`${prefix}.result`, result === 'wrong' ? 'incorrect' : result],
    [`${prefix}.latency`, isoDuration(step.latencyMs)],
    [`${prefix}.description`, (choice?.text ?? step.choice).slice(0, 250)],
  ];
}

/** Where the attempt stands: decisions so far, whether it reached an ending, its score. */
export interface AttemptStanding {
  decisions: number;
  ended: boolean;
  score: AttemptScore;
  /** The most decisions any play-through takes (for progress_measure). */
  longestPath: number;
}

/** Status, score and objectives (SCORM 1.2): incomplete until an ending, then passed or failed. */
export function scorm12Standing(standing: AttemptStanding): CmiValues {
  const { score, ended } = standing;
  const values: CmiValues = [
    ['cmi.core.lesson_status', ended ? (score.passed ? 'passed' : 'failed') : 'incomplete'],
    ['cmi.core.score.min', '0'],
    ['cmi.core.score.max', '100'],
    ['cmi.core.score.raw', percent(score.scaled)],
  ];
  score.skills.forEach((skill, n) => {
    const prefix = `cmi.objectives.${n}`;
    values.push(
      [`${prefix}.id`, skill.skill],
      [`${prefix}.score.min`, '0'],
      [`${prefix}.score.max`, '100'],
      [`${prefix}.score.raw`, percent(skill.scaled)],
      [`${prefix}.status`, ended ? (skill.passed ? 'passed' : 'failed') : 'incomplete'],
    );
  });
  return values;
}

/** Status, score, progress and objectives (SCORM 2004 4th edition). */
export function scorm2004Standing(standing: AttemptStanding): CmiValues {
  const { score, ended } = standing;
  const progress = ended
    ? 1
    : Math.min(0.99, standing.decisions / Math.max(1, standing.longestPath));
  const values: CmiValues = [
    ['cmi.completion_status', ended ? 'completed' : 'incomplete'],
    ['cmi.success_status', ended ? (score.passed ? 'passed' : 'failed') : 'unknown'],
    ['cmi.progress_measure', rounded(progress)],
    ['cmi.score.min', '0'],
    ['cmi.score.max', '100'],
    ['cmi.score.raw', percent(score.scaled)],
    ['cmi.score.scaled', rounded(score.scaled)],
  ];
  score.skills.forEach((skill, n) => {
    const prefix = `cmi.objectives.${n}`;
    values.push(
      [`${prefix}.id`, skill.skill],
      [`${prefix}.score.scaled`, rounded(skill.scaled)],
      [`${prefix}.score.min`, '0'],
      [`${prefix}.score.max`, '100'],
      [`${prefix}.score.raw`, percent(skill.scaled)],
      [`${prefix}.success_status`, ended ? (skill.passed ? 'passed' : 'failed') : 'unknown'],
      [`${prefix}.completion_status`, ended ? 'completed' : 'incomplete'],
    );
  });
  return values;
}
