import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, SCORING_CONFIG } from './config';
import { estimateSkill, posteriorParameters, precisionWeightedTrendSums } from './estimate';
import {
  addEvidence,
  emptyState,
  mergeStates,
  totalsAt,
  type EvidenceUnit,
  type SkillState,
} from './statistics';

const config = SCORING_CONFIG;
const START = Date.UTC(2026, 0, 1);
const NOW = Date.UTC(2027, 0, 1);

// A run key always names one format (a scenario attempt, a check item, an observation).
const RUNS = [
  ['r1', 'choice'],
  ['r2', 'choice'],
  ['r3', 'choice'],
  ['c1', 'check'],
  ['o1', 'observation'],
] as const;

const unit = fc
  .record({
    run: fc.constantFrom(...RUNS),
    w: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    y: fc.double({ min: 0, max: 1, noNaN: true }),
    time: fc.integer({ min: START, max: START + 5 * 365 * DAY_MS }),
  })
  .map(({ run: [run, format], ...rest }): EvidenceUnit => ({ run, format, cap: 3, ...rest }));

const build = (units: readonly EvidenceUnit[]): SkillState => {
  const state = emptyState();
  units.forEach((item) => addEvidence(state, item, config));
  return state;
};

const expectTotalsClose = (a: SkillState, b: SkillState) => {
  const ta = totalsAt(a, NOW, config);
  const tb = totalsAt(b, NOW, config);
  for (const key of ['sPlus', 'sMinus', 'W', 'Wt', 'Wy', 'Wtt', 'Wty', 'Wyy'] as const) {
    expect(Math.abs(ta[key] - tb[key])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ta[key])));
  }
  expect(ta.events).toBe(tb.events);
  for (const format of ['choice', 'check', 'observation'] as const) {
    const fa = ta.formats![format];
    const fb = tb.formats![format];
    for (const key of [
      'sPlus',
      'sMinus',
      'W',
      'Wt',
      'Wy',
      'Wtt',
      'Wty',
      'Wyy',
      'nn',
      'an',
      'aa',
    ] as const)
      expect(Math.abs(fa[key] - fb[key])).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(fa[key])),
      );
    expect([fa.events, fa.runs]).toEqual([fb.events, fb.runs]);
  }
};

describe('decayed Beta statistics', () => {
  it('do not depend on the order evidence arrives in', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.nat(), (units, seed) => {
        const shuffled = [...units].sort(
          (a, b) => ((a.time * 31 + seed) % 97) - ((b.time * 31 + seed) % 97),
        );
        expectTotalsClose(build(units), build(shuffled));
      }),
    );
  });

  it('merge of two partial states equals adding everything to one', () => {
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (units, sides) => {
          const left = units.filter((_, index) => sides[index]);
          const right = units.filter((_, index) => !sides[index]);
          expectTotalsClose(mergeStates(build(left), build(right), config), build(units));
        },
      ),
    );
  });

  it('pooled sums are the exact total of the per-format sums', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (units) => {
        const totals = totalsAt(build(units), NOW, config);
        for (const key of ['sPlus', 'sMinus', 'W', 'Wt', 'Wy', 'Wtt', 'Wty', 'Wyy'] as const) {
          const sum = Object.values(totals.formats!).reduce((total, part) => total + part[key], 0);
          expect(Math.abs(sum - totals[key])).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(sum)),
          );
        }
      }),
    );
  });

  it('merging does not change its inputs', () => {
    const a = build([{ run: 'r', format: 'choice', cap: 3, w: 1, y: 1, time: START }]);
    const before = JSON.stringify(a);
    mergeStates(a, build([{ run: 'r', format: 'choice', cap: 3, w: 1, y: 0, time: NOW }]), config);
    expect(JSON.stringify(a)).toBe(before);
  });

  it('halves the weight of evidence every half-life', () => {
    const state = build([{ run: 'r', format: 'choice', cap: 3, w: 1, y: 1, time: START }]);
    expect(totalsAt(state, START, config).sPlus).toBeCloseTo(1, 12);
    expect(totalsAt(state, START + 180 * DAY_MS, config).sPlus).toBeCloseTo(0.5, 12);
    expect(totalsAt(state, START + 360 * DAY_MS, config).sPlus).toBeCloseTo(0.25, 12);
    // The trend sums are not decayed.
    expect(totalsAt(state, START + 360 * DAY_MS, config).W).toBe(1);
  });

  it('stays exact across a rebase far in the future', () => {
    const units: EvidenceUnit[] = [
      { run: 'a', format: 'choice', cap: 3, w: 1, y: 1, time: START },
      { run: 'b', format: 'choice', cap: 3, w: 1, y: 0, time: START + 20 * 365 * DAY_MS },
    ];
    const later = START + 21 * 365 * DAY_MS;
    const state = build(units);
    const expected = 2 ** (-(later - START) / DAY_MS / 180);
    expect(totalsAt(state, later, config).sPlus).toBeCloseTo(expected, 12);
  });

  it('caps a run at its cap, spreading it over the run evenly', () => {
    const state = build(
      Array.from({ length: 6 }, (_, index) => ({
        run: 'r',
        format: 'choice',
        cap: 3,
        w: 1,
        y: index < 3 ? 1 : 0,
        time: START,
      })),
    );
    const totals = totalsAt(state, START, config);
    expect(totals.sPlus + totals.sMinus).toBeCloseTo(3, 12);
    expect(totals.sPlus).toBeCloseTo(1.5, 12);
  });

  it('keeps the estimate, interval and probability inside their bounds', () => {
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 40 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (units, target) => {
          const estimate = estimateSkill('s', totalsAt(build(units), NOW, config), target, config);
          expect(estimate.mean).toBeGreaterThan(0);
          expect(estimate.mean).toBeLessThan(1);
          expect(estimate.interval[0]).toBeLessThanOrEqual(estimate.mean);
          expect(estimate.interval[1]).toBeGreaterThanOrEqual(estimate.mean);
          expect(estimate.sd).toBeGreaterThan(0);
          expect(estimate.probabilityMeetsTarget).toBeGreaterThanOrEqual(0);
          expect(estimate.probabilityMeetsTarget).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('skill estimate', () => {
  it('says "not enough evidence" below six effective observations, whatever the score', () => {
    const state = build(
      Array.from({ length: 5 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: 0,
        time: START,
      })),
    );
    expect(estimateSkill('s', totalsAt(state, START, config), 0.75, config).status).toBe(
      'insufficient',
    );
  });

  it('meets the target with strong consistent evidence, and shows a gap with poor evidence', () => {
    const strong = build(
      Array.from({ length: 40 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: 0.95,
        time: START,
      })),
    );
    const weak = build(
      Array.from({ length: 40 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: 0.3,
        time: START,
      })),
    );
    const meets = estimateSkill('s', totalsAt(strong, START, config), 0.75, config);
    expect(meets).toMatchObject({ status: 'meets', level: 'expert' });
    expect(estimateSkill('s', totalsAt(weak, START, config), 0.75, config)).toMatchObject({
      status: 'gap',
      level: 'novice',
    });
    // Beta(1 + S⁺/φ, 1 + S⁻/φ) with S⁺ = 40 × 0.95.
    expect(meets.alpha).toBeCloseTo(1 + 38 / config.dispersion.prior.choice, 9);
    expect(meets.interval[0]).toBeLessThan(meets.mean);
  });

  it('detects a steady improvement and stays steady on flat evidence', () => {
    const improving = build(
      Array.from({ length: 60 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: index % 2 === 0 ? index / 60 : Math.min(1, index / 60 + 0.1),
        time: START + index * 2 * DAY_MS,
      })),
    );
    const flat = build(
      Array.from({ length: 60 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: index % 2 === 0 ? 0.4 : 0.6,
        time: START + index * 2 * DAY_MS,
      })),
    );
    expect(
      estimateSkill('s', totalsAt(improving, START, config), 0.75, config).trend.direction,
    ).toBe('improving');
    expect(estimateSkill('s', totalsAt(flat, START, config), 0.75, config).trend.direction).toBe(
      'steady',
    );
    const sameDay = build(
      Array.from({ length: 10 }, (_, index) => ({
        run: `r${index}`,
        format: 'choice',
        cap: 3,
        w: 1,
        y: index / 10,
        time: START,
      })),
    );
    expect(estimateSkill('s', totalsAt(sameDay, START, config), 0.75, config).trend.direction).toBe(
      'unknown',
    );
  });
});

describe('posterior with a dispersion per format', () => {
  const mixed = build([
    { run: 'run-1', format: 'choice', cap: 3, w: 1, y: 0.8, time: START },
    { run: 'check:a', format: 'check', cap: 3, w: 0.5, y: 1, time: START },
    { run: 'observation:1', format: 'observation', cap: 3, w: 2, y: 0.25, time: START },
  ]);
  const totals = totalsAt(mixed, START, config);

  it('divides each format’s S± by its own φ', () => {
    expect(
      posteriorParameters(totals, { choice: 0.4, check: 0.5, observation: 0.25 }, config),
    ).toEqual({
      alpha: 1 + 0.8 / 0.4 + 0.5 / 0.5 + 0.5 / 0.25,
      beta: 1 + 0.2 / 0.4 + 0 / 0.5 + 1.5 / 0.25,
    });
  });

  it('treats pooled sums (no split by format) with the largest φ', () => {
    const { formats: _formats, ...pooledOnly } = totals;
    const { alpha } = posteriorParameters(
      pooledOnly,
      { choice: 0.4, check: 0.5, observation: 0.25 },
      config,
    );
    expect(alpha).toBeCloseTo(1 + totals.sPlus / 0.5, 12);
  });

  it('never takes α below the prior when formula-scored checks sit below chance', () => {
    const belowChance = build(
      Array.from({ length: 16 }, (_, index) => ({
        run: `check:${index}`,
        format: 'check' as const,
        cap: 0.5,
        w: 0.5,
        y: -1 / 3,
        time: START,
      })),
    );
    const estimate = estimateSkill('s', totalsAt(belowChance, START, config), 0.75, config);
    expect(estimate.alpha).toBe(config.priorAlpha);
    expect(estimate.mean).toBeGreaterThan(0);
    expect(estimate.status).toBe('gap');
  });

  it('weights the trend’s formats by 1/φ, and changes nothing when every φ is equal', () => {
    const same = precisionWeightedTrendSums(totals, { choice: 0.5, check: 0.5, observation: 0.5 });
    expect(same.W).toBeCloseTo(totals.W / 0.5, 12);
    expect(same.Wty).toBeCloseTo(totals.Wty / 0.5, 12);
    const different = precisionWeightedTrendSums(totals, {
      choice: 0.4,
      check: 0.5,
      observation: 0.25,
    });
    expect(different.W).toBeCloseTo(1 / 0.4 + 0.5 / 0.5 + 2 / 0.25, 12);
    expect(different.events).toBe(3);
  });
});
