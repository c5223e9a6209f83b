import { SCORING_CONFIG } from '../domain/scoring/config';
import { scoringContentFrom } from '../domain/scoring/content';
import { assertNever, type ActivityRecord } from '../domain/activity/record';
import { estimateHistory, type HistoryPoint } from '../domain/scoring/history';
import { scoreLearner, type SkillProfile } from '../domain/scoring/profile';
import { recommend, type Recommendation } from '../domain/scoring/recommend';
import type { ProgressRecord } from './progress/records';
import type { ScoringCatalogue } from './scoring-catalogue';

/** Everything the profile page shows, computed from the learner's records. */
export interface ProfileView {
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
function progressFacts(records: readonly ProgressRecord[], recentCutoff: number) {
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

export function buildProfileView(
  records: readonly ProgressRecord[],
  catalogue: ScoringCatalogue,
  options: {
    now?: number;
    targets?: Record<string, number>;
    extra?: readonly ActivityRecord[];
  } = {},
): ProfileView {
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
