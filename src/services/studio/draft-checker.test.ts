import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftChecker, type CheckState, type WorkerLike } from './draft-checker';
import type { DraftCheck, FromWorker, StudioContext, ToWorker } from './protocol';
import { MAX_DRAFT_BYTES } from './protocol';

class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(message: ToWorker) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker answers (as a real one would, even after the page stopped listening). */
  answer(message: FromWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
  lastCheck() {
    const check = this.posted.filter((message) => message.type === 'check').at(-1);
    if (!check || check.type !== 'check') throw new Error('no check posted');
    return check;
  }
}

const context: StudioContext = {
  skillIds: ['communication'],
  measuredSkillIds: ['communication'],
  lessonIds: [],
  libraryFiles: {},
  library: [],
};
const result = (file: string): DraftCheck => ({ file, issues: [] });

describe('DraftChecker', () => {
  let workers: FakeWorker[];
  let states: CheckState[];
  let checker: DraftChecker;

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    states = [];
    checker = new DraftChecker({
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      },
      context,
      onState: (state) => states.push(state),
      timeLimitMs: 5_000,
      debounceMs: 400,
    });
  });
  afterEach(() => {
    checker.dispose();
    vi.useRealTimers();
  });

  it('configures each new worker before its first check, and checks after a pause in typing', () => {
    checker.schedule('a');
    vi.advanceTimersByTime(200);
    checker.schedule('ab');
    vi.advanceTimersByTime(200);
    checker.schedule('abc');
    expect(workers).toHaveLength(0);
    vi.advanceTimersByTime(400);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted).toEqual([
      { type: 'configure', context },
      { type: 'check', runId: 1, text: 'abc' },
    ]);
    expect(states.map((state) => state.status)).toEqual([
      'waiting',
      'waiting',
      'waiting',
      'checking',
    ]);
  });

  it('reports the answer to the latest check, with the time it took', () => {
    checker.checkNow('draft');
    const { runId } = workers[0]!.lastCheck();
    workers[0]!.answer({ type: 'checked', runId, result: result('x.yaml'), elapsedMs: 12 });
    expect(states.at(-1)).toEqual({
      status: 'checked',
      runId,
      result: result('x.yaml'),
      elapsedMs: 12,
    });
    // The same worker serves the next check.
    checker.checkNow('draft 2');
    expect(workers).toHaveLength(1);
  });

  it('cancels a stale run: a newer text terminates the worker in flight and its answer is dropped', () => {
    checker.checkNow('old');
    const old = workers[0]!;
    const oldRun = old.lastCheck().runId;
    checker.checkNow('new');
    expect(old.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    old.answer({ type: 'checked', runId: oldRun, result: result('old.yaml'), elapsedMs: 1 });
    expect(states.some((state) => state.status === 'checked')).toBe(false);
    const fresh = workers[1]!;
    expect(fresh.posted[0]).toEqual({ type: 'configure', context });
    fresh.answer({
      type: 'checked',
      runId: fresh.lastCheck().runId,
      result: result('new.yaml'),
      elapsedMs: 1,
    });
    expect(states.at(-1)).toMatchObject({ status: 'checked', result: result('new.yaml') });
  });

  it('drops the answer to a text the author has since changed, and keeps the worker', () => {
    checker.checkNow('before');
    const worker = workers[0]!;
    const run = worker.lastCheck().runId;
    checker.schedule('after');
    worker.answer({ type: 'checked', runId: run, result: result('before.yaml'), elapsedMs: 1 });
    expect(states.at(-1)).toEqual({ status: 'waiting' });
    vi.advanceTimersByTime(400);
    // The worker was free again, so it serves the new text.
    expect(worker.terminated).toBe(false);
    expect(worker.lastCheck().text).toBe('after');
  });

  it('ignores an answer whose run id is not the one in flight', () => {
    checker.checkNow('draft');
    const worker = workers[0]!;
    worker.answer({ type: 'checked', runId: 99, result: result('x.yaml'), elapsedMs: 1 });
    expect(states.at(-1)).toMatchObject({ status: 'checking' });
  });

  it('stops a check that outlives the time limit, says so, and restarts the worker', () => {
    checker.checkNow('slow');
    const slow = workers[0]!;
    const run = slow.lastCheck().runId;
    vi.advanceTimersByTime(4_999);
    expect(slow.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(slow.terminated).toBe(true);
    expect(states.at(-1)).toEqual({ status: 'timed-out', limitMs: 5_000 });
    // A fresh worker is started and configured at once, ready for the next check.
    expect(workers).toHaveLength(2);
    expect(workers[1]!.posted).toEqual([{ type: 'configure', context }]);
    expect(checker.workersStarted).toBe(2);
    // A late answer from the terminated worker changes nothing.
    slow.answer({ type: 'checked', runId: run, result: result('late.yaml'), elapsedMs: 9_000 });
    expect(states.at(-1)).toEqual({ status: 'timed-out', limitMs: 5_000 });
    checker.checkNow('fixed');
    expect(workers[1]!.lastCheck().text).toBe('fixed');
  });

  it('does not time out a check that answered', () => {
    checker.checkNow('quick');
    workers[0]!.answer({
      type: 'checked',
      runId: workers[0]!.lastCheck().runId,
      result: result('q.yaml'),
      elapsedMs: 3,
    });
    vi.advanceTimersByTime(10_000);
    expect(workers[0]!.terminated).toBe(false);
    expect(states.at(-1)?.status).toBe('checked');
  });

  it('never sends a draft above the size limit, and cancels the check in flight', () => {
    checker.checkNow('small');
    const worker = workers[0]!;
    checker.checkNow('x'.repeat(MAX_DRAFT_BYTES + 1));
    expect(worker.terminated).toBe(true);
    expect(states.at(-1)).toEqual({
      status: 'too-large',
      bytes: MAX_DRAFT_BYTES + 1,
      limit: MAX_DRAFT_BYTES,
    });
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(states.at(-1)?.status).toBe('too-large');
  });

  it('counts bytes, not characters, against the limit', () => {
    // "é" is two bytes in UTF-8.
    checker.checkNow('é'.repeat(MAX_DRAFT_BYTES / 2 + 1));
    expect(states.at(-1)).toMatchObject({ status: 'too-large', bytes: MAX_DRAFT_BYTES + 2 });
  });

  it('reports a broken worker and starts a new one for the next check', () => {
    checker.checkNow('draft');
    workers[0]!.fail('SyntaxError in worker script');
    expect(states.at(-1)).toEqual({ status: 'failed', message: 'SyntaxError in worker script' });
    expect(workers[0]!.terminated).toBe(true);
    checker.checkNow('draft');
    expect(workers).toHaveLength(2);
  });

  it('reports a check the worker could not finish', () => {
    checker.checkNow('draft');
    const worker = workers[0]!;
    worker.answer({ type: 'failed', runId: worker.lastCheck().runId, message: 'boom' });
    expect(states.at(-1)).toEqual({ status: 'failed', message: 'boom' });
  });
});
