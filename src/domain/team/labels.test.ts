import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG } from '../scoring/config';
import type { SkillEstimate } from '../scoring/estimate';
import { cohortCsv } from './cohort-csv';
import { estimateText, intervalName, skillNamer } from './labels';

const estimate = (overrides: Partial<SkillEstimate>): SkillEstimate =>
  ({
    skill: 'empathy',
    status: 'meets',
    mean: 0.81,
    interval: [0.72, 0.88],
    target: 0.75,
    evidence: 9.25,
    level: 'proficient',
    ...overrides,
  }) as SkillEstimate;

describe('estimate labels', () => {
  it('take their figures from the scoring configuration', () => {
    expect(intervalName()).toBe(`${Math.round(SCORING_CONFIG.intervalMass * 100)}% interval`);
    expect(estimateText(estimate({ status: 'insufficient', evidence: 2.5 }))).toBe(
      `Not enough evidence yet (2.5 of ${SCORING_CONFIG.minEvidence}); target 75%`,
    );
    expect(estimateText(estimate({}), { intervalMass: 0.9, minEvidence: 4 })).toBe(
      'Estimate 81%, 90% interval 72%–88%, target 75%, Proficient',
    );
  });

  it('name skills by id, falling back to the id', () => {
    const name = skillNamer([{ id: 'empathy', name: 'Empathy' }]);
    expect([name('empathy'), name('ethics')]).toEqual(['Empathy', 'ethics']);
  });

  it('write a cohort as CSV: one row per learner and skill, figures only where measured', () => {
    const csv = cohortCsv(
      [
        {
          name: 'Amara, North',
          estimates: [estimate({}), estimate({ skill: 'ethics', status: 'insufficient' })],
        },
      ],
      [{ id: 'empathy', name: 'Empathy' }],
    );
    expect(csv.split('\r\n')).toEqual([
      'learner,skill,status,estimate,interval_low,interval_high,target,evidence,level',
      '"Amara, North",Empathy,Meets target,0.810,0.720,0.880,0.75,9.25,Proficient',
      '"Amara, North",ethics,Not enough evidence yet,,,,0.75,9.25,',
      '',
    ]);
  });
});
