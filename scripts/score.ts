/**
 * `npm run score -- <events.jsonl> [--now <ISO time>] [--targets <file>]`
 *
 * Scores JSON-lines activity against the content in this repository and prints one skill
 * profile per learner as JSON. Line kinds (see README, "Scoring from the command line"):
 *   {"kind":"choice","learner":"l1","time":"…","scenario":"…","node":"…","choice":"…","mode":"assessment"}
 *   {"kind":"check","learner":"l1","time":"…","lesson":"communication/active-listening-oars","item":"…","option":"b"}
 *   {"kind":"observation","learner":"l1","time":"…","skill":"empathy","y":0.8,"w":1}
 * Bad lines are reported on stderr with their line number and skipped; the rest still score.
 */
import { readFileSync } from 'node:fs';
import { loadAllContent } from '../src/build/check-content';
import { loadSkills } from '../src/build/content';
import { SCORING_CONFIG } from '../src/domain/scoring/config';
import { scoringContentFrom } from '../src/domain/scoring/content';
import type { ActivityRecord } from '../src/domain/scoring/evidence';
import { scoreLearner } from '../src/domain/scoring/profile';
import { measuredSkills } from '../src/domain/skills/skill';
import { parseActivityLine } from '../src/build/activity-lines';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const file = process.argv
  .slice(2)
  .find((arg, index, all) => !arg.startsWith('--') && !all[index - 1]?.startsWith('--'));
if (!file) {
  console.error('usage: npm run score -- <events.jsonl> [--now <ISO time>] [--targets <file>]');
  process.exit(2);
}
const nowText = option('now');
const now = nowText ? Date.parse(nowText) : Date.now();
if (Number.isNaN(now)) {
  console.error(`--now: "${nowText}" is not a date`);
  process.exit(2);
}

let targets: Record<string, number> = {};
const targetsFile = option('targets');
if (targetsFile) {
  try {
    const parsed = JSON.parse(readFileSync(targetsFile, 'utf8')) as Record<string, unknown>;
    const skills = (parsed.skills ?? parsed) as Record<string, unknown>;
    const fallback = typeof parsed.default === 'number' ? parsed.default : undefined;
    targets = Object.fromEntries(
      Object.entries(skills).filter(
        (entry): entry is [string, number] =>
          typeof entry[1] === 'number' && entry[1] > 0 && entry[1] < 1,
      ),
    );
    if (fallback !== undefined) SCORING_CONFIG.defaultTarget = fallback;
  } catch (error) {
    console.error(`--targets: cannot read ${targetsFile}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const root = process.cwd();
const content = loadAllContent(root);
const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
const scoring = scoringContentFrom({
  scenarios: content.scenarios.map((entry) => entry.scenario),
  lessons: content.lessons.map((lesson) => ({ id: lesson.id, check: lesson.frontmatter.check })),
});

const byLearner = new Map<string, ActivityRecord[]>();
const lineOf = new Map<string, number>();
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
let bad = 0;
text.split(/\r?\n/).forEach((line, index) => {
  if (line.trim() === '') return;
  const parsed = parseActivityLine(line, index + 1, skills);
  if ('error' in parsed) {
    console.error(`line ${index + 1}: ${parsed.error}`);
    bad++;
    return;
  }
  lineOf.set(parsed.record.id, index + 1);
  byLearner.set(parsed.learner, [...(byLearner.get(parsed.learner) ?? []), parsed.record]);
});

const learners = [...byLearner].map(([learner, records]) => {
  const profile = scoreLearner(records, scoring, { skills, targets, now });
  for (const rejected of profile.rejected) {
    console.error(`line ${lineOf.get(rejected.recordId) ?? '?'}: ${rejected.reason}`);
    bad++;
  }
  return {
    learner,
    skills: profile.skills,
    flags: profile.flags.map(({ recordId, ...flag }) => ({
      line: lineOf.get(recordId),
      ...flag,
      time: new Date(flag.time).toISOString(),
    })),
    evidenceCount: profile.evidence.length,
  };
});
console.log(JSON.stringify({ computedAt: new Date(now).toISOString(), learners }, null, 2));
if (bad > 0) console.error(`${bad} line(s) skipped.`);
