import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse } from 'yaml';
import { loadAllContent } from './library/check-content';
import { z } from 'zod';
import { lessonFrontmatterSchema } from './domain/lessons/lesson';
import type { ScenarioMeasures } from './domain/scenario/analysis';
import type { PublishedScenario } from './domain/scenario/schema';
import { skillSchema } from './domain/skills/skill';

// Cross-file rules (unknown skill or scenario, duplicate order) are enforced before the
// build by the content-check integration; these schemas give the pages their types.
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonFrontmatterSchema(),
});

const skills = defineCollection({
  loader: file('content/skills.yaml', {
    parser: (text) => (parse(text) as { skills: { id: string }[] }).skills,
  }),
  schema: skillSchema(),
});

// Scenarios are loaded by the same code as `npm run check:content`: validated, analysed
// and stamped with their content version. Only scenarios without errors are published.
const scenarios = defineCollection({
  loader: () =>
    loadAllContent(process.cwd())
      .scenarios.filter(
        ({ analysis }) => !analysis.issues.some((issue) => issue.severity === 'error'),
      )
      .map(({ scenario, analysis }) => {
        const { issues: _issues, ...measures } = analysis;
        return { ...scenario, analysis: measures };
      }),
  schema: z.custom<PublishedScenario & { analysis: ScenarioMeasures }>(
    (value) => typeof value === 'object' && value !== null,
  ),
});

export const collections = { lessons, skills, scenarios };
