/**
 * Simulated learners playing the real scenario library and answering the real lessons'
 * knowledge checks — activity records as the recorder or `npm run score` would see them.
 * For demonstrating and testing item analysis (and scoring files at scale). Seeded.
 *
 * Learners: a general ability g ~ N(0, 1); per skill θ_s = 0.6·g + 0.8·z_s.
 * Decisions: among the options on offer, P(option j) ∝ exp(a·(θ + 0.5)·c_j + b_j), with θ the
 * mean ability on the skills at stake, c_j the option's mean code on them (/3), a per
 * decision in 1.5–3 and b_j an option's surface appeal ~ N(0, 0.4): able learners pick
 * well-coded options, weak ones drift to the tempting poor ones.
 * Checks: the learner knows the answer with P = σ(1.7·a·(θ_s − b)), else guesses at random.
 * Planted bad items: a decision whose able learners prefer its worst-coded options, and a
 * mis-keyed check whose able learners choose one particular distractor.
 */
import { playThrough, type ChoicePicker } from '../../scenario/runtime';
import type { ScenarioCore } from '../../scenario/schema';
import type { ActivityRecord } from '../../activity/record';
import { createRandom, logistic, type Random } from './generators';

export interface ActivityContent {
  scenarios: readonly (ScenarioCore & { version?: string })[];
  lessons: readonly {
    id: string;
    check: readonly {
      id: string;
      skill: string;
      options: readonly { id: string; correct: boolean }[];
    }[];
  }[];
}

export interface ActivityOptions {
  learners: number;
  seed: number;
  /** Days the activity is spread over. */
  days?: number;
  /** Scenario plays per learner. */
  plays?: number;
  /** Lessons whose checks each learner answers. */
  lessons?: number;
  /** Items to make bad on purpose. */
  plant?: {
    decisions?: readonly { scenarioId: string; nodeId: string }[];
    checks?: readonly { lessonId: string; itemId: string; distractor: string }[];
  };
}

export interface SimulatedActivity {
  learner: string;
  record: ActivityRecord;
}

const START = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A per-item parameter that stays the same for every learner (hashed from the seed and id). */
function itemRandom(seed: number, id: string): Random {
  let hash = seed >>> 0;
  for (let index = 0; index < id.length; index++)
    hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193) >>> 0;
  return createRandom(hash);
}

export function simulateActivity(
  content: ActivityContent,
  skills: readonly string[],
  options: ActivityOptions,
): SimulatedActivity[] {
  const random = createRandom(options.seed);
  const days = options.days ?? 90;
  const plays = options.plays ?? 10;
  const lessonsEach = Math.min(options.lessons ?? 8, content.lessons.length);
  const badDecisions = new Set(
    (options.plant?.decisions ?? []).map((item) => `${item.scenarioId}/${item.nodeId}`),
  );
  const badChecks = new Map(
    (options.plant?.checks ?? []).map((item) => [
      `${item.lessonId}#${item.itemId}`,
      item.distractor,
    ]),
  );
  const decisionParameters = new Map<string, { a: number; appeal: Map<string, number> }>();
  const decisionOf = (scenario: ScenarioCore, node: string) => {
    const key = `${scenario.id}/${node}`;
    let found = decisionParameters.get(key);
    if (!found) {
      const local = itemRandom(options.seed, key);
      found = {
        a: 1.5 + 1.5 * local.next(),
        appeal: new Map(
          (scenario.nodes[node]?.choices ?? []).map((choice) => [choice.id, local.normal() * 0.4]),
        ),
      };
      decisionParameters.set(key, found);
    }
    return found;
  };
  const checkParameters = (key: string) => {
    const local = itemRandom(options.seed, key);
    return { a: 0.6 + 1.4 * local.next(), b: local.normal() * 0.8 - 0.3 };
  };

  const activity: SimulatedActivity[] = [];
  for (let index = 0; index < options.learners; index++) {
    const learner = `learner-${String(index + 1).padStart(4, '0')}`;
    const general = random.normal();
    const theta = new Map(skills.map((skill) => [skill, 0.6 * general + 0.8 * random.normal()]));
    let counter = 0;
    const id = () => `${learner}-${++counter}`;
    const at = (time: number) => new Date(time).toISOString();

    for (let play = 0; play < plays; play++) {
      const scenario = content.scenarios[Math.floor(random.next() * content.scenarios.length)]!;
      const mode = random.next() < 0.7 ? 'assessment' : 'practice';
      const attemptId = `${learner}-attempt-${play + 1}`;
      let time = START + Math.floor(random.next() * days * DAY);
      const pickByAbility: ChoicePicker = (offered, position) => {
        const stake = [
          ...new Set(offered.flatMap((choice) => Object.keys(choice.evidence))),
        ].filter((skill) => {
          const codes = offered.map((choice) => choice.evidence[skill]?.code ?? 0);
          return Math.max(...codes) !== Math.min(...codes);
        });
        const ability =
          stake.length === 0
            ? 0
            : stake.reduce((sum, skill) => sum + (theta.get(skill) ?? general), 0) / stake.length;
        const parameters = decisionOf(scenario, position.node);
        const direction = badDecisions.has(`${scenario.id}/${position.node}`) ? -1 : 1;
        const utilities = offered.map((choice) => {
          const code =
            stake.length === 0
              ? 0
              : stake.reduce((sum, skill) => sum + (choice.evidence[skill]?.code ?? 0), 0) /
                stake.length /
                3;
          return (
            direction * parameters.a * (ability + 0.5) * code +
            (parameters.appeal.get(choice.id) ?? 0)
          );
        });
        const top = Math.max(...utilities);
        const weights = utilities.map((utility) => Math.exp(utility - top));
        let draw = random.next() * weights.reduce((a, b) => a + b, 0);
        let pick = offered.length - 1;
        for (let option = 0; option < offered.length; option++) {
          draw -= weights[option]!;
          if (draw <= 0) {
            pick = option;
            break;
          }
        }
        return offered[pick]!;
      };
      for (const { position, choice } of playThrough(scenario, pickByAbility)) {
        activity.push({
          learner,
          record: {
            kind: 'choice',
            id: id(),
            at: at(time),
            attemptId,
            scenarioId: scenario.id,
            ...(scenario.version ? { version: scenario.version } : {}),
            nodeId: position.node,
            choiceId: choice.id,
            mode,
          },
        });
        time += MINUTE;
      }
    }

    const lessons = [...content.lessons]
      .map((lesson) => ({ lesson, order: random.next() }))
      .sort((a, b) => a.order - b.order)
      .slice(0, lessonsEach);
    for (const { lesson } of lessons) {
      let time = START + Math.floor(random.next() * days * DAY);
      for (const item of lesson.check) {
        const key = `${lesson.id}#${item.id}`;
        const { a, b } = checkParameters(key);
        const knows = random.next() < logistic(1.7 * a * ((theta.get(item.skill) ?? general) - b));
        const misKeyedTo = badChecks.get(key);
        const correct = item.options.find((option) => option.correct)!;
        const option = knows
          ? (misKeyedTo ?? correct.id)
          : item.options[Math.floor(random.next() * item.options.length)]!.id;
        activity.push({
          learner,
          record: {
            kind: 'check',
            id: id(),
            at: at(time),
            lessonId: lesson.id,
            itemId: item.id,
            optionId: option,
          },
        });
        time += MINUTE;
      }
    }
  }
  return activity.sort(
    (a, b) =>
      Date.parse(a.record.at) - Date.parse(b.record.at) ||
      (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0),
  );
}
