/**
 * Conditional logit (McFadden's choice model): each item offers a few options, each option
 * has a feature vector x, and P(option j) = exp(w·x_j) / Σ_k exp(w·x_k). Features that are
 * the same for every option of an item cancel, so the model learns only what sets the key
 * apart from its siblings, which is exactly the question "can the key be told by its look".
 * Fitted by L-BFGS on the L2-penalised log-likelihood (convex; deterministic from w = 0).
 * Rows are sparse: most option features (a cue, a word) are zero.
 */

/** The non-zero entries of one feature row. */
export interface SparseRow {
  indices: Int32Array;
  values: Float64Array;
}

/** A sparse row from a dense one. */
export function sparse(dense: readonly number[]): SparseRow {
  const indices: number[] = [];
  const values: number[] = [];
  dense.forEach((value, index) => {
    if (value !== 0) {
      indices.push(index);
      values.push(value);
    }
  });
  return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

export function rowScore(weights: Float64Array, row: SparseRow): number {
  let sum = 0;
  for (let entry = 0; entry < row.indices.length; entry++)
    sum += weights[row.indices[entry]!]! * row.values[entry]!;
  return sum;
}

export interface ChoiceSet {
  /** One feature row per option. */
  rows: SparseRow[];
  /** Indices of the keys (several when options tie); the likelihood averages over them. */
  keys: number[];
}

export interface LogitFit {
  weights: Float64Array;
  iterations: number;
  loss: number;
}

export function scores(weights: Float64Array, rows: readonly SparseRow[]): number[] {
  return rows.map((row) => rowScore(weights, row));
}

export function softmax(values: readonly number[]): number[] {
  const top = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

/** Penalised negative log-likelihood and its gradient at w. */
function lossAndGradient(
  sets: readonly ChoiceSet[],
  weights: Float64Array,
  lambda: number,
): { loss: number; gradient: Float64Array } {
  const gradient = new Float64Array(weights.length);
  let loss = 0;
  for (const set of sets) {
    const probabilities = softmax(scores(weights, set.rows));
    const share = 1 / set.keys.length;
    for (const key of set.keys) loss -= share * Math.log(Math.max(probabilities[key]!, 1e-300));
    set.rows.forEach((row, index) => {
      const target = set.keys.includes(index) ? share : 0;
      const coefficient = probabilities[index]! - target;
      if (coefficient === 0) return;
      for (let entry = 0; entry < row.indices.length; entry++)
        gradient[row.indices[entry]!]! += coefficient * row.values[entry]!;
    });
  }
  for (let feature = 0; feature < weights.length; feature++) {
    loss += 0.5 * lambda * weights[feature]! ** 2;
    gradient[feature]! += lambda * weights[feature]!;
  }
  return { loss, gradient };
}

/** L-BFGS (memory 8) with a backtracking Armijo line search. */
export function fitConditionalLogit(
  sets: readonly ChoiceSet[],
  dimension: number,
  options: { lambda: number; maxIterations?: number; tolerance?: number },
): LogitFit {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let weights = new Float64Array(dimension);
  let { loss, gradient } = lossAndGradient(sets, weights, options.lambda);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const gradientNorm = Math.sqrt(dot(gradient, gradient));
    if (gradientNorm < tolerance * Math.max(1, sets.length)) break;
    // Two-loop recursion: direction = −H·g.
    const q = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let index = history.length - 1; index >= 0; index--) {
      const { s, y, rho } = history[index]!;
      const alpha = rho * dot(s, q);
      alphas[index] = alpha;
      for (let feature = 0; feature < dimension; feature++) q[feature]! -= alpha * y[feature]!;
    }
    const last = history[history.length - 1];
    const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / gradientNorm;
    for (let feature = 0; feature < dimension; feature++) q[feature]! *= gamma;
    for (let index = 0; index < history.length; index++) {
      const { s, y, rho } = history[index]!;
      const beta = rho * dot(y, q);
      for (let feature = 0; feature < dimension; feature++)
        q[feature]! += s[feature]! * (alphas[index]! - beta);
    }
    const direction = q.map((value) => -value);
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): fall back to steepest descent.
      history.length = 0;
      for (let feature = 0; feature < dimension; feature++)
        direction[feature] = -gradient[feature]! / gradientNorm;
      slope = dot(direction, gradient);
    }
    let step = 1;
    let next = weights;
    let result = { loss, gradient };
    for (let tries = 0; tries < 40; tries++) {
      next = weights.map((value, feature) => value + step * direction[feature]!);
      result = lossAndGradient(sets, next, options.lambda);
      if (result.loss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    const s = next.map((value, feature) => value - weights[feature]!);
    const y = result.gradient.map((value, feature) => value - gradient[feature]!);
    const sy = dot(s, y);
    const improvement = loss - result.loss;
    weights = next;
    loss = result.loss;
    gradient = result.gradient;
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > 8) history.shift();
    }
    if (Math.abs(improvement) < 1e-10 * Math.max(1, Math.abs(loss))) break;
  }
  return { weights, iterations: iteration, loss };
}
