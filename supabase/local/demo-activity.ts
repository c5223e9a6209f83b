import { playThrough, startPosition } from '../../src/domain/scenario/runtime';
import type { Choice, PublishedScenario } from '../../src/domain/scenario/schema';
import { seededRandom } from '../../src/domain/scenario/shuffle';
import type { LoadedLesson } from '../../src/library/content';

/**
 * DEMO DATA: an activity history for the demo agency, made by simulated learners playing
 * the real scenarios and answering the real knowledge checks, so every dashboard has data.
 * Each learner has a hidden ability per skill; choices follow a softmax over the options'
 * codes, so stronger learners choose better more often. Deterministic for a given content.
 */

export interface DemoLearner {
  userId: string;
  cohort: number;
}

const DAY = 86_400_000;

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const quote = (value: string | null) =>
  value === null ? 'null' : `'${value.replace(/'/g, "''")}'`;

export function demoActivitySql(options: {
  learners: readonly DemoLearner[];
  supervisors: readonly { userId: string; cohort: number }[];
  scenarios: readonly PublishedScenario[];
  lessons: readonly Pick<LoadedLesson, 'id' | 'frontmatter'>[];
  skills: readonly string[];
  now: number;
}): string[] {
  const random = seededRandom(20261124);
  const normal = () =>
    Math.sqrt(-2 * Math.log(Math.max(random(), 1e-9))) * Math.cos(2 * Math.PI * random());
  const statements: string[] = [];
  const rows: string[] = [];
  const push = (columns: Record<string, string | null>) => {
    rows.push(`(${Object.values(columns).map(quote).join(', ')})`);
  };
  const columns = [
    'id',
    'user_id',
    'kind',
    'occurred_at',
    'attempt_id',
    'scenario_id',
    'scenario_version',
    'node_id',
    'choice_id',
    'ending_id',
    'mode',
    'lesson_id',
    'item_id',
    'option_id',
  ];

  options.learners.forEach((learner, index) => {
    // A spread of people: some strong, some new to the work, each with their own unevenness.
    const base = -0.3 + (2.1 * index) / Math.max(1, options.learners.length - 1) + normal() * 0.3;
    const ability = Object.fromEntries(
      options.skills.map((skill) => [skill, base + normal() * 0.6]),
    );
    const improving = index % 3 === 0;
    const plays = 5 + Math.floor(random() * 6);
    for (let play = 0; play < plays; play++) {
      const scenario = options.scenarios[Math.floor(random() * options.scenarios.length)]!;
      const mode = random() < 0.7 ? 'assessment' : 'practice';
      const daysAgo = Math.floor(95 - (play / plays) * 90 - random() * 4);
      let time = options.now - daysAgo * DAY + Math.floor(random() * 8) * 3_600_000;
      const growth = improving ? (1 - daysAgo / 95) * 1.2 : 0;
      const attemptId = uuidFrom(random);
      const pickBySkill = (offered: readonly Choice[]) => {
        const weights = offered.map((choice) =>
          Math.exp(
            Object.entries(choice.evidence).reduce(
              (sum, [skill, evidence]) =>
                sum + 0.55 * ((ability[skill] ?? base) + growth) * evidence.code,
              0,
            ),
          ),
        );
        let draw = random() * weights.reduce((a, b) => a + b, 0);
        let pick = offered[offered.length - 1]!;
        for (let option = 0; option < offered.length; option++) {
          draw -= weights[option]!;
          if (draw <= 0) {
            pick = offered[option]!;
            break;
          }
        }
        return pick;
      };
      // Lazily played: each decision's time and id are drawn before the next pick, as seeded.
      let ending = startPosition(scenario).position;
      for (const { position, choice, after } of playThrough(scenario, pickBySkill)) {
        ending = after;
        time += 40_000 + Math.floor(random() * 60_000);
        push({
          id: uuidFrom(random),
          user_id: learner.userId,
          kind: 'choice',
          occurred_at: new Date(time).toISOString(),
          attempt_id: attemptId,
          scenario_id: scenario.id,
          scenario_version: scenario.version,
          node_id: position.node,
          choice_id: choice.id,
          ending_id: null,
          mode,
          lesson_id: null,
          item_id: null,
          option_id: null,
        });
      }
      push({
        id: uuidFrom(random),
        user_id: learner.userId,
        kind: 'completion',
        occurred_at: new Date(time + 30_000).toISOString(),
        attempt_id: attemptId,
        scenario_id: scenario.id,
        scenario_version: scenario.version,
        node_id: null,
        choice_id: null,
        ending_id: ending.node,
        mode,
        lesson_id: null,
        item_id: null,
        option_id: null,
      });
    }
    const lessonCount = 3 + Math.floor(random() * 5);
    for (let lessonIndex = 0; lessonIndex < lessonCount; lessonIndex++) {
      const lesson = options.lessons[Math.floor(random() * options.lessons.length)]!;
      const time = options.now - Math.floor(random() * 80) * DAY;
      lesson.frontmatter.check.forEach((item, itemIndex) => {
        const skillAbility = (ability[item.skill] ?? base) + 0.8;
        const correct = random() < 1 / (1 + Math.exp(-skillAbility));
        const wrong = item.options.filter((option) => !option.correct);
        const option = correct
          ? item.options.find((candidate) => candidate.correct)!
          : wrong[Math.floor(random() * wrong.length)]!;
        push({
          id: uuidFrom(random),
          user_id: learner.userId,
          kind: 'check',
          occurred_at: new Date(time + itemIndex * 50_000).toISOString(),
          attempt_id: null,
          scenario_id: null,
          scenario_version: null,
          node_id: null,
          choice_id: null,
          ending_id: null,
          mode: null,
          lesson_id: lesson.id,
          item_id: item.id,
          option_id: option.id,
        });
      });
    }
  });

  for (let start = 0; start < rows.length; start += 300) {
    statements.push(
      `insert into public.activity_events (${columns.join(', ')}) values\n${rows.slice(start, start + 300).join(',\n')};`,
    );
  }

  // A few observed-practice records from the supervisors.
  const observations: string[] = [];
  options.learners.slice(0, 4).forEach((learner, index) => {
    const supervisor = options.supervisors.find((candidate) => candidate.cohort === learner.cohort);
    if (!supervisor) return;
    const skill = options.skills[index % options.skills.length]!;
    const when = new Date(options.now - (10 + index * 5) * DAY).toISOString();
    observations.push(
      `(${quote(uuidFrom(random))}, ${quote(learner.userId)}, 'observation', ${quote(when)}, ${quote(skill)}, ${0.45 + index * 0.12}, 1, ${quote('Observed during a home visit: see the level descriptors for what this looked like.')}, ${quote(supervisor.userId)})`,
    );
  });
  if (observations.length > 0) {
    statements.push(
      `insert into public.activity_events (id, user_id, kind, occurred_at, skill_id, score, weight, note, observed_by) values\n${observations.join(',\n')};`,
    );
  }
  return statements;
}
