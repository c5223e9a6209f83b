import {
  DAY_MS,
  EVIDENCE_FORMATS,
  TREND_EPOCH_MS,
  type EvidenceFormat,
  type ScoringConfig,
} from './config';

/**
 * Additive statistics of one learner × skill, kept per run so that the per-run cap stays
 * exact whatever order evidence arrives in, and two copies (offline browser, server)
 * merge exactly by adding run sums.
 */
export interface RunSums {
  /** A run holds one format: its key names a scenario attempt, a check item or an observation. */
  format: EvidenceFormat;
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
  format: EvidenceFormat;
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

const emptyRun = (cap: number, format: EvidenceFormat): RunSums => ({
  format,
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
  const run = (state.runs[unit.run] ??= emptyRun(unit.cap, unit.format));
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

/** Undecayed, capped trend sums over weight W, time t (days since the trend epoch) and score y. */
export interface TrendSums {
  W: number;
  Wt: number;
  Wy: number;
  Wtt: number;
  Wty: number;
  Wyy: number;
  events: number;
}

/**
 * One format's share of a learner × skill: its decayed S± (for the estimate), its trend
 * sums (the trend weights each format by 1/φ), and the run-level moments its dispersion is
 * estimated from (dispersion.ts). A run's capped weight is N_r = k·Σw and its capped score
 * mass A_r = k·Σw·y (k the cap factor), so Σ N_r = W and Σ A_r = Wy; the residual of a run
 * about a proficiency p is A_r − p·N_r, and Σ(A_r − p·N_r)² needs only Σ N_r², Σ A_r·N_r
 * and Σ A_r² — plain sums over runs.
 */
export interface FormatTotals extends TrendSums {
  sPlus: number;
  sMinus: number;
  /** Runs with evidence in this format. */
  runs: number;
  /** Σ N_r², Σ A_r·N_r, Σ A_r² over the format's runs (undecayed, capped). */
  nn: number;
  an: number;
  aa: number;
}

/** The sums the estimate and the trend need, at time `now` (ms). */
export interface SkillTotals extends TrendSums {
  /** Decayed successes and failures S⁺, S⁻ (capped), all formats together. */
  sPlus: number;
  sMinus: number;
  last?: number;
  /**
   * The same sums split by format, with each format's dispersion moments. Absent when the
   * sums come from a store that keeps only the pooled sums (the database until it keeps
   * formats): the estimate then treats all evidence with one, the largest, φ.
   */
  formats?: Record<EvidenceFormat, FormatTotals>;
}

export const emptyFormatTotals = (): FormatTotals => ({
  sPlus: 0,
  sMinus: 0,
  W: 0,
  Wt: 0,
  Wy: 0,
  Wtt: 0,
  Wty: 0,
  Wyy: 0,
  events: 0,
  runs: 0,
  nn: 0,
  an: 0,
  aa: 0,
});

/** Totals with nothing in them, with an empty row for every format (to be added into). */
export function emptySkillTotals(): SkillTotals & {
  formats: Record<EvidenceFormat, FormatTotals>;
} {
  return {
    sPlus: 0,
    sMinus: 0,
    W: 0,
    Wt: 0,
    Wy: 0,
    Wtt: 0,
    Wty: 0,
    Wyy: 0,
    events: 0,
    formats: Object.fromEntries(
      EVIDENCE_FORMATS.map((format) => [format, emptyFormatTotals()]),
    ) as Record<EvidenceFormat, FormatTotals>,
  };
}

export function totalsAt(state: SkillState, now: number, config: ScoringConfig): SkillTotals {
  const totals = emptySkillTotals();
  const { formats } = totals;
  if (Number.isNaN(state.t0)) return totals;
  const decay = 2 ** (-(toDays(now) - state.t0) / config.halfLifeDays);
  for (const run of Object.values(state.runs)) {
    const k = capFactor(run);
    const format = formats[run.format];
    const n = k * run.W;
    const a = k * run.Wy;
    format.sPlus += k * run.ap * decay;
    format.sMinus += k * run.am * decay;
    format.W += n;
    format.Wt += k * run.Wt;
    format.Wy += a;
    format.Wtt += k * run.Wtt;
    format.Wty += k * run.Wty;
    format.Wyy += k * run.Wyy;
    format.events += run.events;
    format.runs += 1;
    format.nn += n * n;
    format.an += a * n;
    format.aa += a * a;
    totals.last = Math.max(totals.last ?? Number.NEGATIVE_INFINITY, run.last);
  }
  return poolFormats(totals, formats);
}

/**
 * Adds every format's sums into the pooled sums (what views without formats use), for totals
 * whose pooled sums start at zero.
 */
export function poolFormats(
  totals: SkillTotals,
  formats: Record<EvidenceFormat, FormatTotals>,
): SkillTotals {
  for (const format of EVIDENCE_FORMATS) {
    const part = formats[format];
    totals.sPlus += part.sPlus;
    totals.sMinus += part.sMinus;
    totals.W += part.W;
    totals.Wt += part.Wt;
    totals.Wy += part.Wy;
    totals.Wtt += part.Wtt;
    totals.Wty += part.Wty;
    totals.Wyy += part.Wyy;
    totals.events += part.events;
  }
  return totals;
}
