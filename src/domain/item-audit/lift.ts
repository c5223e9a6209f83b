import {
  CUES,
  LENGTH_CUES,
  LENGTH_POSITIONS,
  lengthPositions,
  onlyOptionWith,
  type Cue,
  type LengthPosition,
} from './cues';
import type { AuditItem, ItemKind } from './items';

/** How the cue gate decides that a cue gives the key away (see gates.ts for the values). */
export interface CueRule {
  /** Options carrying the cue before it is judged at all: small cells are noise. */
  minSupport: number;
  /** Lift at or above which a cue points to the key, and at or below which it points away. */
  maxLift: number;
  minLift: number;
  /** z of the two-sided interval that must exclude the base rate (2.576 = 99%). */
  z: number;
}

export interface CueLift {
  /** `question`, or `only:question` for "the only option in its item with a '?'". */
  cue: string;
  label: string;
  kind: ItemKind;
  /** Options with the cue. */
  support: number;
  /** Keys among them. */
  keys: number;
  /** P(key | cue). */
  rate: number;
  /** P(key) over all options of this kind. */
  baseRate: number;
  lift: number;
  /** Wilson interval of P(key | cue). */
  interval: [number, number];
  /** P(cue | key) and P(cue | not key). */
  keyShare: number;
  otherShare: number;
  predictive: boolean;
}

/** Wilson score interval for k successes in n trials. */
export function wilson(k: number, n: number, z: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

interface CueVariant {
  id: string;
  label: string;
  test: (item: AuditItem, index: number) => boolean;
}

/** Every cue, plus "the only option with it" and "the only option without it". */
export function cueVariants(kind: ItemKind): CueVariant[] {
  const usable = CUES.filter((cue) => kind === 'decision' || !cue.decisionsOnly);
  const base = usable.map((cue): CueVariant => ({
    id: cue.id,
    label: cue.label,
    test: (item, index) => cue.test(item.options[index]!, item),
  }));
  const textCues = usable.filter((cue) => !LENGTH_CUES.has(cue.id));
  const only = textCues.map((cue): CueVariant => ({
    id: `only:${cue.id}`,
    label: `only option that ${cue.label}`,
    test: (item, index) => onlyOptionWith(cue, item.options[index]!, item),
  }));
  const lacks = textCues.map((cue: Cue): CueVariant => ({
    id: `only-without:${cue.id}`,
    label: `only option without: ${cue.label}`,
    test: (item, index) =>
      item.options.length >= 3 &&
      !cue.test(item.options[index]!, item) &&
      item.options.every((other, otherIndex) => otherIndex === index || cue.test(other, item)),
  }));
  return [...base, ...only, ...lacks];
}

export function cueLifts(items: readonly AuditItem[], kind: ItemKind, rule: CueRule): CueLift[] {
  const ofKind = items.filter((item) => item.kind === kind);
  const options = ofKind.reduce((sum, item) => sum + item.options.length, 0);
  const keyCount = ofKind.reduce(
    (sum, item) => sum + item.options.filter((option) => option.key).length,
    0,
  );
  const baseRate = options ? keyCount / options : 0;
  return cueVariants(kind).map((variant) => {
    let support = 0;
    let keys = 0;
    for (const item of ofKind) {
      item.options.forEach((option, index) => {
        if (!variant.test(item, index)) return;
        support++;
        if (option.key) keys++;
      });
    }
    const rate = support ? keys / support : 0;
    const lift = baseRate ? rate / baseRate : 0;
    const interval = wilson(keys, support, rule.z);
    // Length positions have their own gate (lengthSpread); here they are reported only.
    const predictive =
      !LENGTH_CUES.has(variant.id) &&
      support >= rule.minSupport &&
      ((lift >= rule.maxLift && interval[0] > baseRate) ||
        (lift <= rule.minLift && interval[1] < baseRate));
    return {
      cue: variant.id,
      label: variant.label,
      kind,
      support,
      keys,
      rate,
      baseRate,
      lift,
      interval,
      keyShare: keyCount ? keys / keyCount : 0,
      otherShare: options - keyCount ? (support - keys) / (options - keyCount) : 0,
      predictive,
    };
  });
}

/** Which cues (by id) an option of an item carries. */
export function cuesOf(item: AuditItem, index: number): string[] {
  return cueVariants(item.kind)
    .filter((variant) => variant.test(item, index))
    .map((variant) => variant.id);
}

export interface LengthSpread {
  kind: ItemKind;
  items: number;
  /** Share of keys at each length position (ties and tied keys split fractionally). */
  shares: Record<LengthPosition, number>;
  /** What the shares would be if the key were an option picked at random. */
  chance: Record<LengthPosition, number>;
}

export function lengthSpread(items: readonly AuditItem[], kind: ItemKind): LengthSpread {
  const ofKind = items.filter(
    (item) => item.kind === kind && item.options.some((option) => !option.key),
  );
  const shares: Record<LengthPosition, number> = {
    longest: 0,
    'second-longest': 0,
    'third-longest': 0,
    shortest: 0,
  };
  const chance = { ...shares };
  for (const item of ofKind) {
    const keys = item.options.filter((option) => option.key);
    for (const option of item.options) {
      const positions = lengthPositions(item, option);
      for (const position of LENGTH_POSITIONS) {
        chance[position] += positions[position] / item.options.length / ofKind.length;
        if (option.key) shares[position] += positions[position] / keys.length / ofKind.length;
      }
    }
  }
  return { kind, items: ofKind.length, shares, chance };
}
