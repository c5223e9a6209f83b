import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING_CONFIG } from '../scoring/config';
import { statusFor, type SkillEstimate } from '../scoring/estimate';
import { evidenceCodeText } from '../scoring/code-words';
import { cohortCsv } from './cohort-csv';
import {
  estimateText,
  intervalName,
  levelText,
  shortfallText,
  skillNamer,
  STATUS_WORDINGS,
  STATUS_WORDS,
  statusLabel,
  statusMeaning,
  statusWording,
} from './labels';

const estimate = (overrides: Partial<SkillEstimate>): SkillEstimate =>
  ({
    skill: 'empathy',
    status: 'meets',
    mean: 0.81,
    interval: [0.72, 0.88],
    target: 0.75,
    evidence: 9.25,
    level: 'proficient',
    probabilityMeetsTarget: 0.95,
    ...overrides,
  }) as SkillEstimate;

describe('estimate labels', () => {
  it('take their figures from the scoring configuration', () => {
    expect(intervalName()).toBe(`${Math.round(SCORING_CONFIG.intervalMass * 100)}% interval`);
    expect(estimateText(estimate({ status: 'insufficient', evidence: 2.5 }))).toBe(
      `Not enough evidence (2.5 of ${SCORING_CONFIG.minEvidence}); target 75%`,
    );
    expect(estimateText(estimate({}), { intervalMass: 0.9, minEvidence: 4 })).toBe(
      'Meets target: estimate 81%, 90% interval 72%–88%, target 75%; level: Competent to expert',
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
      '"Amara, North",Empathy,Meets target,0.810,0.720,0.880,0.75,9.25,Competent to expert',
      '"Amara, North",ethics,Not enough evidence,,,,0.75,9.25,',
      '',
    ]);
  });
});

describe('status words', () => {
  it('name "developing" by the side the evidence leans to', () => {
    expect(statusLabel(estimate({ status: 'developing', probabilityMeetsTarget: 0.85 }))).toBe(
      'Likely meets — not yet certain',
    );
    expect(statusLabel(estimate({ status: 'developing', probabilityMeetsTarget: 0.3 }))).toBe(
      'Likely below — not yet certain',
    );
    expect(statusLabel(estimate({ status: 'gap', probabilityMeetsTarget: 0.02 }))).toBe(
      'Below target',
    );
  });

  it('agree with the numbers: a status never leans the other way from its probability', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (evidence, probabilityMeetsTarget) => {
          const status = statusFor(evidence, probabilityMeetsTarget, SCORING_CONFIG);
          const wording = statusWording({ status, probabilityMeetsTarget });
          if (status === 'insufficient') expect(wording).toBe('insufficient');
          else if (probabilityMeetsTarget >= 0.5)
            expect(['meets', 'likely-meets']).toContain(wording);
          else expect(['below', 'likely-below']).toContain(wording);
          if (wording === 'meets')
            expect(probabilityMeetsTarget).toBeGreaterThanOrEqual(SCORING_CONFIG.meetsProbability);
        },
      ),
    );
  });

  it('each has a label, a short form and a meaning with the configured figures', () => {
    for (const wording of STATUS_WORDINGS) {
      expect(STATUS_WORDS[wording].label.length).toBeGreaterThan(0);
      expect(STATUS_WORDS[wording].short.length).toBeGreaterThan(0);
    }
    expect(
      statusMeaning('meets', { meetsProbability: 0.8, gapProbability: 0.1, minEvidence: 6 }),
    ).toBe('at least 80% sure the skill is at or above target');
    expect(statusMeaning('insufficient')).toContain(`fewer than ${SCORING_CONFIG.minEvidence}`);
  });
});

describe('plain words for figures', () => {
  it('say the expected shortfall in points, with how sure it is', () => {
    expect(shortfallText(0.423, { probabilityMeetsTarget: 0.05 })).toBe(
      'about 42 points below target, fairly certain',
    );
    expect(shortfallText(0.01, { probabilityMeetsTarget: 0.4 })).toBe(
      'about 1 point below target, more likely than not',
    );
    expect(shortfallText(0.002, { probabilityMeetsTarget: 0.7 })).toBe(
      'less than 1 point below target, possibly not below at all',
    );
    expect(shortfallText(0.3, { probabilityMeetsTarget: 0.001 })).toBe(
      'about 30 points below target, almost certain',
    );
  });

  it('say what an evidence code means and how it compares with the best on offer', () => {
    expect(evidenceCodeText(3, 3)).toBe(
      '+3: strong evidence for the skill; the best choice on offer',
    );
    expect(evidenceCodeText(1, 3)).toBe(
      '+1: some evidence for the skill; the best choice on offer was +3',
    );
    expect(evidenceCodeText(-2, 2)).toBe(
      '-2: evidence against the skill; the best choice on offer was +2',
    );
    expect(evidenceCodeText(0, 0)).toBe('0: no evidence either way; the best choice on offer');
  });

  it('name a level only when the interval sits inside its band', () => {
    const [, intoCompetent, , intoExpert] = SCORING_CONFIG.levelCuts;
    expect(levelText({ interval: [0.66, 0.74], evidence: 20 })).toBe('Competent');
    expect(
      levelText({
        interval: [intoCompetent + 0.01, intoExpert + 0.02],
        evidence: 20,
      }),
    ).toBe('Competent to expert');
    expect(levelText({ interval: [0.3, 0.95], evidence: 20 })).toBe('Not yet certain');
    expect(levelText({ interval: [0.9, 0.95], evidence: 2 })).toBe('Not yet certain');
  });
});
