import { DAY_MS, TREND_EPOCH_MS, type ScoringConfig } from './config';

/**
 * Additive statistics of one learner × skill, kept per run so that the per-run cap stays
 * exact whatever order evidence arrives in, and two copies (offline browser, server)
 * merge exactly by adding run sums.
 */
export interface RunSums {
  /** Raw (uncapped) total weight: the cap scales the run by min(1, cap / w). */
  w: number;
  cap: number;
  /** Σ w·y·2^((t − t0)/h) and Σ w·(1 − y)·2^((t − t0)/h), relative to the state's t0. */
  ap: number;
  am: number;
  /** Undecayed trend sums over weight W, time t (days since the trend epoch) and score y. */
  W: number;
  Wt: number;
  Wy: number;
  Wtt: number;
  Wty: number;
  Wyy: number;
  events: number;
  /** Latest evidence time (ms). */
  last: number;
}

export interface SkillState {
  /** Epoch of the decayed sums, in days since the trend epoch. */
  t0: number;
  runs: Record<string, RunSums>;
}

/** One piece of evidence about one skill, ready to add. */
export interface EvidenceUnit {
  run: string;
  cap: number;
  /** Raw weight before the run cap (source weight × strength). */
  w: number;
  /** Score in [0, 1]. */
  y: number;
  /** Time in ms since the Unix epoch. */
  time: number;
}

export const toDays = (time: number) => (time - TREND_EPOCH_MS) / DAY_MS;

export function emptyState(): SkillState {
  return { t0: Number.NaN, runs: {} };
}

const emptyRun = (cap: number): RunSums => ({
  w: 0,
  cap,
  ap: 0,
  am: 0,
  W: 0,
  Wt: 0,
  Wy: 0,
  Wtt: 0,
  Wty: 0,
  Wyy: 0,
  events: 0,
  last: Number.NEGATIVE_INFINITY,
});

/** Moves the decayed sums to a new epoch: A' = A · 2^(−(t0' − t0)/h). */
function rebase(state: SkillState, t0: number, config: ScoringConfig): void {
  if (Number.isNaN(state.t0)) {
    state.t0 = t0;
    return;
  }
  const factor = 2 ** (-(t0 - state.t0) / config.halfLifeDays);
  for (const run of Object.values(state.runs)) {
    run.ap *= factor;
    run.am *= factor;
  }
  state.t0 = t0;
}

/** Adds one evidence unit (mutates the state: this is the hot path). */
export function addEvidence(state: SkillState, unit: EvidenceUnit, config: ScoringConfig): void {
  const t = toDays(unit.time);
  if (Number.isNaN(state.t0)) state.t0 = Math.floor(t);
  else if ((t - state.t0) / config.halfLifeDays > config.rebaseExponent)
    rebase(state, Math.floor(t), config);
  const run = (state.runs[unit.run] ??= emptyRun(unit.cap));
  const decay = 2 ** ((t - state.t0) / config.halfLifeDays);
  const { w, y } = unit;
  run.w += w;
  run.ap += w * y * decay;
  run.am += w * (1 - y) * decay;
  run.W += w;
  run.Wt += w * t;
  run.Wy += w * y;
  run.Wtt += w * t * t;
  run.Wty += w * t * y;
  run.Wyy += w * y * y;
  run.events += 1;
  run.last = Math.max(run.last, unit.time);
}

/** Exact merge of two states (e.g. the browser's and the server's). Inputs are not changed. */
export function mergeStates(a: SkillState, b: SkillState, config: ScoringConfig): SkillState {
  const copy = (state: SkillState): SkillState => ({
    t0: state.t0,
    runs: Object.fromEntries(Object.entries(state.runs).map(([key, run]) => [key, { ...run }])),
  });
  if (Number.isNaN(a.t0)) return copy(b);
  if (Number.isNaN(b.t0)) return copy(a);
  const target = Math.max(a.t0, b.t0);
  const left = copy(a);
  const right = copy(b);
  rebase(left, target, config);
  rebase(right, target, config);
  for (const [key, run] of Object.entries(right.runs)) {
    const into = left.runs[key];
    if (!into) {
      left.runs[key] = run;
      continue;
    }
    into.w += run.w;
    into.ap += run.ap;
    into.am += run.am;
    into.W += run.W;
    into.Wt += run.Wt;
    into.Wy += run.Wy;
    into.Wtt += run.Wtt;
    into.Wty += run.Wty;
    into.Wyy += run.Wyy;
    into.events += run.events;
    into.last = Math.max(into.last, run.last);
  }
  return left;
}

/** The run's cap factor: min(1, cap / w). */
export const capFactor = (run: RunSums) => (run.w > run.cap ? run.cap / run.w : 1);

/** The sums the estimate and the trend need, at time `now` (ms). */
export interface SkillTotals {
  /** Decayed successes and failures S⁺, S⁻ (capped). */
  sPlus: number;
  sMinus: number;
  W: number;
  Wt: number;
  Wy: number;
  Wtt: number;
  Wty: number;
  Wyy: number;
  events: number;
  last?: number;
}

export function totalsAt(state: SkillState, now: number, config: ScoringConfig): SkillTotals {
  const totals: SkillTotals = {
    sPlus: 0,
    sMinus: 0,
    W: 0,
    Wt: 0,
    Wy: 0,
    Wtt: 0,
    Wty: 0,
    Wyy: 0,
    events: 0,
  };
  if (Number.isNaN(state.t0)) return totals;
  const decay = 2 ** (-(toDays(now) - state.t0) / config.halfLifeDays);
  for (const run of Object.values(state.runs)) {
    const k = capFactor(run);
    totals.sPlus += k * run.ap * decay;
    totals.sMinus += k * run.am * decay;
    totals.W += k * run.W;
    totals.Wt += k * run.Wt;
    totals.Wy += k * run.Wy;
    totals.Wtt += k * run.Wtt;
    totals.Wty += k * run.Wty;
    totals.Wyy += k * run.Wyy;
    totals.events += run.events;
    totals.last = Math.max(totals.last ?? Number.NEGATIVE_INFINITY, run.last);
  }
  return totals;
}
