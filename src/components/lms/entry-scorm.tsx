import { scorm12Interaction, scorm2004Interaction } from '../../domain/lms/cmi';
import { scorm12CheckInteraction, scorm2004CheckInteraction } from '../../domain/lms/lesson';
import { createNoLmsAdapter } from '../../services/lms/none';
import { findScormApi } from '../../services/lms/scorm-api';
import { createScorm12Adapter, type Scorm12Api } from '../../services/lms/scorm12';
import { createScorm2004Adapter, type Scorm2004Api } from '../../services/lms/scorm2004';
import { mountPackagedPlayer } from './mount';

/** The SCORM packages' script (1.2 and 2004: the package's format picks the API). */
mountPackagedPlayer((config) => (onProblem) => {
  if (config.format === 'scorm2004') {
    const api = findScormApi<Scorm2004Api>('API_1484_11');
    if (!api) return createNoLmsAdapter();
    return createScorm2004Adapter(
      api,
      (index, step) =>
        'kind' in config
          ? scorm2004CheckInteraction(config, index, step)
          : scorm2004Interaction(config.scenario, index, step),
      onProblem,
    );
  }
  const api = findScormApi<Scorm12Api>('API');
  if (!api) return createNoLmsAdapter();
  return createScorm12Adapter(
    api,
    (index, step) =>
      'kind' in config
        ? scorm12CheckInteraction(config, index, step)
        : scorm12Interaction(config.scenario, index, step),
    onProblem,
  );
});
