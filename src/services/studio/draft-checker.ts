import { byteLength } from './check-draft';
import {
  CHECK_DEBOUNCE_MS,
  CHECK_TIME_LIMIT_MS,
  MAX_DRAFT_BYTES,
  type DraftCheck,
  type FromWorker,
  type StudioContext,
  type ToWorker,
} from './protocol';

/** What the page needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type CheckState =
  | { status: 'idle' }
  /** Waiting for a pause in typing. */
  | { status: 'waiting' }
  | { status: 'checking'; runId: number }
  | { status: 'checked'; runId: number; result: DraftCheck; elapsedMs: number }
  /** Not sent to the worker: above MAX_DRAFT_BYTES. */
  | { status: 'too-large'; bytes: number; limit: number }
  /** The worker did not answer in time; it was terminated and a fresh one started. */
  | { status: 'timed-out'; limitMs: number }
  /** The checker broke (not a problem in the draft). */
  | { status: 'failed'; message: string };

export interface DraftCheckerOptions {
  createWorker: () => WorkerLike;
  context: StudioContext;
  onState: (state: CheckState) => void;
  timeLimitMs?: number;
  debounceMs?: number;
}

/**
 * Runs the draft check in a worker, so a pathological draft can never freeze the page:
 * at most one check runs at a time; a newer text cancels the one in flight (its worker is
 * terminated, its answer can no longer arrive); a check that outlives the time limit is
 * stopped the same way and reported; a fresh worker is configured for the next check.
 */
export class DraftChecker {
  private worker: WorkerLike | undefined;
  private runId = 0;
  /** The run the worker is busy with. */
  private inFlight: number | undefined;
  /** The run whose answer the page wants: none while the author is still typing. */
  private wanted: number | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private readonly timeLimitMs: number;
  private readonly debounceMs: number;
  /** How many workers were started (the first, then one per restart). */
  workersStarted = 0;

  constructor(private readonly options: DraftCheckerOptions) {
    this.timeLimitMs = options.timeLimitMs ?? CHECK_TIME_LIMIT_MS;
    this.debounceMs = options.debounceMs ?? CHECK_DEBOUNCE_MS;
  }

  /** Checks `text` after a pause in typing (each call restarts the pause). */
  schedule(text: string): void {
    clearTimeout(this.debounce);
    // The text in flight is already out of date: its answer is no longer wanted.
    this.wanted = undefined;
    this.options.onState({ status: 'waiting' });
    this.debounce = setTimeout(() => this.checkNow(text), this.debounceMs);
  }

  /** Checks `text` now, cancelling any check in flight. */
  checkNow(text: string): void {
    clearTimeout(this.debounce);
    const runId = ++this.runId;
    this.wanted = runId;
    if (this.inFlight !== undefined) this.stopWorker();
    const bytes = byteLength(text);
    if (bytes > MAX_DRAFT_BYTES) {
      this.options.onState({ status: 'too-large', bytes, limit: MAX_DRAFT_BYTES });
      return;
    }
    const worker = this.ensureWorker();
    this.inFlight = runId;
    this.deadline = setTimeout(() => this.timeOut(runId), this.timeLimitMs);
    worker.postMessage({ type: 'check', runId, text });
    this.options.onState({ status: 'checking', runId });
  }

  dispose(): void {
    clearTimeout(this.debounce);
    this.stopWorker();
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.options.createWorker();
    this.workersStarted++;
    worker.onmessage = (event) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (worker !== this.worker) return;
      this.stopWorker();
      this.options.onState({
        status: 'failed',
        message: event.message || 'the checker stopped unexpectedly',
      });
    };
    worker.postMessage({ type: 'configure', context: this.options.context });
    this.worker = worker;
    return worker;
  }

  private receive(worker: WorkerLike, message: FromWorker): void {
    if (worker !== this.worker || message.runId !== this.inFlight) return;
    clearTimeout(this.deadline);
    this.inFlight = undefined;
    // An answer to an older text is stale: drop it.
    if (message.runId !== this.wanted) return;
    if (message.type === 'checked') {
      this.options.onState({
        status: 'checked',
        runId: message.runId,
        result: message.result,
        elapsedMs: message.elapsedMs,
      });
    } else {
      this.options.onState({ status: 'failed', message: message.message });
    }
  }

  private timeOut(runId: number): void {
    if (this.inFlight !== runId) return;
    this.stopWorker();
    if (this.wanted === runId) {
      this.options.onState({ status: 'timed-out', limitMs: this.timeLimitMs });
    }
    // Restart now, so the next check does not wait for a worker to load.
    this.ensureWorker();
  }

  private stopWorker(): void {
    clearTimeout(this.deadline);
    this.inFlight = undefined;
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
  }
}
