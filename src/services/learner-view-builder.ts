import type { ActivityRecord } from '../domain/activity/record';
import type { LearnerView } from './learner-view';
import { answerLearnerViewRequest } from './learner-view-handler';
import type {
  LearnerViewAnswer,
  LearnerViewOptions,
  LearnerViewRequest,
} from './learner-view-protocol';
import type { ScoringCatalogue } from './scoring-catalogue';

/** What the builder needs of a Worker (tests pass a fake). */
export interface LearnerViewWorker {
  postMessage(message: LearnerViewRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LearnerViewAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/**
 * Fewer records than this (with the extra evidence) are scored on the main thread: a few
 * milliseconds of work, less than starting the worker (a script to fetch and compile) costs.
 */
export const WORKER_MIN_RECORDS = 100;

interface Pending {
  request: LearnerViewRequest;
  resolve: (view: LearnerView) => void;
  reject: (error: Error) => void;
}

/**
 * Builds learner views in a worker, so scoring hundreds of records never blocks the page.
 * Without a worker (none can be started, or it fails to load) the same function runs on the
 * main thread: the view is the same either way, only where it is computed differs.
 */
export class LearnerViewBuilder {
  private worker: LearnerViewWorker | undefined;
  private workerBroken = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly createWorker?: () => LearnerViewWorker,
    private readonly workerMinRecords = WORKER_MIN_RECORDS,
  ) {}

  build(
    records: readonly ActivityRecord[],
    catalogue: ScoringCatalogue,
    options: LearnerViewOptions,
  ): Promise<LearnerView> {
    const request: LearnerViewRequest = {
      type: 'build',
      requestId: ++this.nextId,
      records,
      catalogue,
      options,
    };
    return new Promise<LearnerView>((resolve, reject) => {
      const pending = { request, resolve, reject };
      const small = records.length + (options.extra?.length ?? 0) < this.workerMinRecords;
      const worker = small ? undefined : this.ensureWorker();
      if (!worker) {
        this.buildHere(pending);
        return;
      }
      this.pending.set(request.requestId, pending);
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.workerBroken = true;
    // Nobody is waiting any more: the page that asked is gone.
    this.pending.clear();
  }

  private ensureWorker(): LearnerViewWorker | undefined {
    if (this.worker || this.workerBroken || !this.createWorker) return this.worker;
    let worker: LearnerViewWorker;
    try {
      worker = this.createWorker();
    } catch {
      this.workerBroken = true;
      return undefined;
    }
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.abandonWorker();
    };
    this.worker = worker;
    return worker;
  }

  private receive(answer: LearnerViewAnswer): void {
    const pending = this.pending.get(answer.requestId);
    if (!pending) return;
    this.pending.delete(answer.requestId);
    if (answer.type === 'built') pending.resolve(answer.view);
    else pending.reject(new Error(answer.message));
  }

  /** The worker could not run (it failed to load, say): what it was asked is built here. */
  private abandonWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.workerBroken = true;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) this.buildHere(pending);
  }

  private buildHere({ request, resolve, reject }: Pending): void {
    const answer = answerLearnerViewRequest(request);
    if (answer.type === 'built') resolve(answer.view);
    else reject(new Error(answer.message));
  }
}
