import { useId, useMemo, useState } from 'react';
import { ITEM_ANALYSIS_DEFAULTS, type ItemFigures } from '../../../domain/scoring/item-analysis';
import {
  anySuppressed,
  countWords,
  flagWords,
  groupItems,
  hasFigures,
  shareWords,
  signed,
  type ContentNames,
} from '../../../domain/team/content-analytics';
import { friendlyError } from '../../../services/backend/errors';
import { loadAgencyItemAnalysis } from '../../../services/team/item-analysis';
import { ScrollRegion } from '../../site/ScrollRegion';
import type { SectionProps } from './section';

type Run =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'done'; figures: ItemFigures[] };

const MINIMUM = ITEM_ANALYSIS_DEFAULTS.minAnswers;

/**
 * How the agency's learners answered each check item and scenario decision, for the people
 * who choose content: which items are too easy, misleading or keyed wrong. Runs on demand,
 * because the server's aggregation over every answer can take seconds.
 */
export function ContentAnalyticsSection({
  context,
  organisationId,
}: Pick<SectionProps, 'context' | 'organisationId'>) {
  const id = useId();
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const { catalogue } = context;

  const names = useMemo((): ContentNames & { itemName: (item: ItemFigures) => string } => {
    const lessons = new Map(catalogue.lessons.map((lesson) => [lesson.id, lesson]));
    const scenarios = new Map(catalogue.scenarios.map((scenario) => [scenario.id, scenario]));
    const skills = new Map(catalogue.skills.map((skill) => [skill.id, skill.name]));
    return {
      lessonTitle: (lessonId) => lessons.get(lessonId)?.title ?? lessonId,
      scenarioTitle: (scenarioId) => scenarios.get(scenarioId)?.title ?? scenarioId,
      skillName: (skillId) => skills.get(skillId) ?? skillId,
      itemName: (item) =>
        item.kind === 'check'
          ? (lessons.get(item.lessonId ?? '')?.check.find((check) => check.id === item.itemId)
              ?.prompt ?? `Question ${item.itemId}`)
          : `Decision “${item.nodeId}”`,
    };
  }, [catalogue]);

  const analyse = () => {
    setRun({ status: 'loading' });
    loadAgencyItemAnalysis(context.supabase, organisationId, catalogue).then(
      (figures) => setRun({ status: 'done', figures }),
      (error: unknown) => setRun({ status: 'error', message: friendlyError(error) }),
    );
  };

  const analysed = run.status === 'done' ? run.figures.filter(hasFigures) : [];
  const flagged = analysed.filter((item) => item.flags.length > 0).length;
  const groups =
    run.status === 'done' ? groupItems(run.figures, names, { flaggedOnly }) : undefined;
  // Groups none of whose items has figures yet are listed by name only, after the tables.
  const waiting = groups?.filter((group) => group.analysed === 0) ?? [];

  return (
    <section className="card content-analytics" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Content analytics</h3>
      <p className="muted">
        How your learners answered each knowledge-check question and scenario decision the first
        time, to find items that are too easy, misleading or keyed wrong. No learner is named.
      </p>
      {run.status !== 'done' && (
        <button type="button" onClick={analyse} disabled={run.status === 'loading'}>
          Run the analysis
        </button>
      )}
      {run.status === 'loading' && (
        <p role="status">Analysing every first answer… this can take a few seconds.</p>
      )}
      {run.status === 'error' && (
        <div role="alert">
          <p>The analysis could not run: {run.message}</p>
          <button type="button" onClick={analyse}>
            Try again
          </button>
        </div>
      )}
      {run.status === 'done' && analysed.length === 0 && (
        <p role="status" className="content-analytics-empty">
          Not enough answers yet: items need at least {MINIMUM} learners before they are analysed.
        </p>
      )}
      {run.status === 'done' && analysed.length > 0 && groups && (
        <>
          <p role="status">
            {analysed.length} {analysed.length === 1 ? 'item' : 'items'} analysed,{' '}
            {flagged === 0 ? 'none flagged.' : `${flagged} flagged for a look (listed first).`}
          </p>
          <dl className="content-analytics-legend muted">
            <dt>Difficulty</dt>
            <dd>the mean score of first answers, 0 to 1: higher is easier.</dd>
            <dt>Discrimination</dt>
            <dd>
              how well the item separates learners who are stronger on its skill (−1 to 1); near 0
              or negative deserves a look.
            </dd>
            {anySuppressed(run.figures) && (
              <>
                <dt>“fewer than {MINIMUM}”</dt>
                <dd>
                  a group of fewer than {MINIMUM} learners: the server withholds its figures so no
                  learner&apos;s answers can be singled out.
                </dd>
              </>
            )}
          </dl>
          <p>
            <input
              id={`${id}-flagged`}
              type="checkbox"
              checked={flaggedOnly}
              onChange={(event) => setFlaggedOnly(event.target.checked)}
            />{' '}
            <label htmlFor={`${id}-flagged`}>Flagged only</label>
          </p>
          {groups.length === 0 && <p>No item is flagged.</p>}
          {groups.map((group) => {
            if (group.analysed === 0) return null;
            const headingId = `${id}-${group.kind}-${group.id}`;
            const unanalysed = group.items.length - group.analysed;
            return (
              <div key={headingId} className="content-analytics-group">
                <h4 id={headingId}>
                  {group.kind === 'check' ? 'Lesson' : 'Scenario'}: {group.title}
                </h4>
                <ScrollRegion labelledBy={headingId}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{group.kind === 'check' ? 'Question' : 'Decision'}</th>
                        <th scope="col">Learners</th>
                        <th scope="col">Difficulty</th>
                        <th scope="col">Discrimination</th>
                        <th scope="col">Options chosen</th>
                        <th scope="col">Flags</th>
                      </tr>
                    </thead>
                    <tbody>
                      {group.items.filter(hasFigures).map((item) => (
                        <tr key={item.id}>
                          <th scope="row">
                            <a href={group.href}>{names.itemName(item)}</a>
                          </th>
                          <td>{countWords(item.answers)}</td>
                          <td>
                            <SkillFigure
                              item={item}
                              names={names}
                              value={(skill) => skill.difficulty?.toFixed(2)}
                            />
                          </td>
                          <td>
                            <SkillFigure
                              item={item}
                              names={names}
                              value={(skill) =>
                                skill.discrimination === null
                                  ? undefined
                                  : signed(skill.discrimination)
                              }
                            />
                          </td>
                          <td>
                            <ul className="cell-list">
                              {item.options.map((option) => (
                                <li key={option.id}>
                                  {option.text ?? option.id}
                                  {option.keyFor.length > 0 &&
                                    (item.kind === 'check'
                                      ? ' (correct)'
                                      : ` (best for ${option.keyFor.map(names.skillName).join(', ')})`)}
                                  : {shareWords(option)}
                                </li>
                              ))}
                            </ul>
                          </td>
                          <td>
                            {item.flags.length === 0 ? (
                              'None'
                            ) : (
                              <ul className="cell-list">
                                {item.flags.map((flag) => (
                                  <li key={JSON.stringify(flag)}>{flagWords(flag, item, names)}</li>
                                ))}
                              </ul>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
                {unanalysed > 0 && (
                  <p className="muted">
                    {unanalysed} more {itemWord(group.kind, unanalysed)} answered by fewer than{' '}
                    {MINIMUM} learners: no figures yet.
                  </p>
                )}
              </div>
            );
          })}
          {waiting.length > 0 && (
            <div className="content-analytics-group">
              <h4>Fewer than {MINIMUM} learners so far</h4>
              <ul>
                {waiting.map((group) => (
                  <li key={`${group.kind}-${group.id}`}>
                    <a href={group.href}>
                      {group.kind === 'check' ? 'Lesson' : 'Scenario'}: {group.title}
                    </a>{' '}
                    ({group.items.length} {itemWord(group.kind, group.items.length)})
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" onClick={analyse}>
            Run the analysis again
          </button>
        </>
      )}
    </section>
  );
}

const itemWord = (kind: ItemFigures['kind'], count: number) =>
  `${kind === 'check' ? 'question' : 'decision'}${count === 1 ? '' : 's'}`;

/** A per-skill figure: one value for a one-skill item, "skill: value" per skill otherwise. */
function SkillFigure({
  item,
  names,
  value,
}: {
  item: ItemFigures;
  names: Pick<ContentNames, 'skillName'>;
  value: (skill: ItemFigures['skills'][number]) => string | undefined;
}) {
  const shown = (skill: ItemFigures['skills'][number]) =>
    value(skill) ??
    (skill.answers === null ? `fewer than ${MINIMUM}` : (skill.note ?? 'not computable'));
  if (item.skills.length === 1) return <>{shown(item.skills[0]!)}</>;
  return (
    <ul className="cell-list">
      {item.skills.map((skill) => (
        <li key={skill.skill}>
          {names.skillName(skill.skill)}: {shown(skill)}
        </li>
      ))}
    </ul>
  );
}
