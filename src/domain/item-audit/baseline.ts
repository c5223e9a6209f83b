import { hashString } from '../scenario/shuffle';
import {
  CUES,
  LENGTH_CUES,
  LENGTH_POSITIONS,
  firstWord,
  lengthPositions,
  onlyOptionWith,
  words,
  type Cue,
} from './cues';
import { chanceOf, informative, type AuditItem, type ItemKind } from './items';
import { fitConditionalLogit, scores, softmax, type ChoiceSet, type SparseRow } from './logit';

/**
 * The answer-only baseline: a test-wise reader who never reads the prompt, the client or the
 * story, only the options. It is a conditional logit over features of the option texts
 * (length and length rank, punctuation, openings, pronouns, the surface cues, and a bag of
 * the commonest words), judged by leave-one-group-out cross-validation: the model that picks
 * an option in a lesson (or scenario) was trained on the other lessons (scenarios) only, so
 * neither the item's own text nor its siblings' ever teach it. Deterministic: the fit starts
 * from zero and ties are broken by a seeded hash.
 */

export interface BaselineConfig {
  /** L2 penalty on standardised features. */
  lambda: number;
  /** Size of the bag of words, chosen within each training fold by document frequency. */
  vocabulary: number;
  /** A word enters the bag only if at least this many training options use it. */
  minDocumentFrequency: number;
  /** Seed for breaking ties between equally scored options. */
  seed: number;
}

export const BASELINE_CONFIG: BaselineConfig = {
  lambda: 4,
  vocabulary: 150,
  minDocumentFrequency: 6,
  seed: 13,
};

export interface Driver {
  feature: string;
  /** Contribution to the key's score, relative to the item's average option. */
  weight: number;
}

export interface BaselinePrediction {
  label: string;
  kind: ItemKind;
  group: string;
  pick: string;
  /** The pick is a key. */
  correct: boolean;
  /** Probability the model puts on the key(s). */
  keyProbability: number;
  chance: number;
  /** What in the key's look the model relied on most (only when it found the key). */
  drivers: Driver[];
}

export interface BaselineResult {
  kind: ItemKind;
  /** Items with at least one non-key option (decisions where every option ties are left out). */
  items: number;
  folds: number;
  accuracy: number;
  chance: number;
  /** Mean probability on the key: a smoother figure than accuracy. */
  meanKeyProbability: number;
  predictions: BaselinePrediction[];
  /** The strongest features of a model fitted on every item of this kind. */
  leaks: Driver[];
}

interface PreparedOption {
  fixed: number[];
  tokens: Set<string>;
}

interface PreparedItem {
  item: AuditItem;
  options: PreparedOption[];
}

/** Amounts (not yes/no facts): drivers say whether the key has more or less of them. */
const AMOUNT_FEATURES = [
  'length',
  'length as a share of the longest',
  'word count',
  "'?' marks",
  'commas',
  'sentences',
  'I/me/my words',
  'you/your words',
  'we/us/our words',
];
const SHAPE_FEATURES = [
  ...AMOUNT_FEATURES.slice(0, 3),
  ...LENGTH_POSITIONS.map((position) => `is the ${position}`),
  ...AMOUNT_FEATURES.slice(3),
];
const countOf = (list: readonly string[], set: ReadonlySet<string>) =>
  list.filter((word) => set.has(word)).length;
const I_WORDS = new Set(['i', "i'm", "i'll", "i've", "i'd", 'me', 'my', 'mine', 'myself']);
const YOU_WORDS = new Set([
  'you',
  "you're",
  "you'll",
  "you've",
  "you'd",
  'your',
  'yours',
  'yourself',
]);
const WE_WORDS = new Set(['we', "we're", "we'll", "we've", 'us', 'our', "let's"]);

const textCues = CUES.filter((cue) => !LENGTH_CUES.has(cue.id));

/** Names of the features that do not depend on the training fold, in order. */
export const FIXED_FEATURES: readonly string[] = [
  ...SHAPE_FEATURES,
  ...textCues.map((cue) => cue.label),
  ...textCues.map((cue) => `only option that ${cue.label}`),
  ...textCues.map((cue) => `only option without: ${cue.label}`),
];

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardWithin(values: readonly number[]): number[] {
  const average = mean(values);
  const sd = Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
  return values.map((value) => (sd === 0 ? 0 : (value - average) / sd));
}

function prepare(item: AuditItem): PreparedItem {
  const lengths = item.options.map((option) => option.text.trim().length);
  const wordLists = item.options.map((option) => words(option.text));
  const lengthZ = standardWithin(lengths);
  const wordZ = standardWithin(wordLists.map((list) => list.length));
  const longest = Math.max(...lengths);
  const cueValues = (cue: Cue) => item.options.map((option) => cue.test(option, item));
  const textCueValues = textCues.map(cueValues);
  return {
    item,
    options: item.options.map((option, index) => {
      const positions = lengthPositions(item, option);
      const list = wordLists[index]!;
      const fixed = [
        lengthZ[index]!,
        lengths[index]! / longest,
        wordZ[index]!,
        ...LENGTH_POSITIONS.map((position) => positions[position]),
        (option.text.match(/\?/g) ?? []).length,
        (option.text.match(/,/g) ?? []).length,
        (option.text.match(/[.!?](\s|$)/g) ?? []).length,
        countOf(list, I_WORDS),
        countOf(list, YOU_WORDS),
        countOf(list, WE_WORDS),
        ...textCueValues.map((values) => (values[index] ? 1 : 0)),
        ...textCues.map((cue) => (onlyOptionWith(cue, option, item) ? 1 : 0)),
        ...textCueValues.map((values) =>
          item.options.length >= 3 &&
          !values[index] &&
          values.every((value, other) => other === index || value)
            ? 1
            : 0,
        ),
      ];
      const tokens = new Set(list);
      tokens.add(`first:${firstWord(option.text)}`);
      return { fixed, tokens };
    }),
  };
}

interface Design {
  vocabulary: Map<string, number>;
  /** 1 / standard deviation of each feature over the training options (0 for constant ones). */
  scales: Float64Array;
  names: string[];
}

/**
 * Features are scaled to unit variance over the training options, so one penalty fits all.
 * They are not centred: a shift common to every option of an item cancels in the model.
 */
function designFrom(training: readonly PreparedItem[], config: BaselineConfig): Design {
  const frequency = new Map<string, number>();
  for (const prepared of training)
    for (const option of prepared.options)
      for (const token of option.tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const words = [...frequency.entries()]
    .filter(([, count]) => count >= config.minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, config.vocabulary)
    .map(([token]) => token);
  const fixedCount = FIXED_FEATURES.length;
  const names = [
    ...FIXED_FEATURES,
    ...words.map((token) =>
      token.startsWith('first:') ? `opens with '${token.slice(6)}'` : `word '${token}'`,
    ),
  ];
  const sums = new Float64Array(names.length);
  const squares = new Float64Array(names.length);
  let count = 0;
  for (const prepared of training) {
    for (const option of prepared.options) {
      option.fixed.forEach((value, feature) => {
        sums[feature]! += value;
        squares[feature]! += value * value;
      });
      words.forEach((token, index) => {
        if (option.tokens.has(token)) {
          sums[fixedCount + index]! += 1;
          squares[fixedCount + index]! += 1;
        }
      });
      count++;
    }
  }
  const scales = sums.map((sum, feature) => {
    const variance = squares[feature]! / count - (sum / count) ** 2;
    return variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  });
  return {
    vocabulary: new Map(words.map((token, index) => [token, fixedCount + index])),
    scales,
    names,
  };
}

function row(option: PreparedOption, design: Design): SparseRow {
  const indices: number[] = [];
  const values: number[] = [];
  option.fixed.forEach((value, feature) => {
    const scale = design.scales[feature]!;
    if (value !== 0 && scale !== 0) {
      indices.push(feature);
      values.push(value * scale);
    }
  });
  for (const token of option.tokens) {
    const feature = design.vocabulary.get(token);
    if (feature !== undefined && design.scales[feature]! !== 0) {
      indices.push(feature);
      values.push(design.scales[feature]!);
    }
  }
  return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

function choiceSet(prepared: PreparedItem, design: Design): ChoiceSet {
  return {
    rows: prepared.options.map((option) => row(option, design)),
    keys: prepared.item.options.flatMap((option, index) => (option.key ? [index] : [])),
  };
}

function fit(training: readonly PreparedItem[], config: BaselineConfig) {
  const design = designFrom(training, config);
  const model = fitConditionalLogit(
    training.map((prepared) => choiceSet(prepared, design)),
    design.names.length,
    { lambda: config.lambda },
  );
  return { design, weights: model.weights };
}

/** Contributions of each feature to the key's score, relative to the item's mean option. */
function driversOf(set: ChoiceSet, weights: Float64Array, design: Design, key: number): Driver[] {
  const difference = new Map<number, number>();
  set.rows.forEach((optionRow, index) => {
    const sign = index === key ? 1 : 0;
    for (let entry = 0; entry < optionRow.indices.length; entry++) {
      const feature = optionRow.indices[entry]!;
      const value = optionRow.values[entry]!;
      difference.set(
        feature,
        (difference.get(feature) ?? 0) + value * (sign - 1 / set.rows.length),
      );
    }
  });
  return [...difference.entries()]
    .map(([index, delta]) => {
      const feature = design.names[index]!;
      const name = AMOUNT_FEATURES.includes(feature)
        ? `${delta > 0 ? 'more' : 'less'} ${feature} than the others`
        : delta > 0
          ? feature
          : `not: ${feature}`;
      return { feature: name, weight: weights[index]! * delta };
    })
    .filter((driver) => driver.weight > 0.05)
    .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1))
    .slice(0, 3);
}

function predict(
  prepared: PreparedItem,
  model: { design: Design; weights: Float64Array },
  config: BaselineConfig,
): BaselinePrediction {
  const { item } = prepared;
  const set = choiceSet(prepared, model.design);
  const optionScores = scores(model.weights, set.rows);
  const probabilities = softmax(optionScores);
  const top = Math.max(...optionScores);
  const tied = item.options.filter((_, index) => optionScores[index]! >= top - 1e-9);
  const pick = tied[hashString(`${config.seed}:${item.label}`) % tied.length]!;
  const keyIndex = item.options.findIndex((option) => option.key);
  return {
    label: item.label,
    kind: item.kind,
    group: item.group,
    pick: pick.id,
    correct: pick.key,
    keyProbability: item.options.reduce(
      (sum, option, index) => sum + (option.key ? probabilities[index]! : 0),
      0,
    ),
    chance: chanceOf(item),
    drivers: pick.key ? driversOf(set, model.weights, model.design, keyIndex) : [],
  };
}

/** Leave-one-group-out predictions for every informative item of one kind. */
export function runBaseline(
  items: readonly AuditItem[],
  kind: ItemKind,
  config: BaselineConfig = BASELINE_CONFIG,
): BaselineResult {
  const prepared = items.filter((item) => item.kind === kind && informative(item)).map(prepare);
  const groups = [...new Set(prepared.map((entry) => entry.item.group))];
  const predictions: BaselinePrediction[] = [];
  for (const group of groups) {
    const training = prepared.filter((entry) => entry.item.group !== group);
    const held = prepared.filter((entry) => entry.item.group === group);
    if (training.length === 0) continue;
    const model = fit(training, config);
    for (const entry of held) predictions.push(predict(entry, model, config));
  }
  const all = prepared.length > 0 ? fit(prepared, config) : undefined;
  const leaks = all
    ? all.design.names
        .map((feature, index) => ({ feature, weight: all.weights[index]! }))
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, 12)
    : [];
  const count = predictions.length;
  return {
    kind,
    items: count,
    folds: groups.length,
    accuracy: count ? predictions.filter((entry) => entry.correct).length / count : 0,
    chance: count ? mean(predictions.map((entry) => entry.chance)) : 0,
    meanKeyProbability: count ? mean(predictions.map((entry) => entry.keyProbability)) : 0,
    predictions,
    leaks,
  };
}
