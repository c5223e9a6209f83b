import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attackChangesNothing,
  changedTables,
  IDS,
  startAttackStack,
  type AttackStack,
  type PersonaName,
} from './support/attack-stack';

// Cross-agency and cross-cohort reads and writes, and scope-moving updates on every table,
// as the seven personas of the RLS matrix, through supabase-js and raw PostgREST requests.

let stage: AttackStack;
/** Whose records, which agencies, cohorts and programmes each persona may see. */
let scope: Record<
  Exclude<PersonaName, 'anon'>,
  { users: Set<string>; agencies: Set<string>; cohorts: Set<string>; programmes: Set<string> }
>;

beforeAll(async () => {
  stage = await startAttackStack();
  const members = (await stage.sql(
    `select cm.cohort_id, cm.user_id, cm.role, c.organisation_id from public.cohort_members cm
     join public.cohorts c on c.id = cm.cohort_id`,
  )) as { cohort_id: string; user_id: string; role: string; organisation_id: string }[];
  const inAgency = async (agency: string) =>
    (
      await stage.sql(`select user_id from public.memberships where organisation_id = $1`, [agency])
    ).map((row) => String(row.user_id));
  const assigned = async (cohorts: string[]) =>
    (
      await stage.sql(
        `select programme_id from public.cohort_programmes where cohort_id = any ($1::uuid[])`,
        [`{${cohorts.join(',')}}`],
      )
    ).map((row) => String(row.programme_id));
  const learnersOf = (cohort: string) =>
    members.filter((m) => m.cohort_id === cohort && m.role === 'learner').map((m) => m.user_id);
  const demoProgrammes = (
    await stage.sql(`select id from public.programmes where organisation_id = $1`, [IDS.demoAgency])
  ).map((row) => String(row.id));
  const one = (value: string) => new Set([value]);
  scope = {
    learner: {
      users: one(IDS.learner),
      agencies: one(IDS.demoAgency),
      cohorts: one(IDS.northCohort),
      programmes: new Set(await assigned([IDS.northCohort])),
    },
    otherLearner: {
      users: one(IDS.otherLearner),
      agencies: one(IDS.demoAgency),
      cohorts: one(IDS.southCohort),
      programmes: new Set(await assigned([IDS.southCohort])),
    },
    supervisor: {
      users: new Set([IDS.supervisor, ...learnersOf(IDS.northCohort)]),
      agencies: one(IDS.demoAgency),
      cohorts: one(IDS.northCohort),
      programmes: new Set(await assigned([IDS.northCohort])),
    },
    otherSupervisor: {
      users: new Set([IDS.otherSupervisor, ...learnersOf(IDS.southCohort)]),
      agencies: one(IDS.demoAgency),
      cohorts: one(IDS.southCohort),
      programmes: new Set(await assigned([IDS.southCohort])),
    },
    admin: {
      users: new Set(await inAgency(IDS.demoAgency)),
      agencies: one(IDS.demoAgency),
      cohorts: new Set([IDS.northCohort, IDS.southCohort]),
      programmes: new Set(demoProgrammes),
    },
    otherAdmin: {
      users: new Set(await inAgency(IDS.secondAgency)),
      agencies: one(IDS.secondAgency),
      cohorts: one(IDS.secondCohort),
      programmes: one(IDS.secondProgramme),
    },
  };
}, 240_000);

afterAll(async () => {
  await stage?.stop();
});

/** Which column of each table says whose or where a row is, and which scope it must be in. */
const SCOPED: [
  table: string,
  column: string,
  kind: 'users' | 'agencies' | 'cohorts' | 'programmes',
][] = [
  ['activity_events', 'user_id', 'users'],
  ['attempt_progress', 'user_id', 'users'],
  ['evidence', 'user_id', 'users'],
  ['skill_run_stats', 'user_id', 'users'],
  ['skill_stats', 'user_id', 'users'],
  ['skill_totals', 'user_id', 'users'],
  ['skill_format_stats', 'user_id', 'users'],
  ['skill_format_totals', 'user_id', 'users'],
  ['learner_completions', 'user_id', 'users'],
  ['memberships', 'organisation_id', 'agencies'],
  ['memberships', 'user_id', 'users'],
  ['organisations', 'id', 'agencies'],
  ['cohorts', 'id', 'cohorts'],
  ['cohort_members', 'cohort_id', 'cohorts'],
  ['invitations', 'organisation_id', 'agencies'],
  ['programmes', 'id', 'programmes'],
  ['programme_items', 'programme_id', 'programmes'],
  ['cohort_programmes', 'cohort_id', 'cohorts'],
  ['skill_targets', 'organisation_id', 'agencies'],
  ['learner_assignments', 'user_id', 'users'],
];
const SIGNED_IN = [
  'learner',
  'otherLearner',
  'supervisor',
  'otherSupervisor',
  'admin',
  'otherAdmin',
] as const;

describe('cross-agency and cross-cohort reads', () => {
  it('the matrix names every table and view of the exposed schema', async () => {
    const relations = (
      await stage.sql(
        `select c.relname as name from pg_class c where c.relnamespace = 'public'::regnamespace
         and c.relkind in ('r', 'v') and c.relname not like 'catalog\\_%' order by 1`,
      )
    ).map((row) => String(row.name));
    expect(relations.filter((name) => !SCOPED.some(([table]) => table === name))).toEqual([]);
  });

  for (const persona of SIGNED_IN) {
    it(`${persona} sees only rows of their own scope, and does see those`, async () => {
      const seen: string[] = [];
      for (const [table, column, kind] of SCOPED) {
        const { data, error } = await stage.personas[persona].client.from(table).select(column);
        expect(error, `${table}`).toBeNull();
        const values = (data as unknown as Record<string, string>[]).map((row) => row[column]!);
        const outside = values.filter((value) => !scope[persona][kind].has(value));
        expect(outside, `${persona} reads ${table} rows outside their ${kind}`).toEqual([]);
        if (values.length > 0) seen.push(table);
      }
      // Not vacuous: each persona reads its own agency, membership and statistics.
      expect(seen).toEqual(expect.arrayContaining(['organisations', 'memberships', 'skill_stats']));
    });
  }

  it('anon reads nothing but the published catalogue (401 on every other table)', async () => {
    for (const table of new Set(SCOPED.map(([name]) => name))) {
      const kind = ['skill_totals', 'skill_format_totals', 'learner_completions'].includes(table)
        ? 'view'
        : 'table';
      const answer = await stage.http('anon', 'GET', `/rest/v1/${table}?select=*`);
      expect(answer, table).toEqual({
        status: 401,
        body: {
          code: '42501',
          details: null,
          hint: null,
          message: `permission denied for ${kind} ${table}`,
        },
      });
    }
    const catalogue = await stage.http('anon', 'GET', '/rest/v1/catalog_skills?select=id');
    expect(catalogue.status).toBe(200);
  });
});

describe('cross-agency and cross-cohort writes', () => {
  const rls = (table: string) => ({
    code: '42501',
    details: null,
    hint: null,
    message: `new row violates row-level security policy for table "${table}"`,
  });
  const cases: [PersonaName, string, string, Record<string, unknown>][] = [
    [
      'learner',
      'cohort_members',
      'herself as supervisor of the South team',
      { cohort_id: IDS.southCohort, user_id: IDS.learner, role: 'supervisor' },
    ],
    // A valid answer (the content is checked first), in another learner's name.
    [
      'learner',
      'activity_events',
      "an answer in Grace's name",
      {
        id: crypto.randomUUID(),
        user_id: IDS.otherLearner,
        kind: 'check',
        occurred_at: new Date().toISOString(),
        lesson_id: 'communication/active-listening-oars',
        item_id: 'CHECK_ITEM',
        option_id: 'CHECK_OPTION',
      },
    ],
    [
      'otherLearner',
      'memberships',
      'herself as admin of the second agency',
      {
        organisation_id: IDS.secondAgency,
        user_id: IDS.otherLearner,
        role: 'admin',
        display_name: 'Grace',
      },
    ],
    [
      'supervisor',
      'invitations',
      'an admin invitation',
      { organisation_id: IDS.demoAgency, role: 'admin' },
    ],
    [
      'supervisor',
      'cohort_members',
      'a South learner into the North team',
      { cohort_id: IDS.northCohort, user_id: IDS.otherLearner, role: 'learner' },
    ],
    [
      'otherSupervisor',
      'activity_events',
      'an observation of a North learner',
      {
        id: crypto.randomUUID(),
        user_id: IDS.learner,
        kind: 'observation',
        occurred_at: new Date().toISOString(),
        skill_id: 'empathy',
        score: 0,
        weight: 5,
        observed_by: IDS.otherSupervisor,
      },
    ],
    [
      'admin',
      'cohorts',
      'a cohort in the second agency',
      { organisation_id: IDS.secondAgency, name: 'Planted' },
    ],
    [
      'admin',
      'programmes',
      'a programme in the second agency',
      { organisation_id: IDS.secondAgency, name: 'Planted' },
    ],
    [
      'admin',
      'programme_items',
      "an item in the second agency's programme",
      { programme_id: IDS.secondProgramme, position: 9, item_kind: 'lesson', item_id: 'x' },
    ],
    [
      'admin',
      'cohort_programmes',
      "the second agency's programme for the North team",
      { cohort_id: IDS.northCohort, programme_id: IDS.secondProgramme },
    ],
    [
      'admin',
      'cohort_members',
      "herself into the second agency's cohort",
      { cohort_id: IDS.secondCohort, user_id: IDS.admin, role: 'supervisor' },
    ],
    [
      'admin',
      'invitations',
      'an invitation to the second agency',
      { organisation_id: IDS.secondAgency, role: 'admin' },
    ],
    [
      'admin',
      'invitations',
      "an invitation into the second agency's cohort",
      { organisation_id: IDS.demoAgency, role: 'supervisor', cohort_id: IDS.secondCohort },
    ],
    [
      'admin',
      'skill_targets',
      'a target for the second agency',
      { organisation_id: IDS.secondAgency, skill_id: 'empathy', target: 0.1 },
    ],
    [
      'admin',
      'skill_targets',
      "a target for the second agency's cohort",
      {
        organisation_id: IDS.demoAgency,
        cohort_id: IDS.secondCohort,
        skill_id: 'empathy',
        target: 0.1,
      },
    ],
    [
      'admin',
      'activity_events',
      "an observation of the second agency's learner",
      {
        id: crypto.randomUUID(),
        user_id: IDS.secondLearner,
        kind: 'observation',
        occurred_at: new Date().toISOString(),
        skill_id: 'empathy',
        score: 0,
        weight: 5,
        observed_by: IDS.admin,
      },
    ],
    [
      'otherAdmin',
      'cohort_members',
      'himself into the North team',
      { cohort_id: IDS.northCohort, user_id: IDS.otherAdmin, role: 'supervisor' },
    ],
    [
      'otherAdmin',
      'cohort_programmes',
      'the demo programme for his cohort',
      { cohort_id: IDS.secondCohort, programme_id: IDS.demoProgramme },
    ],
    [
      'otherAdmin',
      'organisations',
      "an agency in the demo admin's name",
      { name: 'Not mine', created_by: IDS.admin },
    ],
    [
      'otherAdmin',
      'organisations',
      'an agency marked as the demo',
      { name: 'Demo look-alike', created_by: IDS.otherAdmin, is_demo: true },
    ],
  ];
  for (const [persona, table, what, row] of cases) {
    it(`${persona} cannot insert ${what} (${table})`, async () => {
      if (row.item_id === 'CHECK_ITEM') {
        const [answer] = await stage.sql(
          `select item_id, option_id from public.catalog_check_options where lesson_id = $1 order by item_id, option_id limit 1`,
          [row.lesson_id],
        );
        Object.assign(row, answer);
      }
      const answer = await attackChangesNothing(stage, () =>
        stage.http(persona, 'POST', `/rest/v1/${table}`, row),
      );
      expect(answer).toEqual({
        status: 403,
        body:
          table === 'memberships'
            ? {
                code: '42501',
                details: null,
                hint: null,
                message: 'permission denied for table memberships',
              }
            : rls(table),
      });
    });
  }

  it('anon cannot write anything (401)', async () => {
    const answer = await attackChangesNothing(stage, () =>
      stage.http('anon', 'POST', '/rest/v1/organisations', { name: 'Anonymous agency' }),
    );
    expect(answer).toEqual({
      status: 401,
      body: {
        code: '42501',
        details: null,
        hint: null,
        message: 'permission denied for table organisations',
      },
    });
  });

  it('deletes reach nothing outside one’s scope', async () => {
    const before = await stage.fingerprint();
    for (const [persona, path] of [
      ['admin', `/rest/v1/cohorts?id=eq.${IDS.secondCohort}`],
      ['admin', `/rest/v1/programmes?id=eq.${IDS.secondProgramme}`],
      ['admin', `/rest/v1/cohort_members?cohort_id=eq.${IDS.secondCohort}`],
      ['otherAdmin', `/rest/v1/skill_targets?organisation_id=eq.${IDS.demoAgency}`],
      ['otherAdmin', `/rest/v1/cohort_programmes?cohort_id=eq.${IDS.northCohort}`],
      ['supervisor', `/rest/v1/cohort_members?cohort_id=eq.${IDS.northCohort}`],
    ] as const) {
      const answer = await stage.http(persona, 'DELETE', path, undefined, {
        prefer: 'return=representation',
      });
      expect(answer, `${persona} DELETE ${path}`).toEqual({ status: 200, body: [] });
    }
    for (const [table, path] of [
      ['activity_events', `/rest/v1/activity_events?user_id=eq.${IDS.learner}`],
      ['memberships', `/rest/v1/memberships?organisation_id=eq.${IDS.demoAgency}`],
      ['organisations', `/rest/v1/organisations?id=eq.${IDS.demoAgency}`],
      ['invitations', `/rest/v1/invitations?organisation_id=eq.${IDS.demoAgency}`],
      ['evidence', `/rest/v1/evidence?user_id=eq.${IDS.learner}`],
      ['skill_stats', `/rest/v1/skill_stats?user_id=eq.${IDS.learner}`],
    ] as const) {
      const answer = await stage.http('admin', 'DELETE', path);
      expect(answer, table).toEqual({
        status: 403,
        body: {
          code: '42501',
          details: null,
          hint: null,
          message: `permission denied for table ${table}`,
        },
      });
    }
    expect(changedTables(before, await stage.fingerprint())).toEqual([]);
  });
});

describe('scope-moving updates on every table', () => {
  /** Columns an agency admin may change: what a row says, never whose it is. */
  const VALUE_COLUMNS: Record<string, string[]> = {
    organisations: ['name'],
    memberships: ['role', 'status'],
    cohorts: ['name'],
    invitations: ['revoked_at'],
    programmes: ['name', 'description'],
    programme_items: ['position', 'item_kind', 'item_id', 'required_mode'],
    cohort_programmes: ['due_date'],
    skill_targets: ['target'],
    learner_assignments: ['due_date'],
  };

  it('declares every column an API role may update', async () => {
    const updatable = await stage.sql(
      `select k.relname || '.' || a.attname as name from pg_class k
       join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
       where k.relnamespace = 'public'::regnamespace and k.relkind = 'r'
         and (has_column_privilege('authenticated', k.oid, a.attnum, 'UPDATE') or has_column_privilege('anon', k.oid, a.attnum, 'UPDATE'))
       order by 1`,
    );
    // The rest are natural keys, granted only so upserts work and held by the keep-scope trigger.
    expect(
      updatable
        .map((row) => String(row.name))
        .filter((name) => {
          const [table, column] = name.split('.') as [string, string];
          return !VALUE_COLUMNS[table]?.includes(column);
        }),
    ).toEqual([
      'cohort_programmes.cohort_id',
      'cohort_programmes.programme_id',
      'programme_items.programme_id',
      'skill_targets.cohort_id',
      'skill_targets.organisation_id',
      'skill_targets.skill_id',
    ]);
  });

  it('no persona can move any row of any table into another agency, cohort, programme or person', async () => {
    const columns = (await stage.sql(
      `select k.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
              has_column_privilege('authenticated', k.oid, a.attnum, 'UPDATE') as granted,
              (select array_agg(pa.attname order by pa.attnum) from pg_index i join pg_attribute pa on pa.attrelid = i.indrelid and pa.attnum = any (i.indkey)
               where i.indrelid = k.oid and i.indisprimary) as key
       from pg_class k join pg_attribute a on a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
       where k.relnamespace = 'public'::regnamespace and k.relkind = 'r' order by 1, a.attnum`,
    )) as {
      table: string;
      column: string;
      type: string;
      granted: boolean;
      key: string[] | string;
    }[];
    const foreignValue = (column: string, type: string): unknown => {
      if (column === 'organisation_id') return IDS.secondAgency;
      if (column === 'cohort_id') return IDS.secondCohort;
      if (column === 'programme_id') return IDS.secondProgramme;
      if (['user_id', 'created_by', 'observed_by', 'used_by'].includes(column))
        return IDS.otherAdmin;
      if (type === 'uuid') return crypto.randomUUID();
      if (type.startsWith('timestamp') || type === 'date') return '2021-06-01T00:00:00Z';
      if (type === 'boolean') return true;
      if (type === 'integer') return 7;
      if (type === 'double precision' || type.startsWith('numeric')) return 0.5;
      if (type === 'text[]') return ['moved'];
      return 'moved';
    };
    // A row each in the demo agency (or of its learner), and who may otherwise update it.
    const owner = (table: string): PersonaName =>
      [
        'activity_events',
        'attempt_progress',
        'evidence',
        'skill_run_stats',
        'skill_stats',
        'skill_format_stats',
      ].includes(table)
        ? 'learner'
        : 'admin';
    const rowFilter: Record<string, string> = {
      organisations: `id = '${IDS.demoAgency}'`,
      memberships: `organisation_id = '${IDS.demoAgency}' and user_id = '${IDS.learner}'`,
      cohorts: `id = '${IDS.northCohort}'`,
      cohort_members: `cohort_id = '${IDS.northCohort}' and user_id = '${IDS.learner}'`,
      invitations: `organisation_id = '${IDS.demoAgency}'`,
      programmes: `id = '${IDS.demoProgramme}'`,
      programme_items: `programme_id = '${IDS.demoProgramme}'`,
      cohort_programmes: `programme_id = '${IDS.demoProgramme}'`,
      skill_targets: `organisation_id = '${IDS.demoAgency}'`,
      learner_assignments: `user_id = '${IDS.learner}'`,
    };
    await stage.sql(
      `insert into public.learner_assignments (organisation_id, user_id, item_kind, item_id, assigned_by) values ('${IDS.demoAgency}', '${IDS.learner}', 'scenario', 'williams-eviction', '${IDS.admin}')`,
    );
    await stage.sql(
      `insert into public.invitations (organisation_id, role, cohort_id) values ('${IDS.demoAgency}', 'learner', '${IDS.northCohort}')`,
    );
    const before = await stage.fingerprint();
    const tried: string[] = [];
    for (const table of [...new Set(columns.map((c) => c.table))]) {
      const own = columns.filter((c) => c.table === table);
      const keyColumns = Array.isArray(own[0]!.key)
        ? own[0]!.key
        : String(own[0]!.key).replace(/[{}]/g, '').split(',');
      const [row] = await stage.sql(
        `select * from public."${table}" where ${rowFilter[table] ?? (owner(table) === 'learner' ? `user_id = '${IDS.learner}'` : 'true')} limit 1`,
      );
      expect(row, `a ${table} row to aim at`).toBeDefined();
      const filter = keyColumns
        .map((key) => {
          const value = row![key];
          return `${key}=eq.${encodeURIComponent(value instanceof Date ? value.toISOString() : String(value))}`;
        })
        .join('&');
      for (const column of own.filter((c) => !VALUE_COLUMNS[table]?.includes(c.column))) {
        for (const persona of [owner(table), 'otherAdmin'] as const) {
          const answer = await stage.http(
            persona,
            'PATCH',
            `/rest/v1/${table}?${filter}`,
            { [column.column]: foreignValue(column.column, column.type) },
            { prefer: 'return=representation' },
          );
          const label = `${persona} PATCH ${table}.${column.column}`;
          tried.push(label);
          if (!column.granted) {
            expect(answer, label).toEqual({
              status: 403,
              body: {
                code: '42501',
                details: null,
                hint: null,
                message: `permission denied for table ${table}`,
              },
            });
          } else if (persona === 'otherAdmin') {
            // Granted natural key, a row outside their agency: the update reaches no row.
            expect(answer, label).toEqual({ status: 200, body: [] });
          } else {
            expect(answer.status, label).toBe(403);
            expect(answer.body, label).toMatchObject({ code: '42501' });
            expect(
              [
                `The ${column.column} of a row in ${table} cannot change: rows never move to another agency, cohort, programme or person.`,
                `new row violates row-level security policy for table "${table}"`,
              ],
              label,
            ).toContain((answer.body as { message: string }).message);
          }
        }
      }
    }
    expect(tried.length).toBeGreaterThan(300);
    expect(changedTables(before, await stage.fingerprint())).toEqual([]);
  }, 300_000);
});
