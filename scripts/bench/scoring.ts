import { loadAllContent } from '../../src/library/check-content';
import { loadSkills } from '../../src/library/content';
import { playThrough } from '../../src/domain/scenario/runtime';
import type { PublishedScenario } from '../../src/domain/scenario/schema';
import { seededRandom } from '../../src/domain/scenario/shuffle';
import { SCORING_CONFIG } from '../../src/domain/scoring/config';
import { scoringContentFrom } from '../../src/domain/scoring/content';
import type { ActivityRecord } from '../../src/domain/activity/record';
import { extractEvidence } from '../../src/domain/scoring/evidence';
import { dispersionOf } from '../../src/domain/scoring/dispersion';
import { estimateSkill } from '../../src/domain/scoring/estimate';
import type { EvidenceItem } from '../../src/domain/scoring/evidence';
import { accumulate, dispersionFromStates, scoreLearner } from '../../src/domain/scoring/profile';
import { totalsAt, type SkillState } from '../../src/domain/scoring/statistics';
import { measuredSkills } from '../../src/domain/skills/skill';
import { figure, type BenchLine } from './figures';

/** Random complete play-throughs of real scenarios, as choice records, until `count` records exist. */
export function simulatedRecords(
  scenarios: readonly PublishedScenario[],
  count: number,
  seed = 1,
): ActivityRecord[] {
  const random = seededRandom(seed);
  const records: ActivityRecord[] = [];
  let time = Date.UTC(2026, 0, 1);
  let attempt = 0;
  while (records.length < count) {
    const scenario = scenarios[Math.floor(random() * scenarios.length)]!;
    const attemptId = `00000000-0000-4000-8000-${String(attempt++).padStart(12, '0')}`;
    for (const { position, choice } of playThrough(
      scenario,
      (offered) => offered[Math.floor(random() * offered.length)]!,
    )) {
      if (records.length >= count) break;
      records.push({
        kind: 'choice',
        id: `${attemptId}-${records.length}`,
        at: new Date((time += 60_000)).toISOString(),
        attemptId,
        scenarioId: scenario.id,
        version: scenario.version,
        nodeId: position.node,
        choiceId: choice.id,
        mode: 'assessment',
      });
    }
  }
  return records;
}

const time = (run: () => void, repeat = 3) => {
  const samples: number[] = [];
  for (let index = 0; index < repeat; index++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return Math.min(...samples);
};

export function benchScoring(): BenchLine[] {
  const root = process.cwd();
  const content = loadAllContent(root);
  const scenarios = content.scenarios.map((entry) => entry.scenario);
  const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
  const scoring = scoringContentFrom({
    scenarios,
    lessons: content.lessons.map((lesson) => ({ id: lesson.id, check: lesson.frontmatter.check })),
  });
  const records = simulatedRecords(scenarios, 100_000);
  const extraction = extractEvidence(records, scoring, SCORING_CONFIG);
  const evidence = extraction.evidence;
  const accumulateMs = time(() => accumulate(evidence));
  const profileMs = time(() => scoreLearner(records, scoring, { skills }), 2);

  // The estimator across an agency: 1,000 learners (attempts dealt out in turn), each folded
  // into per-skill states, per-format totals for every learner × skill, φ per format pooled
  // across them; then every learner × skill estimated with that φ.
  const LEARNERS = 1000;
  const byLearner: EvidenceItem[][] = Array.from({ length: LEARNERS }, () => []);
  const learnerOf = new Map<string, number>();
  for (const item of evidence) {
    let learner = learnerOf.get(item.run);
    if (learner === undefined) learnerOf.set(item.run, (learner = learnerOf.size % LEARNERS));
    byLearner[learner]!.push(item);
  }
  const now = Date.UTC(2027, 0, 1);
  let states: Map<string, SkillState>[] = [];
  const statisticsMs = time(() => {
    states = byLearner.map((items) => accumulate(items));
    dispersionFromStates(states, now);
  });
  const phi = dispersionOf(dispersionFromStates(states, now));
  const cells = states.flatMap((learner) => [...learner.values()]);
  const estimatesMs = time(() => {
    for (const state of cells)
      estimateSkill('skill', totalsAt(state, now, SCORING_CONFIG), 0.75, SCORING_CONFIG, phi);
  });
  const accumulateRate = evidence.length / (accumulateMs / 1000);
  const statisticsRate = evidence.length / (statisticsMs / 1000);
  const estimatesRate = cells.length / (estimatesMs / 1000);
  return [
    `scoring: ${scenarios.length} scenarios, ${records.length.toLocaleString('en')} choice records → ${evidence.length.toLocaleString('en')} evidence events`,
    figure(
      'scoring.accumulate',
      accumulateRate,
      'events/s',
      `scoring: evidence events accumulated per second (one process): ${Math.round(accumulateRate).toLocaleString('en')}`,
    ),
    figure(
      'scoring.profile_100k',
      profileMs,
      'ms',
      `scoring: full profile from 100,000 choice records (replay + evidence + statistics + estimates): ${profileMs.toFixed(0)} ms`,
    ),
    figure(
      'scoring.dispersion_1000_learners',
      statisticsRate,
      'events/s',
      `scoring: with the dispersion estimator, ${LEARNERS.toLocaleString('en')} learners: evidence events per second through states, per-format totals and φ per format: ${Math.round(statisticsRate).toLocaleString('en')}`,
    ),
    figure(
      'scoring.estimates',
      estimatesRate,
      'estimates/s',
      `scoring: estimates (Beta interval, P(meets), trend) per second with estimated φ: ${Math.round(estimatesRate).toLocaleString('en')} (${cells.length.toLocaleString('en')} learner × skill cells)`,
    ),
  ];
}
