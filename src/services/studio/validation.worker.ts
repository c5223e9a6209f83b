/// <reference lib="webworker" />
/** The studio's validation worker: the content checker, off the page's main thread. */
import type { ToWorker } from './protocol';
import { createWorkerHandler } from './worker-handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ToWorker>) => handle(event.data);
