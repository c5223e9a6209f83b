import { SCORING_CONFIG } from '../domain/scoring/config';
import { scoringContentFrom } from '../domain/scoring/content';
import { type ActivityRecord } from '../domain/activity/record';
import { assertNever } from '../domain/activity/kinds';
import { estimateHistory, type HistoryPoint } from '../domain/scoring/history';
import { scoreLearner, type SkillProfile } from '../domain/scoring/profile';
import { recommend, type Recommendation } from '../domain/scoring/recommend';
import type { ScoringCatalogue } from './scoring-catalogue';

/**
 * One learner's view — their profile against targets, recommendations, trends, self-ratings —
 * computed from their records by the scoring engine. The one path for the learner's own
 * profile page (records in this browser, plus the server's) and a supervisor's drill-down
 * (the server's records of that learner).
 */
export interface LearnerView {
  profile: SkillProfile;
  recommendations: Recommendation[];
  history: Record<string, HistoryPoint[]>;
  /** Latest self-rating per skill (1–5). */
  selfRatings: Record<string, number>;
  recordCount: number;
  lessonsDone: Set<string>;
  scenariosPlayed: Set<string>;
}

/** What the learner's own records say beyond the evidence: lessons tried, scenarios played, self-ratings. */
function progressFacts(records: readonly ActivityRecord[], recentCutoff: number) {
  const facts = {
    lessonsDone: new Set<string>(),
    scenariosPlayed: new Set<string>(),
    recentScenarios: new Set<string>(),
    /** Latest self-rating per skill (records are oldest first). */
    selfRatings: {} as Record<string, number>,
  };
  for (const record of records) {
    switch (record.kind) {
      case 'check':
        facts.lessonsDone.add(record.lessonId);
        break;
      case 'choice':
        facts.scenariosPlayed.add(record.scenarioId);
        if (Date.parse(record.at) >= recentCutoff) facts.recentScenarios.add(record.scenarioId);
        break;
      case 'completion':
      case 'observation':
        break;
      case 'self-rating':
        facts.selfRatings[record.skillId] = record.rating;
        break;
      default:
        assertNever(record, 'kind of record');
    }
  }
  return facts;
}

export function buildLearnerView(
  records: readonly ActivityRecord[],
  catalogue: ScoringCatalogue,
  options: {
    now?: number;
    targets?: Record<string, number>;
    /** Evidence kept elsewhere (the server's records, for the learner's own page): scored, not counted. */
    extra?: readonly ActivityRecord[];
  } = {},
): LearnerView {
  const now = options.now ?? Date.now();
  const skills = catalogue.skills.map((skill) => skill.id);
  const content = scoringContentFrom({
    scenarios: catalogue.scenarios,
    lessons: catalogue.lessons,
  });
  // The engine takes every kind and skips what is not evidence.
  const profile = scoreLearner([...records, ...(options.extra ?? [])], content, {
    skills,
    targets: options.targets,
    now,
  });
  const { lessonsDone, scenariosPlayed, recentScenarios, selfRatings } = progressFacts(
    records,
    now - SCORING_CONFIG.recentDays * 86_400_000,
  );
  return {
    profile,
    recommendations: recommend({
      estimates: profile.skills,
      skillNames: Object.fromEntries(catalogue.skills.map((skill) => [skill.id, skill.name])),
      lessons: catalogue.lessons,
      lessonsDone,
      scenarios: catalogue.scenarios,
      recentScenarios,
    }),
    history: Object.fromEntries(
      skills.map((skill) => [
        skill,
        estimateHistory(
          profile.evidence,
          skill,
          profile.skills.find((s) => s.skill === skill)?.target ?? SCORING_CONFIG.defaultTarget,
        ),
      ]),
    ),
    selfRatings,
    recordCount: records.length,
    lessonsDone,
    scenariosPlayed,
  };
}
