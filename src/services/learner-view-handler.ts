import { buildLearnerView } from './learner-view';
import type { LearnerViewAnswer, LearnerViewRequest } from './learner-view-protocol';

/**
 * The learner-view worker's side of the protocol: builds the view a request asks for and
 * answers with its id. Kept apart from the worker's global scope so tests drive it directly.
 */
export function answerLearnerViewRequest(request: LearnerViewRequest): LearnerViewAnswer {
  try {
    return {
      type: 'built',
      requestId: request.requestId,
      view: buildLearnerView(request.records, request.catalogue, request.options),
    };
  } catch (error) {
    return {
      type: 'failed',
      requestId: request.requestId,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
