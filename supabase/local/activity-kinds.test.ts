import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActivityEvent } from '../../src/domain/activity/event-row';
import { type RecordOfKind } from '../../src/domain/activity/record';
import {
  ACTIVITY_KINDS,
  OUTBOX_KINDS,
  SERVER_KINDS,
  type ServerKind,
} from '../../src/domain/activity/kinds';
import { applyBootstrap, applyMigrations, openDatabase } from './database';

// The activity record's kinds (src/domain/activity/record.ts) against the migrated schema:
// the constraints are read from pg_constraint and pg_policy, never copied here.

let db: PGlite;

beforeAll(async () => {
  ({ db } = await openDatabase());
  await applyBootstrap(db);
  await applyMigrations(db);
  // Migrating a fresh PGlite takes seconds, far more on a loaded machine (as parity.test.ts).
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const constraints = async () =>
  (
    await db.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid = 'public.activity_events'::regclass and contype = 'c'`,
    )
  ).rows;

const literals = (sql: string) => [...sql.matchAll(/'([^']*)'::text/g)].map((match) => match[1]!);

/** A record of each server kind with every optional field left out. */
const minimal: { [K in ServerKind]: RecordOfKind<K> } = {
  check: {
    kind: 'check',
    id: 'x',
    at: '2026-01-01T00:00:00Z',
    lessonId: 'l',
    itemId: 'i',
    optionId: 'o',
  },
  choice: {
    kind: 'choice',
    id: 'x',
    at: '2026-01-01T00:00:00Z',
    attemptId: 'a',
    scenarioId: 's',
    version: 'v',
    nodeId: 'n',
    choiceId: 'c',
    mode: 'practice',
  },
  completion: {
    kind: 'completion',
    id: 'x',
    at: '2026-01-01T00:00:00Z',
    attemptId: 'a',
    scenarioId: 's',
    version: 'v',
    endingId: 'e',
    mode: 'practice',
  },
  observation: {
    kind: 'observation',
    id: 'x',
    at: '2026-01-01T00:00:00Z',
    skill: 's',
    y: 0.5,
    w: 1,
  },
};

describe('the activity kinds in the database', () => {
  it('the kind check constraint lists exactly the kinds the server stores', async () => {
    const kindCheck = (await constraints()).find(
      (row) => row.name === 'activity_events_kind_check',
    );
    expect(kindCheck, 'activity_events_kind_check').toBeDefined();
    expect(literals(kindCheck!.definition).sort()).toEqual([...SERVER_KINDS].sort());
  });

  it('each kind’s field constraint requires exactly the columns its codec always writes', async () => {
    const columns = (
      await db.query<{ column_name: string }>(
        `select column_name from information_schema.columns
         where table_schema = 'public' and table_name = 'activity_events'`,
      )
    ).rows.map((row) => row.column_name);
    const fieldChecks = new Map(
      (await constraints())
        .filter((row) => /^\(?\(?kind <> '/.test(row.definition.replace(/^CHECK \(/, '')))
        .map((row) => [literals(row.definition)[0]!, row.definition]),
    );
    expect([...fieldChecks.keys()].sort()).toEqual([...SERVER_KINDS].sort());
    for (const kind of SERVER_KINDS) {
      const definition = fieldChecks.get(kind)!;
      const required = columns
        .filter((column) => column !== 'kind' && new RegExp(`\\b${column}\\b`).test(definition))
        .sort();
      const written = Object.keys(toActivityEvent(minimal[kind]))
        .filter((column) => !['id', 'kind', 'occurred_at'].includes(column))
        .sort();
      expect(written, kind).toEqual(required);
    }
  });

  it('learners may insert exactly the kinds their outbox sends', async () => {
    const policy = (
      await db.query<{ check: string }>(
        `select pg_get_expr(polwithcheck, polrelid) as check from pg_policy
         where polrelid = 'public.activity_events'::regclass and polname = 'learners record their own activity'`,
      )
    ).rows[0];
    expect(policy).toBeDefined();
    const kinds = literals(policy!.check).filter((value) =>
      Object.keys(ACTIVITY_KINDS).includes(value),
    );
    expect(kinds.sort()).toEqual([...OUTBOX_KINDS].sort());
  });
});
