import { createNoLmsAdapter } from '../../services/lms/none';
import { findScormApi } from '../../services/lms/scorm-api';
import { createScorm12Adapter, type Scorm12Api } from '../../services/lms/scorm12';
import { createScorm2004Adapter, type Scorm2004Api } from '../../services/lms/scorm2004';
import { mountPackagedPlayer } from './mount';

/** The SCORM packages' script (1.2 and 2004: the package's format picks the API). */
mountPackagedPlayer((config) => (onProblem) => {
  if (config.format === 'scorm2004') {
    const api = findScormApi<Scorm2004Api>('API_1484_11');
    return api ? createScorm2004Adapter(api, config.scenario, onProblem) : createNoLmsAdapter();
  }
  const api = findScormApi<Scorm12Api>('API');
  return api ? createScorm12Adapter(api, config.scenario, onProblem) : createNoLmsAdapter();
});
