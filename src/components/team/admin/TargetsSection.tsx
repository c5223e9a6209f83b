import { useId, useState } from 'react';
import { SCORING_CONFIG } from '../../../domain/scoring/config';
import { percent } from '../../../domain/team/labels';
import type { SectionProps } from './section';
import { ScrollRegion } from '../../site/ScrollRegion';

/** Target per skill, for the whole agency or one cohort. */
export function TargetsSection({ context, organisationId, data, act }: SectionProps) {
  const id = useId();
  const [cohort, setCohort] = useState('');
  const rows = context.catalogue.skills.map((skill) => {
    const organisation = data.targets.find(
      (target) => target.cohort_id === null && target.skill_id === skill.id,
    );
    const own = cohort
      ? data.targets.find((target) => target.cohort_id === cohort && target.skill_id === skill.id)
      : undefined;
    return { skill, organisation, own };
  });
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Skill targets</h3>
      <p className="muted">
        A learner meets a target when the evidence makes it at least{' '}
        {percent(SCORING_CONFIG.meetsProbability)} likely their skill is at or above it. Without a
        target, {percent(SCORING_CONFIG.defaultTarget)} applies.
      </p>
      <div className="field">
        <label htmlFor={`${id}-scope`}>Targets for</label>
        <select
          id={`${id}-scope`}
          value={cohort}
          onChange={(event) => setCohort(event.target.value)}
        >
          <option value="">The whole agency (default)</option>
          {data.cohorts.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              Cohort: {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <ScrollRegion labelledBy={`${id}-heading`}>
        <table>
          <caption className="visually-hidden">Target per skill</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Target (%)</th>
              {cohort && <th scope="col">Agency default</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ skill, organisation, own }) => {
              const current = cohort ? own : organisation;
              return (
                <tr key={skill.id}>
                  <th scope="row">{skill.name}</th>
                  <td>
                    <input
                      key={`${cohort}-${skill.id}-${current?.target ?? 'none'}`}
                      type="number"
                      min={5}
                      max={95}
                      step={5}
                      aria-label={`Target for ${skill.name} (percent)`}
                      defaultValue={current ? Math.round(Number(current.target) * 100) : ''}
                      placeholder={
                        cohort
                          ? 'agency default'
                          : `${Math.round(SCORING_CONFIG.defaultTarget * 100)}`
                      }
                      onBlur={(event) => {
                        const value = Number(event.target.value);
                        if (event.target.value === '') {
                          if (current)
                            void act(`Target for ${skill.name} cleared.`, () =>
                              context.queries.clearTarget(current.id),
                            );
                          return;
                        }
                        if (!(value >= 5 && value <= 95)) return;
                        if (current && Math.round(Number(current.target) * 100) === value) return;
                        void act(`Target for ${skill.name} set to ${value}%.`, () =>
                          context.queries.setTarget(
                            organisationId,
                            cohort || null,
                            skill.id,
                            value / 100,
                          ),
                        );
                      }}
                    />
                  </td>
                  {cohort && (
                    <td>
                      {organisation
                        ? `${Math.round(Number(organisation.target) * 100)}%`
                        : `${percent(SCORING_CONFIG.defaultTarget)} (default)`}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
