import { libraryEntry } from '../../domain/scenario/library-gates';
import type { Scenario } from '../../domain/scenario/schema';
import type { Skill } from '../../domain/skills/skill';
import { measuredSkills } from '../../domain/skills/skill';
import type { StudioContext } from './protocol';

/** What the studio's checker needs to know of the site's content, built with the site. */
export function buildStudioContext(content: {
  skills: readonly Skill[];
  lessonIds: readonly string[];
  scenarios: readonly Scenario[];
}): StudioContext {
  return {
    skillIds: content.skills.map((skill) => skill.id),
    measuredSkillIds: measuredSkills(content.skills).map((skill) => skill.id),
    lessonIds: [...content.lessonIds],
    libraryFiles: Object.fromEntries(
      content.scenarios.map((scenario) => [
        scenario.id,
        `scenarios/${scenario.setting}/${scenario.id}.yaml`,
      ]),
    ),
    library: content.scenarios.map(libraryEntry),
  };
}
