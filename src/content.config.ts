import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse } from 'yaml';
import { lessonFrontmatterSchema } from './domain/lessons/lesson';
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

export const collections = { lessons, skills };
