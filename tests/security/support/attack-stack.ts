import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../../supabase/local/demo-accounts';
import { startStack, type RunningStack, type StackOptions } from '../../../supabase/local/stack';

/**
 * The attack suite's stage: a fresh in-memory stack with the demo agency, a second agency
 * (made here, as an attacker would find one), the seven personas of the RLS matrix signed in
 * through supabase-js, a service-role client, raw HTTP to PostgREST, and a fingerprint of
 * every table to prove that a refused attack changed nothing.
 */

export type PersonaName =
  'anon' | 'learner' | 'otherLearner' | 'supervisor' | 'otherSupervisor' | 'admin' | 'otherAdmin';

/** Persona → who that is: the RLS matrix's roles, in the demo agency unless said otherwise. */
export const PERSONAS: Record<Exclude<PersonaName, 'anon'>, { email: string; role: string }> = {
  learner: { email: 'amara@demo.casecraft.local', role: 'learner, North team' },
  otherLearner: { email: 'grace@demo.casecraft.local', role: 'learner, South team' },
  supervisor: { email: 'supervisor.north@demo.casecraft.local', role: 'supervisor, North team' },
  otherSupervisor: {
    email: 'supervisor.south@demo.casecraft.local',
    role: 'supervisor, South team',
  },
  admin: { email: 'admin@demo.casecraft.local', role: 'admin of the demo agency' },
  otherAdmin: { email: 'admin@second.casecraft.test', role: 'admin of the second agency' },
};

/** Ids of the demo agency (supabase/seed.sql) and of the second agency made below. */
export const IDS = {
  demoAgency: '00000000-0000-4000-b000-000000000001',
  northCohort: '00000000-0000-4000-c000-000000000001',
  southCohort: '00000000-0000-4000-c000-000000000002',
  demoProgramme: '00000000-0000-4000-d000-000000000001',
  learner: '00000000-0000-4000-a000-000000000101',
  otherLearner: '00000000-0000-4000-a000-000000000107',
  /** Ben, another learner of the North team (and, below, of the second agency too). */
  northLearner: '00000000-0000-4000-a000-000000000102',
  /** Carmen, a learner of the North team and of no other agency. */
  northLearnerOnlyHere: '00000000-0000-4000-a000-000000000103',
  supervisor: '00000000-0000-4000-a000-000000000002',
  otherSupervisor: '00000000-0000-4000-a000-000000000003',
  admin: '00000000-0000-4000-a000-000000000001',
  secondAgency: 'b2000000-0000-4000-8000-000000000001',
  otherAdmin: 'b2000000-0000-4000-8000-0000000000a1',
  secondLearner: 'b2000000-0000-4000-8000-0000000000a2',
  secondCohort: 'b2000000-0000-4000-8000-0000000000c1',
  secondProgramme: 'b2000000-0000-4000-8000-0000000000d1',
  secondInvitation: 'b2000000-0000-4000-8000-0000000000e1',
  secondInvitationCode: 'SECONDB001',
  secondAttempt: 'b2000000-0000-4000-8000-0000000000f1',
} as const;

export interface Persona {
  name: PersonaName;
  userId?: string;
  client: SupabaseClient;
  /** The bearer token PostgREST sees (the anon key for anon). */
  token: string;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Row count and content hash of every table: equal fingerprints, nothing changed. */
export type Fingerprint = Record<string, { rows: number; hash: string }>;

export interface AttackStack {
  stack: RunningStack;
  url: string;
  personas: Record<PersonaName, Persona>;
  /** supabase-js with the service-role key (bypasses row-level security). */
  service: SupabaseClient;
  /** SQL as the database owner. */
  sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** A raw request to the API gateway (`/rest/v1/…`, `/auth/v1/…`) as a persona. */
  http: (
    persona: PersonaName,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<HttpAnswer>;
  fingerprint: () => Promise<Fingerprint>;
  stop: () => Promise<void>;
}

const SECOND_AGENCY_SQL = `
insert into auth.users (id, email, encrypted_password, raw_user_meta_data) values
  ('${IDS.otherAdmin}', '${PERSONAS.otherAdmin.email}', extensions.crypt('${DEMO_PASSWORD}', extensions.gen_salt('bf', 4)), '{"display_name": "Second admin"}'),
  ('${IDS.secondLearner}', 'learner@second.casecraft.test', extensions.crypt('${DEMO_PASSWORD}', extensions.gen_salt('bf', 4)), '{"display_name": "Second learner"}');
insert into public.organisations (id, name, created_by) values ('${IDS.secondAgency}', 'Harbour Lane Services (second agency)', '${IDS.otherAdmin}');
-- Ben (a North learner of the demo agency) also works for the second agency: what his
-- demo supervisors may see of that membership is part of the test.
insert into public.memberships (organisation_id, user_id, role, display_name) values
  ('${IDS.secondAgency}', '${IDS.secondLearner}', 'learner', 'Second learner'),
  ('${IDS.secondAgency}', '${IDS.northLearner}', 'learner', 'Ben (second agency)');
insert into public.cohorts (id, organisation_id, name) values ('${IDS.secondCohort}', '${IDS.secondAgency}', 'Harbour team');
insert into public.cohort_members (cohort_id, user_id, role) values
  ('${IDS.secondCohort}', '${IDS.secondLearner}', 'learner'), ('${IDS.secondCohort}', '${IDS.otherAdmin}', 'supervisor');
insert into public.programmes (id, organisation_id, name, description) values
  ('${IDS.secondProgramme}', '${IDS.secondAgency}', 'Harbour induction', 'The second agency''s own programme.');
insert into public.programme_items (programme_id, position, item_kind, item_id)
select '${IDS.secondProgramme}', row_number() over (order by id), 'lesson', id from (select id from public.catalog_lessons order by id limit 2) l;
insert into public.cohort_programmes (cohort_id, programme_id, due_date) values ('${IDS.secondCohort}', '${IDS.secondProgramme}', current_date + 30);
insert into public.invitations (id, organisation_id, code, role, cohort_id, created_by) values
  ('${IDS.secondInvitation}', '${IDS.secondAgency}', '${IDS.secondInvitationCode}', 'supervisor', '${IDS.secondCohort}', '${IDS.otherAdmin}');
insert into public.skill_targets (organisation_id, skill_id, target)
select '${IDS.secondAgency}', id, 0.65 from public.catalog_skills where kind = 'skill' order by id limit 1;
insert into public.activity_events (id, user_id, kind, occurred_at, lesson_id, item_id, option_id)
select gen_random_uuid(), '${IDS.secondLearner}', 'check', now() - interval '2 days', lesson_id, item_id, option_id
from public.catalog_check_options order by lesson_id, item_id, option_id limit 1;
insert into public.activity_events (id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, mode)
select gen_random_uuid(), '${IDS.secondLearner}', 'choice', now() - interval '1 day', '${IDS.secondAttempt}', t.scenario_id, t.version, t.from_node, t.choice_id, 'assessment'
from public.catalog_transitions t join public.catalog_scenarios s on s.scenario_id = t.scenario_id and s.version = t.version
where s.is_current and t.from_node = s.start_node and t.from_state = s.start_state
order by t.scenario_id, t.choice_id limit 1;
`;

/** Starts the stage (about 20–40 s: the demo agency's history is simulated on start). */
export async function startAttackStack(options: StackOptions = {}): Promise<AttackStack> {
  const stack = await startStack({ port: 0, seed: true, ...options });
  const sql = async (text: string, params?: unknown[]) => (await stack.query(text, params)).rows;
  try {
    await sql(SECOND_AGENCY_SQL);
    const clientFor = (key: string) =>
      createClient(stack.url, key, { auth: { persistSession: false, autoRefreshToken: false } });
    const anon = clientFor(stack.anonKey);
    const personas = { anon: { name: 'anon', client: anon, token: stack.anonKey } } as Record<
      PersonaName,
      Persona
    >;
    for (const [name, persona] of Object.entries(PERSONAS) as [
      Exclude<PersonaName, 'anon'>,
      { email: string },
    ][]) {
      const client = clientFor(stack.anonKey);
      const { data, error } = await client.auth.signInWithPassword({
        email: persona.email,
        password: DEMO_PASSWORD,
      });
      if (error || !data.session)
        throw new Error(`${name} could not sign in: ${error?.message ?? 'no session'}`);
      personas[name] = {
        name,
        userId: data.session.user.id,
        client,
        token: data.session.access_token,
      };
    }
    const tables = (
      await sql(
        `select c.relname as name from pg_class c
         where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by c.relname`,
      )
    ).map((row) => String(row.name));
    const fingerprintSql = [
      ...tables.map(
        (table) =>
          // An order-free sum of row hashes: no sort, so the large catalogue stays cheap.
          `select '${table}' as name, count(*)::int as rows, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text as hash from public."${table}" t`,
      ),
      `select 'auth.users', count(*)::int, coalesce(sum(hashtextextended(u::text, 0)::numeric), 0)::text from auth.users u`,
    ].join('\nunion all\n');

    return {
      stack,
      url: stack.url,
      personas,
      service: clientFor(stack.serviceRoleKey),
      sql,
      async http(persona, method, path, body, headers = {}) {
        const response = await fetch(`${stack.url}${path}`, {
          method,
          headers: {
            apikey: stack.anonKey,
            authorization: `Bearer ${personas[persona].token}`,
            'content-type': 'application/json',
            ...headers,
          },
          body:
            body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        return { status: response.status, body: parsed };
      },
      async fingerprint() {
        const rows = await sql(fingerprintSql);
        return Object.fromEntries(
          rows.map((row) => [String(row.name), { rows: Number(row.rows), hash: String(row.hash) }]),
        );
      },
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** The tables whose content differs between two fingerprints, with their row counts. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((table) => before[table]?.hash !== after[table]?.hash)
    .map((table) => `${table} (${before[table]?.rows ?? 0} → ${after[table]?.rows ?? 0} rows)`);
}

/**
 * Runs an attack and checks it changed nothing anywhere: every table's content is the same
 * after as before. Returns what the attack returned, for its exact refusal to be checked.
 */
export async function attackChangesNothing<T>(
  stage: AttackStack,
  attack: () => PromiseLike<T>,
): Promise<T> {
  const before = await stage.fingerprint();
  const result = await attack();
  expect(changedTables(before, await stage.fingerprint()), 'tables the attack changed').toEqual([]);
  return result;
}
