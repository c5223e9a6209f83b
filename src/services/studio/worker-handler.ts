import { checkDraft } from './check-draft';
import type { FromWorker, StudioContext, ToWorker } from './protocol';

/**
 * The validation worker's side of the protocol: remembers the context, checks each draft
 * and answers with its run id and how long the check took. Kept apart from the worker's
 * global scope so tests can drive it directly.
 */
export function createWorkerHandler(
  post: (message: FromWorker) => void,
  now: () => number = () => performance.now(),
): (message: ToWorker) => void {
  let context: StudioContext | undefined;
  return (message) => {
    switch (message.type) {
      case 'configure':
        context = message.context;
        return;
      case 'check': {
        if (!context) {
          post({
            type: 'failed',
            runId: message.runId,
            message: 'the checker was asked to check before it knew the library',
          });
          return;
        }
        const started = now();
        try {
          const result = checkDraft(message.text, context);
          post({ type: 'checked', runId: message.runId, result, elapsedMs: now() - started });
        } catch (error) {
          post({
            type: 'failed',
            runId: message.runId,
            message: error instanceof Error ? error.message : String(error),
          });
        }
        return;
      }
    }
  };
}
