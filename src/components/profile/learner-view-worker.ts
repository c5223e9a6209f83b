import type { LearnerViewWorker } from '../../services/learner-view-builder';

/** Starts the learner-view worker (bundled on its own by Vite, loaded only where a profile is shown). */
export function createLearnerViewWorker(): LearnerViewWorker {
  return new Worker(new URL('../../services/learner-view.worker.ts', import.meta.url), {
    type: 'module',
    name: 'learner-view',
  });
}
