import { useId } from 'react';
import type { SkillEstimate } from '../../domain/scoring/estimate';
import {
  PROFICIENCY_LEVEL_NAMES,
  PROFICIENCY_LEVELS,
  type ProficiencyLevel,
} from '../../domain/skills/skill';

interface Props {
  skills: { id: string; name: string; levels: Record<ProficiencyLevel, string> }[];
  ratings: Record<string, number>;
  estimates: SkillEstimate[];
  onRate: (skillId: string, rating: number) => void;
}

/** The learner rates themselves per skill; the profile shows it beside the measured estimate. */
export function SelfAssessment({ skills, ratings, estimates, onRate }: Props) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="self-assessment">
      <h2 id={`${id}-heading`}>Rate yourself</h2>
      <p className="reading">
        Where do you think you are? Your rating sits beside the measured estimate — a gap between
        the two is worth a conversation with your supervisor or a closer look at the evidence.
        Ratings are not evidence and do not change your estimates.
      </p>
      <ul className="rating-list">
        {skills.map((skill) => {
          const estimate = estimates.find((candidate) => candidate.skill === skill.id);
          const measured =
            estimate && estimate.status !== 'insufficient'
              ? PROFICIENCY_LEVEL_NAMES[estimate.level]
              : 'not enough evidence yet';
          const current = ratings[skill.id];
          return (
            <li key={skill.id}>
              <label htmlFor={`${id}-${skill.id}`}>{skill.name}</label>
              <select
                id={`${id}-${skill.id}`}
                value={current ?? ''}
                onChange={(event) =>
                  event.target.value && onRate(skill.id, Number(event.target.value))
                }
                aria-describedby={`${id}-${skill.id}-measured`}
              >
                <option value="">Not rated</option>
                {PROFICIENCY_LEVELS.map((level, index) => (
                  <option key={level} value={index + 1}>
                    {PROFICIENCY_LEVEL_NAMES[level]}
                  </option>
                ))}
              </select>
              <span id={`${id}-${skill.id}-measured`} className="muted">
                Measured: {measured}
              </span>
              {current && (
                <p className="muted descriptor">
                  {PROFICIENCY_LEVEL_NAMES[PROFICIENCY_LEVELS[current - 1]!]}:{' '}
                  {skill.levels[PROFICIENCY_LEVELS[current - 1]!]}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
