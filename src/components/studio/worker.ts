import type { WorkerLike } from '../../services/studio/draft-checker';

/** Starts the studio's validation worker (bundled on its own by Vite, loaded only here). */
export function createValidationWorker(): WorkerLike {
  return new Worker(new URL('../../services/studio/validation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'scenario-check',
  });
}
