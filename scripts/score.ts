/**
 * `npm run score -- <events.jsonl> [--now <ISO time>] [--targets <file>] [--dispersion estimate|fixed]`
 *
 * Scores JSON-lines activity against the content in this repository and prints one skill
 * profile per learner as JSON. Line kinds (see README, "Scoring from the command line"):
 *   {"kind":"choice","learner":"l1","time":"…","scenario":"…","node":"…","choice":"…","mode":"assessment"}
 *   {"kind":"check","learner":"l1","time":"…","lesson":"communication/active-listening-oars","item":"…","option":"b"}
 *   {"kind":"observation","learner":"l1","time":"…","skill":"empathy","y":0.8,"w":1}
 * Bad lines are reported on stderr with their line number and skipped; the rest still score.
 *
 * Dispersion φ per response format (choice, check, observation) is estimated from the file
 * itself — every learner × skill is a cell — and shrunk towards the prior when the file is
 * thin (`--dispersion estimate`, the default); `--dispersion fixed` uses the prior (0.5).
 * Either way the output's "dispersion" says, per format, the φ used, the data's own
 * estimate and its effective n (residual degrees of freedom).
 */
import { readFileSync } from 'node:fs';
import { loadAllContent } from '../src/library/check-content';
import { loadSkills } from '../src/library/content';
import { SCORING_CONFIG } from '../src/domain/scoring/config';
import { scoringContentFrom } from '../src/domain/scoring/content';
import { dispersionOf } from '../src/domain/scoring/dispersion';
import { dispersionFromStates, learnerStatistics, profileOf } from '../src/domain/scoring/profile';
import { measuredSkills } from '../src/domain/skills/skill';
import { readActivityLines } from './lib/activity-file';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const file = process.argv
  .slice(2)
  .find((arg, index, all) => !arg.startsWith('--') && !all[index - 1]?.startsWith('--'));
const USAGE =
  'usage: npm run score -- <events.jsonl> [--now <ISO time>] [--targets <file>] [--dispersion estimate|fixed]';
if (!file) {
  console.error(USAGE);
  process.exit(2);
}
const dispersionMode = option('dispersion') ?? 'estimate';
if (dispersionMode !== 'estimate' && dispersionMode !== 'fixed') {
  console.error(`--dispersion: "${dispersionMode}" is neither estimate nor fixed\n${USAGE}`);
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

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
const { byLearner, lineOf, errors } = readActivityLines(text, skills);
for (const { line, error } of errors) console.error(`line ${line}: ${error}`);
let bad = errors.length;

const statistics = [...byLearner].map(([learner, records]) => ({
  learner,
  statistics: learnerStatistics(records, scoring, skills, SCORING_CONFIG),
}));
const dispersion = dispersionFromStates(
  statistics.map((entry) => entry.statistics.states),
  now,
  SCORING_CONFIG,
);
const phi =
  dispersionMode === 'estimate' ? dispersionOf(dispersion) : SCORING_CONFIG.dispersion.prior;

const learners = statistics.map(({ learner, statistics: learnerStats }) => {
  const profile = profileOf(learnerStats, { skills, targets, now, dispersion: phi });
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
console.log(
  JSON.stringify(
    {
      computedAt: new Date(now).toISOString(),
      dispersion: {
        mode: dispersionMode,
        // Per format: φ used, the estimate (data shrunk towards the prior), the data's own
        // φ̂ and its effective n (residual degrees of freedom), and the prior.
        formats: Object.fromEntries(
          Object.entries(dispersion).map(([format, { phi: estimated, ...rest }]) => [
            format,
            { phi: phi[format as keyof typeof phi], estimated, ...rest },
          ]),
        ),
      },
      learners,
    },
    null,
    2,
  ),
);
if (bad > 0) console.error(`${bad} line(s) skipped.`);
