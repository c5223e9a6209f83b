import xapiValidation from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import type { ScoringCatalogue } from '../scoring-catalogue';
import type { EventRow } from '../team/activity';
import type { TeamQueries } from '../team/queries';
import { cohortStatements, learnerStatements, xapiFileName } from './xapi-export';

const validate = ((xapiValidation as unknown as { default?: unknown }).default ??
  xapiValidation) as (statement: unknown) => unknown[];
const mini = loadFixtureScenario('mini');
const node = mini.nodes[mini.start]!;
const catalogue: ScoringCatalogue = {
  skills: [],
  lessons: [],
  scenarios: [{ ...mini, title: mini.title, version: 'v1', focusSkills: [], capacity: {} }],
};

const event = (userId: string, id: string): EventRow => ({
  id,
  user_id: userId,
  kind: 'choice',
  occurred_at: '2026-12-03T10:00:00.000Z',
  attempt_id: '6f1c2a9e-5b7d-4c8e-9f01-23456789abcd',
  scenario_id: mini.id,
  scenario_version: 'v1',
  node_id: mini.start,
  choice_id: node.choices![0]!.id,
  ending_id: null,
  mode: 'assessment',
  seq: 1,
  lesson_id: null,
  item_id: null,
  option_id: null,
  skill_id: null,
  score: null,
  weight: null,
  note: null,
  observed_by: null,
});

describe('xAPI exports', () => {
  it('exports a guest’s browser records as valid statements', () => {
    const statements = learnerStatements(
      [
        {
          kind: 'self-rating',
          id: '10000000-0000-4000-8000-000000000003',
          at: '2026-12-03T13:00:00.000Z',
          skillId: 'empathy',
          rating: 4,
        },
      ],
      catalogue,
    );
    expect(statements).toHaveLength(1);
    expect(validate(statements[0])).toEqual([]);
    expect(statements[0]!.actor.account.name).toBe('casecraft-guest');
  });

  it('exports every learner of a cohort (not its supervisors), each under their own account', async () => {
    const queries = {
      members: () =>
        Promise.resolve([
          { user_id: 'u1', display_name: 'Amara' },
          { user_id: 'u2', display_name: 'Grace' },
          { user_id: 's1', display_name: 'Sam (supervisor)' },
        ]),
      cohortMembers: () =>
        Promise.resolve([
          { cohort_id: 'c1', user_id: 'u1', role: 'learner' },
          { cohort_id: 'c1', user_id: 'u2', role: 'learner' },
          { cohort_id: 'c1', user_id: 's1', role: 'supervisor' },
        ]),
      events: (userId: string) =>
        Promise.resolve(
          userId === 'u1'
            ? [event('u1', '00000000-0000-4000-8000-000000000001')]
            : [event(userId, '00000000-0000-4000-8000-000000000002')],
        ),
    } as unknown as TeamQueries;
    const statements = await cohortStatements(queries, catalogue, 'org', 'c1');
    expect(statements.map((statement) => statement.actor.account.name)).toEqual(['u1', 'u2']);
    expect(statements.map((statement) => statement.actor.name)).toEqual(['Amara', 'Grace']);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
    expect(statements[0]!.result?.response).toBe(node.choices![0]!.id);
  });

  it('names files after who they are about', () => {
    expect(xapiFileName('Amara Okoye', new Date('2026-12-03T10:00:00Z'))).toBe(
      'casecraft-amara-okoye-xapi-2026-12-03.json',
    );
  });
});
