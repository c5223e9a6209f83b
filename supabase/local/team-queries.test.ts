import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/services/backend/database.types';
import { teamQueries, type TeamQueries } from '../../src/services/team/queries';
import { startStack, type RunningStack } from './stack';

// The team services against the running embedded stack: one new agency, run by its admin.

let stack: RunningStack;
let admin: TeamQueries;
let organisationId: string;

beforeAll(async () => {
  stack = await startStack({ port: 0, seed: false });
  const supabase = createClient<Database>(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { data, error } = await supabase.auth.signUp({
    email: 'admin@agency.example',
    password: 'long enough password',
  });
  expect(error).toBeNull();
  admin = teamQueries(supabase, data.user!.id);
  organisationId = await admin.createOrganisation('Riverside Case Management');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the team services', () => {
  it('create a programme and its items in one call, or nothing at all', async () => {
    const id = await admin.createProgramme(organisationId, ' Induction ', 'First month', [
      { kind: 'lesson', id: 'communication/active-listening-oars' },
      { kind: 'scenario', id: 'williams-eviction' },
    ]);
    const [programme] = await admin.programmes(organisationId);
    expect(programme).toMatchObject({ id, name: 'Induction', description: 'First month' });
    expect(
      [...programme!.programme_items]
        .sort((a, b) => a.position - b.position)
        .map((item) => [item.position, item.item_kind, item.item_id]),
    ).toEqual([
      [1, 'lesson', 'communication/active-listening-oars'],
      [2, 'scenario', 'williams-eviction'],
    ]);

    await expect(
      admin.createProgramme(organisationId, 'Broken', '', [
        { kind: 'lesson', id: 'communication/active-listening-oars' },
        { kind: 'scenario', id: 'no-such-scenario' },
      ]),
    ).rejects.toThrow('Item 2: there is no published scenario "no-such-scenario".');
    expect((await admin.programmes(organisationId)).map((row) => row.name)).toEqual(['Induction']);
  });

  it('set a target with one upsert: the agency default and a cohort’s own, each one row', async () => {
    await admin.createCohort(organisationId, 'North');
    const [cohort] = await admin.cohorts(organisationId);
    await admin.setTarget(organisationId, null, 'empathy', 0.7);
    await admin.setTarget(organisationId, null, 'empathy', 0.8);
    await admin.setTarget(organisationId, cohort!.id, 'empathy', 0.6);
    await admin.setTarget(organisationId, cohort!.id, 'empathy', 0.65);
    const rows = await admin.targets(organisationId);
    expect(rows.map((row) => [row.cohort_id, row.skill_id, Number(row.target)]).sort()).toEqual(
      [
        [cohort!.id, 'empathy', 0.65],
        [null, 'empathy', 0.8],
      ].sort(),
    );
    await admin.clearTarget(rows.find((row) => row.cohort_id === null)!.id);
    expect((await admin.targets(organisationId)).map((row) => row.cohort_id)).toEqual([cohort!.id]);
  });
});
