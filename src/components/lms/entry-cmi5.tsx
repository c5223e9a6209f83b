import { scoringContentFrom } from '../../domain/scoring/content';
import { createCmi5Adapter, isCmi5Launch } from '../../services/lms/cmi5';
import { createNoLmsAdapter } from '../../services/lms/none';
import { mountPackagedPlayer } from './mount';

/** The cmi5 packages' script: launched by a cmi5 LMS, or played without one. */
mountPackagedPlayer((config) => {
  const content =
    'kind' in config
      ? scoringContentFrom({
          scenarios: [],
          lessons: [{ id: config.lessonId, check: config.items }],
        })
      : scoringContentFrom({ scenarios: [config.scenario], lessons: [] });
  const titles =
    'kind' in config
      ? {
          [config.lessonId]: config.title,
          ...Object.fromEntries(config.items.map((item) => [item.skill, item.skillName])),
        }
      : { [config.scenario.id]: config.scenario.title, ...config.skillNames };
  return (onProblem) =>
    isCmi5Launch() ? createCmi5Adapter(content, titles, onProblem) : createNoLmsAdapter();
});
