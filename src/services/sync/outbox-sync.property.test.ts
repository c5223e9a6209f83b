import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createActivityServer, type ActivityServer } from '../../../tests/support/activity-server';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import {
  availableChoices,
  choose,
  isEnding,
  startPosition,
  type Position,
} from '../../domain/scenario/runtime';
import { scenarioSchema, type Scenario } from '../../domain/scenario/schema';
import { createProgressRecorder, type ProgressRecorder } from '../progress/recorder';
import type { ProgressRecord } from '../progress/records';
import { openIndexedDbStore, type ProgressStore } from '../progress/store';
import { attemptSequences } from './delivery-order';
import { createOutboxSync, progressOwner, type DrainLock, type OutboxSync } from './outbox-sync';

/**
 * The outbox and its sync against a simulated network and a server that implements the
 * `record_activity` contract (tests/support/activity-server.ts). fast-check writes the
 * script: a learner plays scenarios in one or two tabs that share one IndexedDB and drain at
 * the same time (with the Web Lock, or with none at all), answers knowledge checks, goes
 * offline and back, reloads tabs in the middle of a drain; the network drops requests, loses
 * answers after the server acted, delivers a request twice and answers in any order, as
 * long as it likes. However it goes, once the network is back every record made is on the
 * server exactly once, in step order, none refused, and nothing is left in the outbox.
 */

const library = (path: string): Scenario =>
  scenarioSchema().parse(
    parse(readFileSync(new URL(`../../../scenarios/${path}`, import.meta.url), 'utf8')),
  );
const SCENARIOS: Scenario[] = [
  library('social-services/williams-eviction.yaml'),
  library('healthcare/okafor-discharge.yaml'),
  loadFixtureScenario('mini'),
];
const USER = '00000000-0000-4000-8000-00000000a11c';
const VERSION = 'v1';

type Action =
  | {
      type: 'choose';
      tab: number;
      pick: number;
      scenario: number;
      mode: 'practice' | 'assessment';
      /** Starts an attempt recorded as before step numbers existed (no `seq`). */
      legacy: boolean;
    }
  | { type: 'check'; tab: number; option: number }
  | { type: 'drain'; tab: number }
  | {
      type: 'network';
      pick: number;
      fate: 'answer' | 'lose-answer' | 'lose-request' | 'deliver-twice';
    }
  | { type: 'offline' }
  | { type: 'online' }
  | { type: 'reload'; tab: number }
  | { type: 'tick'; ms: number };

const tab = fc.integer({ min: 0, max: 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('choose' as const),
      tab,
      pick: fc.nat(),
      scenario: fc.nat({ max: SCENARIOS.length - 1 }),
      mode: fc.constantFrom('practice' as const, 'assessment' as const),
      legacy: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('check' as const), tab, option: fc.nat({ max: 3 }) }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('drain' as const), tab }) },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('network' as const),
      pick: fc.nat(),
      fate: fc.constantFrom(
        'answer' as const,
        'answer' as const,
        'lose-answer' as const,
        'lose-request' as const,
        'deliver-twice' as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'online' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reload' as const), tab }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('tick' as const),
      ms: fc.integer({ min: 100, max: 20_000 }),
    }),
  },
);

/** localStorage for progressOwner (the sync claims this browser's progress for USER). */
const storage = new Map<string, string>();
globalThis.localStorage = {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
} as Storage;

const never = <T>() => new Promise<T>(() => undefined);
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Request {
  events: Record<string, unknown>[];
  /** Undefined for a second delivery of a request already answered (nobody waits for it). */
  answer?: (result: { data: unknown; error: { message: string } | null }) => void;
  tab: Tab;
}

interface Tab {
  alive: boolean;
  recorder: ProgressRecorder;
  sync: OutboxSync;
  draining: Promise<void> | null;
  /** Requests this tab waits on, and whether its drain waits for the lock. */
  onNetwork: number;
  awaitingLock: boolean;
}

/** A learner's attempt in progress in a tab slot (it survives a reload, like the player's). */
interface Play {
  legacy: boolean;
  attemptId: string;
  scenario: Scenario;
  mode: 'practice' | 'assessment';
  position: Position;
  steps: number;
}

class World {
  readonly factory = new IDBFactory();
  readonly server: ActivityServer = createActivityServer(
    Object.fromEntries(SCENARIOS.map((scenario) => [scenario.id, scenario])),
  );
  readonly requests: Request[] = [];
  readonly tabs: Tab[] = [];
  readonly plays: (Play | null)[] = [null, null];
  /** Every record the learner made and saw stored. */
  readonly made: ProgressRecord[] = [];
  online = true;
  clock = Date.parse('2026-06-01T09:00:00Z');
  private holder: Tab | null = null;
  private queue: { tab: Tab; grant: () => void }[] = [];
  private ids = 0;

  constructor(readonly locking: boolean) {}

  uuid = () => `00000000-0000-4000-8000-${(++this.ids).toString(16).padStart(12, '0')}`;
  now = () => new Date(this.clock);

  /** A Web Lock that a reload releases, as the browser does. */
  private lockFor(tab: Tab): DrainLock {
    return async (run) => {
      if (this.locking) {
        if (this.holder) {
          tab.awaitingLock = true;
          await new Promise<void>((grant) => this.queue.push({ tab, grant }));
          tab.awaitingLock = false;
        }
        this.holder = tab;
      }
      try {
        await run();
      } finally {
        if (this.locking && this.holder === tab) this.release();
      }
      return true;
    };
  }

  private release() {
    this.holder = null;
    this.queue = this.queue.filter((waiting) => waiting.tab.alive);
    const next = this.queue.shift();
    if (next) {
      this.holder = next.tab;
      next.grant();
    }
  }

  /** Store calls from a reloaded tab never return: its page is gone. */
  private killable(store: ProgressStore, tab: () => Tab): ProgressStore {
    const guard =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (!tab().alive) return never();
        const result = await call(...args);
        return tab().alive ? result : never();
      };
    return {
      persistent: true,
      add: guard((record: ProgressRecord) => store.add(record)),
      all: guard(() => store.all()),
      clear: guard(() => store.clear()),
      outbox: guard(() => store.outbox()),
      snapshot: guard(() => store.snapshot()),
      putOutbox: guard((entry: Parameters<ProgressStore['putOutbox']>[0]) =>
        store.putOutbox(entry),
      ),
      deleteOutbox: guard((ids: readonly string[]) => store.deleteOutbox(ids)),
    };
  }

  async openTab(slot: number) {
    // eslint-disable-next-line prefer-const -- the store and the network refer to the tab before it exists
    let current: Tab;
    const store = this.killable(await openIndexedDbStore(this.factory), () => current);
    const recorder = createProgressRecorder({
      store,
      // A learner takes a moment over each decision.
      now: () => new Date((this.clock += 1000)),
      uuid: this.uuid,
    });
    const supabase = {
      rpc: (_name: string, args: { events: Record<string, unknown>[] }) => {
        const response = this.request(current, args.events);
        return { abortSignal: () => response, then: response.then.bind(response) };
      },
    };
    current = {
      alive: true,
      recorder,
      sync: null as unknown as OutboxSync,
      draining: null,
      onNetwork: 0,
      awaitingLock: false,
    };
    current.sync = createOutboxSync({
      recorder,
      supabase: supabase as never,
      userId: USER,
      now: this.now,
      lock: this.lockFor(current),
    });
    this.tabs[slot] = current;
  }

  private request(tab: Tab, events: Record<string, unknown>[]) {
    if (!tab.alive) return never<{ data: unknown; error: { message: string } | null }>();
    if (!this.online)
      return Promise.resolve({ data: null, error: { message: 'TypeError: Failed to fetch' } });
    tab.onNetwork++;
    return new Promise<{ data: unknown; error: { message: string } | null }>((resolve) => {
      this.requests.push({
        events: structuredClone(events),
        tab,
        answer: (result) => {
          tab.onNetwork--;
          // A reloaded page never hears back.
          if (tab.alive) resolve(result);
        },
      });
    });
  }

  async act(step: Action) {
    switch (step.type) {
      case 'choose':
        return this.choose(step);
      case 'check': {
        const tab = this.tabs[step.tab]!;
        if (!tab.alive) return;
        this.made.push(
          await tab.recorder.record({
            kind: 'check',
            lessonId: 'ethics/confidentiality-and-its-limits',
            itemId: `q${step.option}`,
            optionId: 'a',
          }),
        );
        return;
      }
      case 'drain':
        return this.drain(step.tab);
      case 'network':
        return this.network(step.pick, step.fate);
      case 'offline':
        this.online = false;
        return;
      case 'online':
        this.online = true;
        return;
      case 'reload': {
        const old = this.tabs[step.tab]!;
        old.alive = false;
        if (this.holder === old) this.release();
        await this.openTab(step.tab);
        return;
      }
      case 'tick':
        this.clock += step.ms;
        return;
    }
  }

  private async choose(step: Extract<Action, { type: 'choose' }>) {
    const tab = this.tabs[step.tab]!;
    let play = this.plays[step.tab];
    if (!play) {
      const scenario = SCENARIOS[step.scenario]!;
      play = {
        legacy: step.legacy,
        attemptId: this.uuid(),
        scenario,
        mode: step.mode,
        position: startPosition(scenario).position,
        steps: 0,
      };
      this.plays[step.tab] = play;
    }
    const offered = availableChoices(play.scenario, play.position);
    const choice = offered[step.pick % offered.length]!;
    const common = {
      attemptId: play.attemptId,
      scenarioId: play.scenario.id,
      version: VERSION,
      mode: play.mode,
    };
    this.made.push(
      await tab.recorder.record({
        kind: 'choice',
        ...common,
        nodeId: play.position.node,
        choiceId: choice.id,
        ...(play.legacy ? {} : { seq: play.steps + 1 }),
      }),
    );
    play.steps++;
    play.position = choose(play.scenario, play.position, choice.id).position;
    if (isEnding(play.scenario, play.position)) {
      this.made.push(
        await tab.recorder.record({
          kind: 'completion',
          ...common,
          endingId: play.position.node,
          ...(play.legacy ? {} : { seq: play.steps + 1 }),
        }),
      );
      this.plays[step.tab] = null;
    }
  }

  private drain(slot: number) {
    const tab = this.tabs[slot]!;
    if (!tab.alive || tab.draining) return;
    tab.draining = tab.sync.syncNow().finally(() => {
      tab.draining = null;
    });
  }

  private network(pick: number, fate: Extract<Action, { type: 'network' }>['fate']) {
    if (this.requests.length === 0) return;
    const [request] = this.requests.splice(pick % this.requests.length, 1);
    const { events, answer } = request!;
    const lost = { data: null, error: { message: 'TypeError: Failed to fetch' } };
    switch (fate) {
      case 'lose-request':
        return answer?.(lost);
      case 'lose-answer':
        this.server.recordActivity(events);
        return answer?.(lost);
      case 'answer':
        return answer?.({ data: this.server.recordActivity(events), error: null });
      case 'deliver-twice':
        // The server gets it now and again later (a proxy's retry); the tab hears once.
        answer?.({ data: this.server.recordActivity(events), error: null });
        this.requests.push({ events, tab: request!.tab });
        return;
    }
  }

  /** Lets every live tab run until it waits on the network or the lock, or is done. */
  async settle() {
    for (let turn = 0; turn < 20_000; turn++) {
      await nextTask();
      const busy = this.tabs.some(
        (tab) => tab.alive && tab.draining && tab.onNetwork === 0 && !tab.awaitingLock,
      );
      if (!busy) {
        // One more turn for IndexedDB callbacks already queued.
        await nextTask();
        return;
      }
    }
    throw new Error('the tabs did not settle');
  }

  /** The network comes back and stays: serve everything until the outbox is empty. */
  async recover() {
    this.online = true;
    for (let round = 0; round < 200; round++) {
      while (this.requests.length > 0) {
        this.network(0, 'answer');
        await this.settle();
      }
      this.clock += 60_000;
      this.drain(0);
      await this.settle();
      const entries = await this.tabs[0]!.recorder.outbox.entries();
      if (
        entries.length === 0 &&
        this.requests.length === 0 &&
        !this.tabs.some((tab) => tab.alive && tab.draining !== null)
      )
        return;
    }
  }
}

async function run(locking: boolean, script: Action[]) {
  storage.clear();
  const world = new World(locking);
  await world.openTab(0);
  await world.openTab(1);
  for (const step of script) {
    await world.act(step);
    await world.settle();
  }
  await world.recover();
  return world;
}

function expectAllStoredOnce(world: World, local: ProgressRecord[]) {
  const { server } = world;
  // Nothing lost: every record the learner made is in the browser …
  const localIds = new Set(local.map((record) => record.id));
  expect(world.made.filter((record) => !localIds.has(record.id))).toEqual([]);
  // … and on the server, which holds nothing else, and refused nothing.
  expect(server.refusals).toEqual([]);
  expect([...server.events.keys()].sort()).toEqual([...localIds].sort());
  // Each attempt stored exactly in step order: seq 1, 2, … as played (derived for old records).
  const sequences = attemptSequences(local);
  const attempts = new Map<string, ProgressRecord[]>();
  for (const record of local) {
    if (record.kind !== 'choice' && record.kind !== 'completion') continue;
    attempts.set(record.attemptId, [...(attempts.get(record.attemptId) ?? []), record]);
  }
  for (const [attemptId, records] of attempts) {
    const played = records
      .map((record) => ({ id: record.id, seq: sequences.get(record.id) ?? 0 }))
      .sort((a, b) => a.seq - b.seq);
    expect(played.map((entry) => entry.seq)).toEqual(played.map((_, index) => index + 1));
    expect(server.attempts.get(attemptId)?.stored).toEqual(played.map((entry) => entry.id));
  }
}

describe('outbox sync under a hostile network (property)', () => {
  it('ends with every record on the server exactly once, in step order, none refused, none lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(action, { minLength: 10, maxLength: 120 }),
        async (locking, script) => {
          const world = await run(locking, script);
          const survivor = world.tabs[0]!;
          expectAllStoredOnce(world, await survivor.recorder.all());
          expect(await survivor.recorder.outbox.entries()).toEqual([]);
          await survivor.sync.refresh();
          expect(survivor.sync.status()).toMatchObject({ queued: 0, refused: [] });
          expect(progressOwner.get()).toBe(USER);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('plays the issue’s journey: offline before a decision, reload, two tabs draining', async () => {
    // Offline from decision 4 of the eviction scenario, each try's answer lost, a reload.
    const script: Action[] = [
      ...[0, 1, 2].flatMap((pick): Action[] => [
        { type: 'choose', tab: 0, pick, scenario: 0, mode: 'assessment', legacy: false },
        { type: 'drain', tab: 0 },
        { type: 'network', pick: 0, fate: 'answer' },
      ]),
      { type: 'offline' },
      ...[0, 1, 2, 0, 1, 2, 0, 1].flatMap((pick): Action[] => [
        { type: 'choose', tab: 0, pick, scenario: 0, mode: 'assessment', legacy: false },
        { type: 'drain', tab: 0 },
        { type: 'tick', ms: 3000 },
      ]),
      { type: 'online' },
      { type: 'drain', tab: 1 },
      { type: 'drain', tab: 0 },
      { type: 'network', pick: 1, fate: 'lose-answer' },
      { type: 'reload', tab: 0 },
      { type: 'drain', tab: 0 },
      { type: 'network', pick: 1, fate: 'deliver-twice' },
      { type: 'network', pick: 0, fate: 'answer' },
    ];
    for (const locking of [true, false]) {
      const world = await run(locking, script);
      expect(world.made.length).toBeGreaterThan(4);
      expectAllStoredOnce(world, await world.tabs[0]!.recorder.all());
      expect(await world.tabs[0]!.recorder.outbox.entries()).toEqual([]);
    }
  });
});
