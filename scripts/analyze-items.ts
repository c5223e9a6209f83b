/**
 * `npm run analyze:items -- <events.jsonl> [--json]`
 *
 * Item analysis of this repository's knowledge checks and scenario decisions from a
 * JSON-lines activity file (the format `npm run score` reads; see README): per item, how
 * often each option is chosen, difficulty, discrimination (corrected item–rest correlation
 * on the skill's estimate), the mean code of the chosen option by third of learners, and
 * flags (options never chosen, negative discrimination, a key that strong learners choose
 * less often than a distractor). Conventions: src/domain/scoring/item-analysis.ts.
 * Bad lines are reported on stderr by number and skipped; the rest are analysed.
 */
import { readFileSync } from 'node:fs';
import { readActivityLines } from './lib/activity-file';
import { loadAllContent } from '../src/library/check-content';
import { loadSkills } from '../src/library/content';
import { SCORING_CONFIG } from '../src/domain/scoring/config';
import { scoringContentFrom } from '../src/domain/scoring/content';
import {
  analyseItems,
  flaggedItems,
  ITEM_ANALYSIS_DEFAULTS,
  type ItemFigures,
  type ItemFlag,
} from '../src/domain/scoring/item-analysis';
import { learnerStatistics } from '../src/domain/scoring/profile';
import { measuredSkills } from '../src/domain/skills/skill';

const USAGE = 'usage: npm run analyze:items -- <events.jsonl> [--json]';
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const unknown = process.argv.slice(2).filter((arg) => arg.startsWith('--') && arg !== '--json');
if (!file || unknown.length > 0) {
  if (unknown.length > 0) console.error(`unknown option ${unknown.join(', ')}`);
  console.error(USAGE);
  process.exit(2);
}
const asJson = process.argv.includes('--json');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const root = process.cwd();
const content = loadAllContent(root);
const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
const skillNames = new Map(loadSkills(root).skills.map((skill) => [skill.id, skill.name]));
const scenarios = content.scenarios.map((entry) => entry.scenario);
const lessons = content.lessons.map((lesson) => ({
  id: lesson.id,
  check: lesson.frontmatter.check,
}));
const scoring = scoringContentFrom({ scenarios, lessons });

const { byLearner, lineOf, errors } = readActivityLines(text, skills);
const problems = errors.map(({ line, error }) => ({ line, error }));
const learners = [...byLearner].map(([learner, records]) => {
  const statistics = learnerStatistics(records, scoring, skills, SCORING_CONFIG);
  for (const rejected of statistics.rejected)
    problems.push({ line: lineOf.get(rejected.recordId) ?? 0, error: rejected.reason });
  return { learner, evidence: statistics.evidence };
});
problems.sort((a, b) => a.line - b.line);
for (const { line, error } of problems) console.error(`line ${line || '?'}: ${error}`);

const items = analyseItems(learners, {
  scenarios,
  checks: lessons.flatMap((lesson) =>
    lesson.check.map((item) => ({
      lessonId: lesson.id,
      itemId: item.id,
      skill: item.skill,
      options: item.options.map(({ id, text, correct }) => ({ id, text, correct })),
    })),
  ),
});

if (asJson) {
  console.log(
    JSON.stringify(
      {
        file,
        learners: learners.length,
        skippedLines: problems.length,
        conventions: ITEM_ANALYSIS_DEFAULTS,
        items,
      },
      null,
      2,
    ),
  );
} else {
  const percent = (value: number | null) =>
    value === null ? 'n/a' : `${Math.round(value * 100)}%`;
  const fixed = (value: number | null, digits = 2) =>
    value === null ? 'n/a' : value.toFixed(digits);
  const signed = (value: number | null) =>
    value === null ? 'n/a' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
  const skillName = (id: string) => skillNames.get(id) ?? id;
  const describeFlag = (flag: ItemFlag) => {
    switch (flag.kind) {
      case 'never-chosen':
        return `option "${flag.option}" never chosen in ${flag.offered} answers`;
      case 'negative-discrimination':
        return `negative discrimination on ${skillName(flag.skill)} (r = ${flag.discrimination.toFixed(2)}): stronger learners do worse on it`;
      case 'key-less-popular-among-strong':
        return `strong learners (upper third on ${flag.skills.map(skillName).join(', ')}; ${flag.strongLearners} offered both) chose "${flag.distractor}" (${percent(flag.distractorShare)}) more often than the key "${flag.key}" (${percent(flag.keyShare)})`;
    }
  };
  const describe = (item: ItemFigures) => {
    const lines = [`${item.kind} ${item.id}: ${item.answers} learners`];
    if (item.tooFew) {
      lines.push(`  ${item.tooFew}`);
      return lines;
    }
    lines.push(
      '  options: ' +
        item.options
          .map((option) => {
            const codes = option.codes
              ? ` [${Object.entries(option.codes)
                  .map(([skill, code]) => `${skillName(skill)} ${code > 0 ? '+' : ''}${code}`)
                  .join(', ')}]`
              : '';
            const key = option.keyFor.length > 0 ? ' (key)' : '';
            return `${option.id} ${percent(option.share)}${key}${codes}`;
          })
          .join(' | '),
    );
    for (const skill of item.skills) {
      const bands = skill.byBand
        .map((band) =>
          item.kind === 'check'
            ? `${band.band} ${percent(band.meanCode)}`
            : `${band.band} ${signed(band.meanCode)}`,
        )
        .join(' · ');
      lines.push(
        `  ${skillName(skill.skill)}: difficulty ${fixed(skill.difficulty)}, discrimination ${fixed(skill.discrimination)}` +
          `${skill.note ? ` (${skill.note})` : ''}; ${item.kind === 'check' ? 'correct' : 'mean code'} by third: ${bands}`,
      );
    }
    for (const flag of item.flags) lines.push(`  FLAG ${describeFlag(flag)}`);
    return lines;
  };
  const flagged = flaggedItems(items);
  const answered = items.filter((item) => (item.answers ?? 0) > 0);
  console.log(
    `Item analysis of ${file}: ${learners.length} learners, ${answered.length} of ${items.length} items answered` +
      `${problems.length > 0 ? `, ${problems.length} line(s) skipped` : ''}.`,
  );
  console.log(
    `First answers only; difficulty = mean score (higher is easier); discrimination = corrected item–rest correlation; ` +
      `statistics need ${ITEM_ANALYSIS_DEFAULTS.minAnswers} learners (a third, ${ITEM_ANALYSIS_DEFAULTS.minPerBand}); ` +
      `flags are beyond chance at one-sided 5%.\n`,
  );
  console.log(`Flagged items: ${flagged.length}`);
  for (const item of flagged) for (const line of describe(item)) console.log(line);
  console.log('\nAll items');
  for (const item of items) for (const line of describe(item)) console.log(line);
}
