/// <reference lib="webworker" />
/** The learner-view worker: scoring a learner's records off the page's main thread. */
import { answerLearnerViewRequest } from './learner-view-handler';
import type { LearnerViewRequest } from './learner-view-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<LearnerViewRequest>) =>
  scope.postMessage(answerLearnerViewRequest(event.data));
