import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../domain/activity/record';
import { simulateActivity } from '../domain/scoring/validation/activity';
import { measuredSkills } from '../domain/skills/skill';
import { loadAllContent } from '../library/check-content';
import { loadSkills } from '../library/content';
import { buildScoringCatalogue } from '../publish/scoring-catalogue';
import { buildLearnerView } from './learner-view';
import {
  LearnerViewBuilder,
  WORKER_MIN_RECORDS,
  type LearnerViewWorker,
} from './learner-view-builder';
import { answerLearnerViewRequest } from './learner-view-handler';
import type { LearnerViewAnswer, LearnerViewRequest } from './learner-view-protocol';
import type { ScoringCatalogue } from './scoring-catalogue';

const root = process.cwd();
const content = loadAllContent(root);
const catalogue: ScoringCatalogue = buildScoringCatalogue({
  skills: loadSkills(root).skills,
  scenarios: content.scenarios.map((entry) => ({ ...entry.scenario, analysis: entry.analysis })),
  lessons: content.lessons.map((lesson) => ({ id: lesson.id, data: lesson.frontmatter })),
});
const records: ActivityRecord[] = simulateActivity(
  {
    scenarios: content.scenarios.map((entry) => entry.scenario),
    lessons: content.lessons.map((lesson) => ({ id: lesson.id, check: lesson.frontmatter.check })),
  },
  measuredSkills(loadSkills(root).skills).map((skill) => skill.id),
  { learners: 1, seed: 7, days: 30, plays: 12, lessons: 8 },
)
  .map((entry) => entry.record)
  .slice(0, 300);
const now = Math.max(...records.map((record) => Date.parse(record.at))) + 86_400_000;

/** A worker that answers as the real one does: messages copied across, answers in order. */
class FakeWorker implements LearnerViewWorker {
  onmessage: LearnerViewWorker['onmessage'] = null;
  onerror: LearnerViewWorker['onerror'] = null;
  requests: LearnerViewRequest[] = [];
  terminated = false;
  constructor(private readonly answer = answerLearnerViewRequest) {}
  postMessage(message: LearnerViewRequest) {
    const copy = structuredClone(message);
    this.requests.push(copy);
    setTimeout(() => {
      if (!this.terminated)
        this.onmessage?.({
          data: structuredClone(this.answer(copy)),
        } as MessageEvent<LearnerViewAnswer>);
    });
  }
  terminate() {
    this.terminated = true;
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

describe('LearnerViewBuilder', () => {
  it('builds in the worker exactly the view the main thread builds', async () => {
    const workers: FakeWorker[] = [];
    const builder = new LearnerViewBuilder(() => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    });
    const options = { now, targets: { empathy: 0.8 } };
    expect(records.length).toBeGreaterThanOrEqual(WORKER_MIN_RECORDS);
    const view = await builder.build(records, catalogue, options);
    expect(view).toEqual(buildLearnerView(records, catalogue, options));
    expect(view.profile.evidence.length).toBeGreaterThan(100);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.requests).toHaveLength(1);
  });

  it('scores a few records on the main thread, without starting a worker', async () => {
    let started = 0;
    const builder = new LearnerViewBuilder(() => {
      started++;
      return new FakeWorker();
    });
    const few = records.slice(0, 60);
    const extra = records.slice(60, 90);
    expect(await builder.build(few, catalogue, { now, extra })).toEqual(
      buildLearnerView(few, catalogue, { now, extra }),
    );
    expect(await builder.build([], catalogue, { now })).toEqual(
      buildLearnerView([], catalogue, { now }),
    );
    expect(started).toBe(0);
    await builder.build(few, catalogue, { now, extra: records.slice(60, 100) });
    expect(started).toBe(1);
  });

  it('answers each request with its own view when several are in flight', async () => {
    const builder = new LearnerViewBuilder(() => new FakeWorker(), 0);
    const fewer = records.slice(0, 40);
    const [all, some] = await Promise.all([
      builder.build(records, catalogue, { now }),
      builder.build(fewer, catalogue, { now }),
    ]);
    expect(all.recordCount).toBe(records.length);
    expect(some).toEqual(buildLearnerView(fewer, catalogue, { now }));
  });

  it('builds on the main thread when the worker fails to load, and keeps doing so', async () => {
    const workers: FakeWorker[] = [];
    const builder = new LearnerViewBuilder(() => {
      const worker = new FakeWorker();
      worker.postMessage = () => undefined; // never answers: its script did not load
      workers.push(worker);
      return worker;
    }, 0);
    const waiting = builder.build(records, catalogue, { now });
    workers[0]!.fail('could not load the worker script');
    expect(await waiting).toEqual(buildLearnerView(records, catalogue, { now }));
    expect(workers[0]!.terminated).toBe(true);
    expect(await builder.build(records.slice(0, 10), catalogue, { now })).toEqual(
      buildLearnerView(records.slice(0, 10), catalogue, { now }),
    );
    expect(workers).toHaveLength(1);
  });

  it('builds on the main thread where no worker can start', async () => {
    const builder = new LearnerViewBuilder(() => {
      throw new Error('Worker is not defined');
    });
    expect(await builder.build(records, catalogue, { now })).toEqual(
      buildLearnerView(records, catalogue, { now }),
    );
  });

  it('rejects with the scorer’s message when scoring fails', async () => {
    const broken = { ...catalogue, skills: null } as unknown as ScoringCatalogue;
    const viaWorker = new LearnerViewBuilder(() => new FakeWorker());
    await expect(viaWorker.build(records, broken, { now })).rejects.toThrow(/null/);
    const here = new LearnerViewBuilder();
    await expect(here.build(records, broken, { now })).rejects.toThrow(/null/);
  });

  it('stops its worker when disposed', async () => {
    const worker = new FakeWorker();
    const builder = new LearnerViewBuilder(() => worker, 0);
    await builder.build(records.slice(0, 5), catalogue, { now });
    builder.dispose();
    expect(worker.terminated).toBe(true);
  });
});
