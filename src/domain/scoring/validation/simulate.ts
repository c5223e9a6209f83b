/**
 * The scoring model's validation on simulated learners whose answers come from a different
 * model: a graded-response 2PL IRT model with varied discrimination. Seeded, so every run
 * prints the same figures. Targets are those of ../shared/SCORING.md.
 */
import { seededRandom } from '../../scenario/shuffle';
import { DAY_MS, SCORING_CONFIG, type ScoringConfig } from '../config';
import { estimateSkill, type SkillEstimate } from '../estimate';
import { addEvidence, emptyState, totalsAt, type SkillState } from '../statistics';

/** A simulated decision point: ordered options (worst → best) with their codes and IRT thresholds. */
export interface SimulatedItem {
  codes: number[];
  /** Discrimination a. */
  discrimination: number;
  /** Thresholds b_1 < … < b_{K−1}: P(option ≥ k | θ) = σ(1.7·a·(θ − b_k)). */
  thresholds: number[];
  /** Strength of the evidence: (max − min) / 6. */
  weight: number;
}

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

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Items like the authored ones: 3–4 options, best +2/+3, worst −1…−3, discrimination 0.5–2.5. */
export function makeItem(random: Random): SimulatedItem {
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
  return { codes, discrimination: 0.5 + random.next() * 2, thresholds, weight: (best - worst) / 6 };
}

/** Probability of each option (worst → best) for a learner of ability θ. */
export function optionProbabilities(item: SimulatedItem, theta: number): number[] {
  const atLeast = [
    1,
    ...item.thresholds.map((b) => logistic(1.7 * item.discrimination * (theta - b))),
    0,
  ];
  return item.codes.map((_, index) => Math.max(0, atLeast[index]! - atLeast[index + 1]!));
}

const scoreOf = (item: SimulatedItem, option: number) => {
  const min = item.codes[0]!;
  const max = item.codes[item.codes.length - 1]!;
  return (item.codes[option]! - min) / (max - min);
};

/** Expected score on an item: Σ P(option) · y(option). */
export function expectedScore(item: SimulatedItem, theta: number): number {
  return optionProbabilities(item, theta).reduce(
    (sum, probability, option) => sum + probability * scoreOf(item, option),
    0,
  );
}

export function answer(item: SimulatedItem, theta: number, random: Random): number {
  const probabilities = optionProbabilities(item, theta);
  let draw = random.next();
  for (let option = 0; option < probabilities.length; option++) {
    draw -= probabilities[option]!;
    if (draw <= 0) return scoreOf(item, option);
  }
  return scoreOf(item, probabilities.length - 1);
}

/** The true proficiency the estimate aims at: the weight-averaged expected score over the item population. */
export function trueProficiency(bank: readonly SimulatedItem[], theta: number): number {
  let weighted = 0;
  let total = 0;
  for (const item of bank) {
    weighted += item.weight * expectedScore(item, theta);
    total += item.weight;
  }
  return weighted / total;
}

export interface SimulationOptions {
  learners: number;
  decisionsPerSkill: number;
  /** Decisions per scenario run (the per-run cap applies within one). */
  decisionsPerRun?: number;
  seed?: number;
  /** Days the practice is spread over. */
  spanDays?: number;
  /** Ability change over the span, in SD units (0 = flat learner). */
  drift?: number;
  config?: ScoringConfig;
  target?: number;
}

export interface SimulatedLearner {
  theta: number;
  truth: number;
  estimate: SkillEstimate;
  /** (predicted score before a decision, observed score of it) for the calibration of predictions. */
  predictions: [number, number][];
}

const START = Date.UTC(2026, 0, 1);

/** Simulates learners answering items; returns each learner's estimate and the truth. */
export function simulate(options: SimulationOptions): SimulatedLearner[] {
  const config = options.config ?? SCORING_CONFIG;
  const random = createRandom(options.seed ?? 2026);
  const bank = Array.from({ length: 400 }, () => makeItem(random));
  const perRun = options.decisionsPerRun ?? 4;
  const span = options.spanDays ?? 60;
  const drift = options.drift ?? 0;
  const target = options.target ?? config.defaultTarget;
  const learners: SimulatedLearner[] = [];
  for (let learner = 0; learner < options.learners; learner++) {
    const theta0 = random.normal();
    const state: SkillState = emptyState();
    const predictions: [number, number][] = [];
    const runs = Math.ceil(options.decisionsPerSkill / perRun);
    let now = START;
    for (let decision = 0; decision < options.decisionsPerSkill; decision++) {
      const run = Math.floor(decision / perRun);
      // Runs spread evenly over the span; decisions within a run minutes apart.
      now =
        START + (runs <= 1 ? 0 : (run / (runs - 1)) * span * DAY_MS) + (decision % perRun) * 60_000;
      const theta = theta0 + drift * ((now - START) / (span * DAY_MS));
      const item = bank[Math.floor(random.next() * bank.length)]!;
      const y = answer(item, theta, random);
      const before = totalsAt(state, now, config);
      if (decision >= 5)
        predictions.push([
          (config.priorAlpha + before.sPlus / config.dispersion) /
            (config.priorAlpha +
              config.priorBeta +
              (before.sPlus + before.sMinus) / config.dispersion),
          y,
        ]);
      addEvidence(
        state,
        {
          run: `run-${run}`,
          cap: config.runCap,
          w: item.weight * config.weights.assessment,
          y,
          time: now,
        },
        config,
      );
    }
    const thetaNow = theta0 + drift;
    learners.push({
      theta: thetaNow,
      truth: trueProficiency(bank, thetaNow),
      estimate: estimateSkill('skill', totalsAt(state, now, config), target, config),
      predictions,
    });
  }
  return learners;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index++) {
    const dx = xs[index]! - mx;
    const dy = ys[index]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Expected calibration error over `bins` equal-size bins of predictions. */
export function expectedCalibrationError(pairs: readonly [number, number][], bins = 10): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const slice = sorted.slice(
      Math.floor((bin * sorted.length) / bins),
      Math.floor(((bin + 1) * sorted.length) / bins),
    );
    if (slice.length === 0) continue;
    const predicted = slice.reduce((sum, pair) => sum + pair[0], 0) / slice.length;
    const observed = slice.reduce((sum, pair) => sum + pair[1], 0) / slice.length;
    error += (slice.length / sorted.length) * Math.abs(predicted - observed);
  }
  return error;
}

/**
 * The trend check's learners: 80 decisions per skill over six months (20 scenario plays),
 * the improving ones gaining 2 SD of ability — roughly novice to competent. With 60
 * decisions the power is 70–77% depending on the item bank: a trend needs this much evidence.
 */
export const TREND_DECISIONS = 80;
export const TREND_DAYS = 180;
export const TREND_DRIFT = 2;

export interface ValidationFigures {
  learners: number;
  recovery: { decisions: number; correlation: number; target: number }[];
  coverage: { decisions: number; coverage: number }[];
  calibrationError: number;
  falseMeets: number;
  missed: number;
  /** Share of learners truly at or above target (context for the decision figures). */
  aboveTarget: number;
  improvingFlagged: number;
  flatFlagged: number;
}

/** Runs the whole validation at a given size (2,000 learners in `npm run validate:scoring`). */
export function validateScoring(
  learners: number,
  seed = 2026,
  config: ScoringConfig = SCORING_CONFIG,
): ValidationFigures {
  const targets: Record<number, number> = { 10: 0.8, 20: 0.88, 40: 0.93 };
  const runs = [10, 20, 40].map((decisions) => ({
    decisions,
    learners: simulate({ learners, decisionsPerSkill: decisions, seed: seed + decisions, config }),
  }));
  const at20 = runs.find((run) => run.decisions === 20)!.learners;
  const below = at20.filter((learner) => learner.truth < SCORING_CONFIG.defaultTarget);
  const above = at20.filter((learner) => learner.truth >= SCORING_CONFIG.defaultTarget);
  const improving = simulate({
    learners,
    decisionsPerSkill: TREND_DECISIONS,
    seed: seed + 1,
    spanDays: TREND_DAYS,
    drift: TREND_DRIFT,
    config,
  });
  const flat = simulate({
    learners,
    decisionsPerSkill: TREND_DECISIONS,
    seed: seed + 2,
    spanDays: TREND_DAYS,
    drift: 0,
    config,
  });
  return {
    learners,
    recovery: runs.map((run) => ({
      decisions: run.decisions,
      correlation: pearson(
        run.learners.map((l) => l.estimate.mean),
        run.learners.map((l) => l.truth),
      ),
      target: targets[run.decisions]!,
    })),
    coverage: runs.map((run) => ({
      decisions: run.decisions,
      coverage:
        run.learners.filter(
          (l) => l.truth >= l.estimate.interval[0] && l.truth <= l.estimate.interval[1],
        ).length / run.learners.length,
    })),
    calibrationError: expectedCalibrationError(at20.flatMap((learner) => learner.predictions)),
    falseMeets:
      below.filter((learner) => learner.estimate.status === 'meets').length /
      Math.max(1, below.length),
    missed:
      above.filter((learner) => learner.estimate.status === 'gap').length /
      Math.max(1, above.length),
    aboveTarget: above.length / at20.length,
    improvingFlagged:
      improving.filter((learner) => learner.estimate.trend.direction === 'improving').length /
      improving.length,
    flatFlagged:
      flat.filter(
        (learner) =>
          learner.estimate.trend.direction === 'improving' ||
          learner.estimate.trend.direction === 'declining',
      ).length / flat.length,
  };
}

export interface TargetCheck {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

/**
 * The SCORING.md targets against the figures. `margin` widens each bound for a small run
 * (two standard errors of a proportion at the run's size); the full run uses 0.
 */
export function checkTargets(
  figures: ValidationFigures,
  margin: (p: number, n: number) => number = () => 0,
): TargetCheck[] {
  const n = figures.learners;
  const checks: TargetCheck[] = figures.recovery.map((row) => ({
    name: `recovery: correlation of μ with true skill at ${row.decisions} decisions`,
    value: row.correlation,
    target: `≥ ${row.target}`,
    met: row.correlation >= row.target - margin(row.target, n) / 4,
  }));
  for (const row of figures.coverage) {
    checks.push({
      name: `calibration: 80% interval coverage at ${row.decisions} decisions`,
      value: row.coverage,
      target: '75–90%',
      met: row.coverage >= 0.75 - margin(0.75, n) && row.coverage <= 0.9 + margin(0.9, n),
    });
  }
  checks.push(
    {
      name: 'calibration: expected calibration error of next-choice predictions (10 bins)',
      value: figures.calibrationError,
      target: '≤ 0.05',
      met: figures.calibrationError <= 0.05,
    },
    {
      name: 'decisions: false "meets target" among learners truly below target (20 decisions)',
      value: figures.falseMeets,
      target: '≤ 5%',
      met: figures.falseMeets <= 0.05 + margin(0.05, n * (1 - figures.aboveTarget)),
    },
    {
      name: 'decisions: missed — "gap" among learners truly at or above target (20 decisions)',
      value: figures.missed,
      target: '≤ 2%',
      met: figures.missed <= 0.02 + margin(0.02, n * figures.aboveTarget),
    },
    {
      name: 'trend: improving learners flagged improving',
      value: figures.improvingFlagged,
      target: '≥ 75%',
      met: figures.improvingFlagged >= 0.75 - margin(0.75, n),
    },
    {
      name: 'trend: flat learners flagged as trending',
      value: figures.flatFlagged,
      target: '< 10%',
      met: figures.flatFlagged < 0.1 + margin(0.1, n),
    },
  );
  return checks;
}

/** Two standard errors of a proportion p estimated from n learners. */
export const twoStandardErrors = (p: number, n: number) =>
  2 * Math.sqrt((p * (1 - p)) / Math.max(1, n));
