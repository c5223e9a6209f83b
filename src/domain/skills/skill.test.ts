import { describe, expect, it } from 'vitest';
import { measuredSkills, skillName, skillTaxonomySchema, type Skill } from './skill';

const skill = (id: string, kind: 'skill' | 'module' = 'skill'): Skill => ({
  id,
  name: `Skill ${id}`,
  kind,
  pathStep: 1,
  description: 'A description of the skill.',
  whyItMatters: 'Why it matters, in more than forty characters of text.',
  levels: {
    novice: 'Does the basic thing with help.',
    'advanced-beginner': 'Does the basic thing alone.',
    competent: 'Does the thing deliberately and well.',
    proficient: 'Adapts the thing to each situation.',
    expert: 'Teaches others to do the thing well.',
  },
  references: [{ framework: 'CCMC', name: 'Psychosocial Concepts and Support Systems' }],
});

describe('skill taxonomy', () => {
  it('accepts unique skills and refuses a repeated id', () => {
    expect(skillTaxonomySchema().safeParse({ skills: [skill('a'), skill('b')] }).success).toBe(
      true,
    );
    const result = skillTaxonomySchema().safeParse({ skills: [skill('a'), skill('a')] });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([
      'duplicate skill id "a"',
    ]);
  });

  it('refuses a missing level descriptor and an unknown framework', () => {
    const broken = skill('a') as unknown as {
      levels: Record<string, string>;
      references: { framework: string }[];
    };
    delete broken.levels.expert;
    broken.references[0]!.framework = 'ABC';
    const result = skillTaxonomySchema().safeParse({ skills: [broken] });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'skills.0.levels.expert',
      'skills.0.references.0.framework',
    ]);
  });

  it('measures skills but not modules, and names unknown ids by their id', () => {
    const skills = [skill('foundations', 'module'), skill('empathy')];
    expect(measuredSkills(skills).map((s) => s.id)).toEqual(['empathy']);
    expect(skillName(skills, 'empathy')).toBe('Skill empathy');
    expect(skillName(skills, 'gone')).toBe('gone');
  });
});
