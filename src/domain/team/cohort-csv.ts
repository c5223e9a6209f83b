import type { SkillEstimate } from '../scoring/estimate';
import { levelText, skillNamer, statusLabel } from './labels';
import { toCsv } from './team';

/** A cohort's estimates as CSV, one row per learner and skill (the dashboard's export). */
export function cohortCsv(
  learners: readonly { name: string; estimates: readonly SkillEstimate[] }[],
  skills: readonly { id: string; name: string }[],
): string {
  const name = skillNamer(skills);
  const rows: (string | number)[][] = [
    [
      'learner',
      'skill',
      'status',
      'estimate',
      'interval_low',
      'interval_high',
      'target',
      'evidence',
      'level',
    ],
  ];
  for (const learner of learners) {
    for (const estimate of learner.estimates) {
      const enough = estimate.status !== 'insufficient';
      rows.push([
        learner.name,
        name(estimate.skill),
        statusLabel(estimate),
        enough ? estimate.mean.toFixed(3) : '',
        enough ? estimate.interval[0].toFixed(3) : '',
        enough ? estimate.interval[1].toFixed(3) : '',
        estimate.target.toFixed(2),
        estimate.evidence.toFixed(2),
        enough ? levelText(estimate) : '',
      ]);
    }
  }
  return toCsv(rows);
}
