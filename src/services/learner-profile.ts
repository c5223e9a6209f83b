import { SCORING_CONFIG } from '../domain/scoring/config';
import { scoringContentFrom } from '../domain/scoring/content';
import type { ActivityRecord } from '../domain/scoring/evidence';
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

/** Progress records that are evidence (self-ratings and completions are not). */
export function activityOf(records: readonly ProgressRecord[]): ActivityRecord[] {
  return records.flatMap((record): ActivityRecord[] => {
    if (record.kind === 'check' || record.kind === 'choice') return [record];
    return [];
  });
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
  const profile = scoreLearner([...activityOf(records), ...(options.extra ?? [])], content, {
    skills,
    targets: options.targets,
    now,
  });
  const lessonsDone = new Set(
    records.flatMap((record) => (record.kind === 'check' ? [record.lessonId] : [])),
  );
  const recentCutoff = now - SCORING_CONFIG.recentDays * 86_400_000;
  const recent = new Set(
    records.flatMap((record) =>
      record.kind === 'choice' && Date.parse(record.at) >= recentCutoff ? [record.scenarioId] : [],
    ),
  );
  const selfRatings: Record<string, number> = {};
  for (const record of records)
    if (record.kind === 'self-rating') selfRatings[record.skillId] = record.rating;
  return {
    profile,
    recommendations: recommend({
      estimates: profile.skills,
      skillNames: Object.fromEntries(catalogue.skills.map((skill) => [skill.id, skill.name])),
      lessons: catalogue.lessons,
      lessonsDone,
      scenarios: catalogue.scenarios,
      recentScenarios: recent,
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
    scenariosPlayed: new Set(
      records.flatMap((record) => (record.kind === 'choice' ? [record.scenarioId] : [])),
    ),
  };
}
