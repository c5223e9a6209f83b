/**
 * `npm run simulate:activity -- [--learners 300] [--seed 7] [--days 90] [--plant] > events.jsonl`
 *
 * Writes JSON-lines activity (the format `npm run score` and `npm run analyze:items` read)
 * of simulated learners playing this repository's scenarios and answering its lessons'
 * knowledge checks (see src/domain/scoring/validation/activity.ts). `--plant` makes one
 * decision and one check item bad on purpose (named on stderr), for item analysis to find.
 */
import { formatActivityLine } from '../src/domain/activity/json-lines';
import { loadAllContent } from '../src/library/check-content';
import { loadSkills } from '../src/library/content';
import { simulateActivity, type ActivityOptions } from '../src/domain/scoring/validation/activity';
import { startPosition } from '../src/domain/scenario/runtime';
import { measuredSkills } from '../src/domain/skills/skill';

const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const whole = (name: string, fallback: number) => {
  const value = option(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    console.error(`--${name}: "${value}" is not a positive whole number`);
    process.exit(2);
  }
  return parsed;
};

const root = process.cwd();
const content = loadAllContent(root);
const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
const scenarios = content.scenarios.map((entry) => entry.scenario);
const lessons = content.lessons.map((lesson) => ({
  id: lesson.id,
  check: lesson.frontmatter.check,
}));

const plant: ActivityOptions['plant'] = {};
if (process.argv.includes('--plant')) {
  const scenario = [...scenarios].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
  const lesson = [...lessons].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
  const item = lesson.check[0]!;
  const distractor = item.options.find((candidate) => !candidate.correct)!.id;
  // The first decision every play of the scenario meets.
  const nodeId = startPosition(scenario).position.node;
  plant.decisions = [{ scenarioId: scenario.id, nodeId }];
  plant.checks = [{ lessonId: lesson.id, itemId: item.id, distractor }];
  console.error(
    `planted: decision ${scenario.id}/${nodeId} (able learners prefer its worst options); ` +
      `check ${lesson.id}#${item.id} mis-keyed (able learners choose "${distractor}")`,
  );
}

const activity = simulateActivity({ scenarios, lessons }, skills, {
  learners: whole('learners', 300),
  seed: whole('seed', 7),
  days: whole('days', 90),
  plant,
});
process.stdout.write(
  activity.flatMap(({ learner, record }) => formatActivityLine(learner, record) ?? []).join('\n') +
    '\n',
);
