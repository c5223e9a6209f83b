/**
 * Simulated learners' answers from models that are NOT the scoring model, so that the
 * validation says something about learners the model was not tuned to. Each generator
 * draws items from a bank; an item turns an ability θ into the evidence the engine would
 * record (score y, raw weight w, format) and says what the learner's true proficiency on it
 * is. Everything is seeded.
 */
import { CODE_SPAN } from '../../scenario/schema';
import { seededRandom } from '../../scenario/shuffle';
import type { EvidenceFormat, ScoringConfig } from '../config';
import { checkEvidence } from '../evidence';

export interface Random {
  next(): number;
  normal(): number;
}

export function createRandom(seed: number): Random {
  const uniform = seededRandom(seed);
  return {
    next: uniform,
    normal() {
      // Box–Muller.
      const u = Math.max(uniform(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
    },
  };
}

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** What the engine records for one answer. */
export interface SimulatedAnswer {
  y: number;
  w: number;
}

export interface SimulatedItem {
  format: EvidenceFormat;
  /** The evidence a learner of ability θ produces (random: the answer is drawn). */
  answer(theta: number, random: Random): SimulatedAnswer;
  /**
   * The proficiency a learner of ability θ truly has on this item — the expected score
   * without luck: expected graded score, P(correct), or for a guessable check P(knows).
   */
  truth(theta: number): number;
  /** How much the item counts in the learner's true proficiency (its nominal weight). */
  truthWeight: number;
  /** P(recorded score y | θ) under the generator: for the oracle that knows every item. */
  likelihood(theta: number, y: number): number;
}

/** A population of items: which formats a learner meets, how often. */
export interface Generator {
  name: string;
  description: string;
  /** Item banks with their share of a learner's answers (shares sum to 1). */
  banks(random: Random, config: ScoringConfig): { share: number; items: SimulatedItem[] }[];
}

const BANK_SIZE = 400;

// ---------------------------------------------------------------------------------------
// Graded choices: the authored kind of decision (3–4 options coded −3…+3), answered by a
// graded-response model (Samejima) with discrimination 0.5–2.5.

export interface GradedItem extends SimulatedItem {
  codes: number[];
  discrimination: number;
  /** Thresholds b_1 < … < b_{K−1}: P(option ≥ k | θ) = σ(1.7·a·(θ − b_k)). */
  thresholds: number[];
}

/** Probability of each ordered category (worst → best) under the graded-response model. */
export function gradedProbabilities(
  discrimination: number,
  thresholds: readonly number[],
  theta: number,
): number[] {
  const atLeast = [1, ...thresholds.map((b) => logistic(1.7 * discrimination * (theta - b))), 0];
  return atLeast.slice(0, -1).map((value, index) => Math.max(0, value - atLeast[index + 1]!));
}

/**
 * Expected score under the graded-response model without building the category
 * probabilities: E[s] = s_0 + Σ_k P(Y ≥ k)·(s_k − s_{k−1}) (scores ordered worst → best).
 */
export function gradedExpectedScore(
  discrimination: number,
  thresholds: readonly number[],
  scores: readonly number[],
  theta: number,
): number {
  let expected = scores[0]!;
  for (let k = 1; k < scores.length; k++)
    expected +=
      logistic(1.7 * discrimination * (theta - thresholds[k - 1]!)) * (scores[k]! - scores[k - 1]!);
  return expected;
}

function drawCategory(probabilities: readonly number[], random: Random): number {
  let draw = random.next();
  for (let index = 0; index < probabilities.length; index++) {
    draw -= probabilities[index]!;
    if (draw <= 0) return index;
  }
  return probabilities.length - 1;
}

/** Items like the authored ones: 3–4 options, best +2/+3, worst −1…−3. */
export function makeGradedItem(random: Random, config: ScoringConfig): GradedItem {
  const options = random.next() < 0.5 ? 3 : 4;
  const best = random.next() < 0.5 ? 2 : 3;
  const worst = -1 - Math.floor(random.next() * 3);
  const middle = Array.from(
    { length: options - 2 },
    () => worst + 1 + Math.floor(random.next() * (best - worst - 1)),
  ).sort((a, b) => a - b);
  const codes = [worst, ...middle, best];
  const centre = random.normal() * 0.8 - 0.3;
  const spread = 0.6 + random.next() * 0.8;
  const thresholds = Array.from(
    { length: options - 1 },
    (_, index) => centre + spread * (index / Math.max(1, options - 2) - 0.5) * 2,
  );
  const discrimination = 0.5 + random.next() * 2;
  // The engine's evidence: y = (code − worst)/(best − worst), w = r·(best − worst)/span.
  const weight = (config.weights.assessment * (best - worst)) / CODE_SPAN;
  const scores = codes.map((code) => (code - worst) / (best - worst));
  return {
    format: 'choice',
    codes,
    discrimination,
    thresholds,
    truthWeight: weight,
    answer(theta, random) {
      const category = drawCategory(gradedProbabilities(discrimination, thresholds, theta), random);
      return { y: scores[category]!, w: weight };
    },
    truth: (theta) => gradedExpectedScore(discrimination, thresholds, scores, theta),
    likelihood: (theta, y) => categoryLikelihood(discrimination, thresholds, scores, theta, y),
  };
}

/** P(score y | θ): the summed probability of the categories that score y. */
function categoryLikelihood(
  discrimination: number,
  thresholds: readonly number[],
  scores: readonly number[],
  theta: number,
  y: number,
): number {
  return gradedProbabilities(discrimination, thresholds, theta).reduce(
    (sum, probability, index) => (scores[index] === y ? sum + probability : sum),
    0,
  );
}

// ---------------------------------------------------------------------------------------
// Binary right/wrong answers from a 2PL model (optionally with guessing: 3PL).

/** P(correct) = c + (1 − c)·σ(1.7·a·(θ − b)); c = 0 is the 2PL. */
export interface BinaryItemParameters {
  discrimination: number;
  difficulty: number;
  guessing: number;
}

/**
 * Discrimination uniform in 0.3–2 and difficulty normal with SD 1, in the normal-ogive
 * metric (1.7·a, as the graded generator) — the metric that reproduces issue 14's figures.
 */
export function binaryParameters(random: Random, guessing = 0): BinaryItemParameters {
  return {
    discrimination: 0.3 + random.next() * 1.7,
    difficulty: random.normal() - 0.2,
    guessing,
  };
}

export const knows = (item: BinaryItemParameters, theta: number) =>
  logistic(1.7 * item.discrimination * (theta - item.difficulty));

export const correctProbability = (item: BinaryItemParameters, theta: number) =>
  item.guessing + (1 - item.guessing) * knows(item, theta);

/** A right/wrong answer recorded as an observation line: y ∈ {0, 1}, w = 1 (as `npm run score` reads it). */
export function binaryObservationItem(parameters: BinaryItemParameters): SimulatedItem {
  return {
    format: 'observation',
    truthWeight: 1,
    answer: (theta, random) => ({
      y: random.next() < correctProbability(parameters, theta) ? 1 : 0,
      w: 1,
    }),
    truth: (theta) => correctProbability(parameters, theta),
    likelihood: (theta, y) => {
      const p = correctProbability(parameters, theta);
      return y === 1 ? p : 1 - p;
    },
  };
}

/**
 * A knowledge-check item with `options` options, scored by the engine's own rule
 * (config.checkScoring). Its truth is P(knows): a lucky guess is not proficiency.
 */
export function checkItem(
  parameters: BinaryItemParameters,
  options: number,
  config: ScoringConfig,
): SimulatedItem {
  const choices = Array.from({ length: options }, (_, index) => ({
    id: String(index),
    correct: index === 0,
  }));
  const right = checkEvidence(choices, '0', config.weights.check, config.checkScoring)!;
  const wrong = checkEvidence(choices, '1', config.weights.check, config.checkScoring)!;
  return {
    format: 'check',
    truthWeight: config.weights.check,
    answer: (theta, random) =>
      random.next() < correctProbability(parameters, theta) ? right : wrong,
    truth: (theta) => knows(parameters, theta),
    likelihood: (theta, y) => {
      const p = correctProbability(parameters, theta);
      return y === 1 ? p : 1 - p;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Supervisors' ratings of observed practice on a 5-point scale (graded response), w = 1.

export function ratingItem(random: Random): SimulatedItem {
  const discrimination = 0.8 + random.next() * 1.2;
  const centre = random.normal() * 0.5;
  const thresholds = [-1.5, -0.5, 0.5, 1.5].map((offset) => centre + offset * 0.8);
  const scores = [0, 0.25, 0.5, 0.75, 1];
  return {
    format: 'observation',
    truthWeight: 1,
    answer(theta, random) {
      const category = drawCategory(gradedProbabilities(discrimination, thresholds, theta), random);
      return { y: scores[category]!, w: 1 };
    },
    truth: (theta) => gradedExpectedScore(discrimination, thresholds, scores, theta),
    likelihood: (theta, y) => categoryLikelihood(discrimination, thresholds, scores, theta, y),
  };
}

const bankOf = (make: () => SimulatedItem) => Array.from({ length: BANK_SIZE }, make);

/** The options of a simulated check item: 3 or 4, as in the lessons. */
const checkOptions = (random: Random) => (random.next() < 0.5 ? 3 : 4);

export const GENERATORS: readonly Generator[] = [
  {
    name: 'graded',
    description:
      'graded scenario choices (graded-response 2PL, discrimination 0.5–2.5), assessment mode, runs of 4',
    banks: (random, config) => [{ share: 1, items: bankOf(() => makeGradedItem(random, config)) }],
  },
  {
    name: 'binary-2pl',
    description:
      'right/wrong answers from a 2PL (discrimination 0.3–2, difficulty SD 1 logit), as observation lines y ∈ {0,1}, w = 1',
    banks: (random) => [
      { share: 1, items: bankOf(() => binaryObservationItem(binaryParameters(random))) },
    ],
  },
  {
    name: 'mixed',
    description:
      'one learner, three formats: 50% graded choices, 30% knowledge checks (3PL, guessing 1/m), 20% supervisor ratings (5-point)',
    banks: (random, config) => [
      { share: 0.5, items: bankOf(() => makeGradedItem(random, config)) },
      {
        share: 0.3,
        items: bankOf(() => {
          const options = checkOptions(random);
          return checkItem(binaryParameters(random, 1 / options), options, config);
        }),
      },
      { share: 0.2, items: bankOf(() => ratingItem(random)) },
    ],
  },
  {
    name: 'guessing-3pl',
    description:
      'misspecified: 4-option knowledge checks answered by a 3PL with guessing c = 0.25 (discrimination 0.3–2); truth is P(knows), not P(correct)',
    banks: (random, config) => [
      {
        share: 1,
        items: bankOf(() => checkItem(binaryParameters(random, 0.25), 4, config)),
      },
    ],
  },
];

export function generatorNamed(name: string): Generator {
  const generator = GENERATORS.find((candidate) => candidate.name === name);
  if (!generator)
    throw new Error(
      `unknown generator "${name}" (one of ${GENERATORS.map((g) => g.name).join(', ')})`,
    );
  return generator;
}
