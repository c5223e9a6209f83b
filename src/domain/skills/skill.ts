import { z } from 'zod';

/** Benner's stages, from novice to expert, in order. */
export const PROFICIENCY_LEVELS = [
  'novice',
  'advanced-beginner',
  'competent',
  'proficient',
  'expert',
] as const;
export type ProficiencyLevel = (typeof PROFICIENCY_LEVELS)[number];

export const PROFICIENCY_LEVEL_NAMES: Record<ProficiencyLevel, string> = {
  novice: 'Novice',
  'advanced-beginner': 'Advanced beginner',
  competent: 'Competent',
  proficient: 'Proficient',
  expert: 'Expert',
};

/** The professional bodies a skill maps to. */
export const REFERENCE_FRAMEWORKS = ['CCMC', 'CMSA', 'NASW'] as const;

const slugId = () =>
  z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

/** One professional reference (an exam domain, a standard) a skill maps to. */
export const skillReferenceSchema = () =>
  z.object({
    framework: z.enum(REFERENCE_FRAMEWORKS),
    name: z.string().min(3),
  });

/**
 * One entry of `content/skills.yaml`. `kind: module` marks the foundations module:
 * it has lessons but is not measured.
 */
export const skillSchema = () =>
  z.object({
    id: slugId(),
    name: z.string().min(2),
    kind: z.enum(['skill', 'module']),
    /** Its place in the recommended learning path (1 first; the path page's order). */
    pathStep: z.number().int().min(1),
    description: z.string().min(10).max(160),
    whyItMatters: z.string().min(40),
    levels: z.object(
      Object.fromEntries(PROFICIENCY_LEVELS.map((level) => [level, z.string().min(20)])) as Record<
        ProficiencyLevel,
        z.ZodString
      >,
    ),
    references: z.array(skillReferenceSchema()).min(1),
  });

/** The whole taxonomy file; ids must be unique. */
export const skillTaxonomySchema = () =>
  z.object({ skills: z.array(skillSchema()).min(1) }).superRefine((taxonomy, ctx) => {
    const seen = new Set<string>();
    taxonomy.skills.forEach((skill, index) => {
      if (seen.has(skill.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['skills', index, 'id'],
          message: `duplicate skill id "${skill.id}"`,
        });
      }
      seen.add(skill.id);
    });
  });

export type Skill = z.infer<ReturnType<typeof skillSchema>>;
export type SkillTaxonomy = z.infer<ReturnType<typeof skillTaxonomySchema>>;
export type SkillId = Skill['id'];

/** Skills in learning-path order (by path step; the taxonomy's order breaks ties). */
export function inPathOrder<S extends Pick<Skill, 'pathStep'>>(skills: readonly S[]): S[] {
  return skills
    .map((skill, index) => ({ skill, index }))
    .sort((a, b) => a.skill.pathStep - b.skill.pathStep || a.index - b.index)
    .map(({ skill }) => skill);
}

/** The skills the scoring engine measures (everything but modules such as foundations). */
export function measuredSkills(skills: readonly Skill[]): Skill[] {
  return skills.filter((skill) => skill.kind === 'skill');
}

export function skillById(skills: readonly Skill[], id: string): Skill | undefined {
  return skills.find((skill) => skill.id === id);
}

/** Name of a skill for display; falls back to the id so a stale record still renders. */
export function skillName(skills: readonly Skill[], id: string): string {
  return skillById(skills, id)?.name ?? id;
}
