/**
 * `npm run validate:scoring [-- --learners N --seed S]`: the scoring model's validation at
 * full size on simulated learners (graded-response 2PL IRT). Prints every figure and each
 * SCORING.md target; exits 1 if any target is missed.
 */
import { SCORING_CONFIG } from '../src/domain/scoring/config';
import { checkTargets, validateScoring } from '../src/domain/scoring/validation/simulate';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const learners = argument('learners', 2000);
const seed = argument('seed', 2026);

const started = performance.now();
const figures = validateScoring(learners, seed);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

console.log(
  `Scoring validation: ${learners} simulated learners per condition, seed ${seed}, ${seconds}s`,
);
console.log(
  `Model: dispersion φ = ${SCORING_CONFIG.dispersion}, half-life ${SCORING_CONFIG.halfLifeDays} days, run cap ${SCORING_CONFIG.runCap}, target τ = ${SCORING_CONFIG.defaultTarget}`,
);
console.log(`Learners truly at or above target (20 decisions): ${percent(figures.aboveTarget)}\n`);
let failed = 0;
for (const check of checkTargets(figures)) {
  const shown =
    check.name.startsWith('recovery') || check.name.includes('calibration error')
      ? check.value.toFixed(3)
      : percent(check.value);
  console.log(`${check.met ? 'PASS' : 'MISS'}  ${check.name}: ${shown} (target ${check.target})`);
  if (!check.met) failed++;
}
console.log(failed === 0 ? '\nAll SCORING.md targets met.' : `\n${failed} target(s) missed.`);
process.exitCode = failed === 0 ? 0 : 1;
