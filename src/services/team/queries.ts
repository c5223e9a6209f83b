import type { SupabaseClient } from '@supabase/supabase-js';
import { friendlyError } from '../backend/errors';
import type { SkillTotals } from '../../domain/scoring/statistics';

/**
 * The team features' reads and writes, all through supabase-js and row-level security:
 * what a call returns is exactly what the signed-in person may see.
 */

export type Role = 'learner' | 'supervisor' | 'admin';

export interface Membership {
  organisation_id: string;
  user_id: string;
  role: Role;
  display_name: string;
  status: 'active' | 'removed';
  joined_at: string;
  removed_at: string | null;
  organisations?: { name: string; is_demo: boolean } | null;
}

export interface Cohort {
  id: string;
  organisation_id: string;
  name: string;
}

export interface CohortMember {
  cohort_id: string;
  user_id: string;
  role: 'learner' | 'supervisor';
}

export interface Invitation {
  id: string;
  organisation_id: string;
  code: string;
  role: Role;
  cohort_id: string | null;
  expires_at: string;
  used_by: string | null;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface Programme {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  programme_items?: ProgrammeItem[];
}

export interface ProgrammeItem {
  programme_id: string;
  position: number;
  item_kind: 'lesson' | 'scenario';
  item_id: string;
}

export interface Assignment {
  cohort_id: string;
  programme_id: string;
  due_date: string | null;
}

export interface SkillTarget {
  id: string;
  organisation_id: string;
  cohort_id: string | null;
  skill_id: string;
  target: number;
}

export interface StatsRow {
  user_id: string;
  skill_id: string;
  s_plus: number;
  s_minus: number;
  sw: number;
  swt: number;
  swy: number;
  swtt: number;
  swty: number;
  swyy: number;
  events: number;
  last_at: string | null;
}

export interface EventRow {
  id: string;
  user_id: string;
  kind: 'choice' | 'completion' | 'check' | 'observation';
  occurred_at: string;
  attempt_id: string | null;
  scenario_id: string | null;
  scenario_version: string | null;
  node_id: string | null;
  choice_id: string | null;
  ending_id: string | null;
  mode: 'practice' | 'assessment' | null;
  seq: number | null;
  lesson_id: string | null;
  item_id: string | null;
  option_id: string | null;
  skill_id: string | null;
  score: number | null;
  weight: number | null;
  note: string | null;
  observed_by: string | null;
}

export interface Completion {
  user_id: string;
  item_kind: 'lesson' | 'scenario';
  item_id: string;
}

export class TeamError extends Error {}

/** Unwraps a supabase-js result as the given row type, or throws a readable error. */
function check<T = void>(result: { data: unknown; error: { message: string } | null }): T {
  if (result.error) throw new TeamError(friendlyError(result.error));
  return result.data as T;
}

/** The sums the TypeScript engine needs, from a skill_totals row. */
export function totalsFromRow(row: StatsRow): SkillTotals {
  return {
    sPlus: row.s_plus,
    sMinus: row.s_minus,
    W: row.sw,
    Wt: row.swt,
    Wy: row.swy,
    Wtt: row.swtt,
    Wty: row.swty,
    Wyy: row.swyy,
    events: row.events,
    ...(row.last_at ? { last: Date.parse(row.last_at) } : {}),
  };
}

export const EVENT_COLUMNS =
  'id, user_id, kind, occurred_at, attempt_id, scenario_id, scenario_version, node_id, choice_id, ending_id, mode, seq, lesson_id, item_id, option_id, skill_id, score, weight, note, observed_by';

export function teamQueries(supabase: SupabaseClient, me: string) {
  /** Rows of a table or view for many people, 100 ids per request (URLs stay short). */
  const byUsers = async <T>(
    table: string,
    columns: string,
    userIds: readonly string[],
  ): Promise<T[]> => {
    const rows: T[] = [];
    for (let start = 0; start < userIds.length; start += 100) {
      rows.push(
        ...check<T[]>(
          await supabase
            .from(table)
            .select(columns)
            .in('user_id', userIds.slice(start, start + 100)),
        ),
      );
    }
    return rows;
  };
  return {
    me,
    async myMemberships(): Promise<Membership[]> {
      return check<Membership[]>(
        await supabase
          .from('memberships')
          .select('*, organisations(name, is_demo)')
          .eq('user_id', me)
          .eq('status', 'active')
          .order('joined_at'),
      );
    },
    async cohorts(organisationId: string): Promise<Cohort[]> {
      return check<Cohort[]>(
        await supabase
          .from('cohorts')
          .select('id, organisation_id, name')
          .eq('organisation_id', organisationId)
          .order('name'),
      );
    },
    async cohortMembers(cohortIds: string[]): Promise<CohortMember[]> {
      if (cohortIds.length === 0) return [];
      return check<CohortMember[]>(
        await supabase
          .from('cohort_members')
          .select('cohort_id, user_id, role')
          .in('cohort_id', cohortIds),
      );
    },
    async members(organisationId: string): Promise<Membership[]> {
      return check<Membership[]>(
        await supabase
          .from('memberships')
          .select('*')
          .eq('organisation_id', organisationId)
          .order('display_name'),
      );
    },
    async stats(userIds: string[]): Promise<StatsRow[]> {
      return byUsers<StatsRow>('skill_totals', '*', userIds);
    },
    async targets(organisationId: string): Promise<SkillTarget[]> {
      return check<SkillTarget[]>(
        await supabase.from('skill_targets').select('*').eq('organisation_id', organisationId),
      );
    },
    async programmes(organisationId: string): Promise<Programme[]> {
      return check<Programme[]>(
        await supabase
          .from('programmes')
          .select('*, programme_items(*)')
          .eq('organisation_id', organisationId)
          .order('created_at'),
      );
    },
    async assignments(cohortIds: string[]): Promise<Assignment[]> {
      if (cohortIds.length === 0) return [];
      return check<Assignment[]>(
        await supabase
          .from('cohort_programmes')
          .select('cohort_id, programme_id, due_date')
          .in('cohort_id', cohortIds),
      );
    },
    /** Which lessons (any check answered) and scenarios (an ending reached) each person has done. */
    async completions(userIds: string[]): Promise<Completion[]> {
      return byUsers<Completion>('learner_completions', 'user_id, item_kind, item_id', userIds);
    },
    async events(userId: string): Promise<EventRow[]> {
      return check<EventRow[]>(
        await supabase
          .from('activity_events')
          .select(EVENT_COLUMNS)
          .eq('user_id', userId)
          .order('occurred_at'),
      );
    },
    async choiceTexts(scenarioIds: string[]): Promise<
      {
        scenario_id: string;
        version: string;
        node_id: string;
        choice_id: string;
        text: string;
        feedback: string;
        flag_kind: string | null;
        flag_why: string | null;
      }[]
    > {
      if (scenarioIds.length === 0) return [];
      return check(
        await supabase.from('catalog_choices').select('*').in('scenario_id', scenarioIds),
      );
    },
    async decisionEvidence(scenarioIds: string[]): Promise<
      {
        scenario_id: string;
        version: string;
        node_id: string;
        offered_key: string;
        choice_id: string;
        skill_id: string;
        code: number;
        best: number;
        why: string;
      }[]
    > {
      if (scenarioIds.length === 0) return [];
      return check(
        await supabase
          .from('catalog_decision_evidence')
          .select(
            'scenario_id, version, node_id, offered_key, choice_id, skill_id, code, best, why',
          )
          .in('scenario_id', scenarioIds),
      );
    },
    async eventOfferedKeys(userId: string): Promise<{ id: string; offered_key: string | null }[]> {
      return check<{ id: string; offered_key: string | null }[]>(
        await supabase
          .from('activity_events')
          .select('id, offered_key')
          .eq('user_id', userId)
          .eq('kind', 'choice'),
      );
    },

    // Writes (admins; observations by supervisors).
    async createOrganisation(name: string): Promise<string> {
      const row = check<{ id: string }>(
        await supabase
          .from('organisations')
          .insert({ name: name.trim(), created_by: me })
          .select('id')
          .single<{ id: string }>(),
      );
      return row.id;
    },
    async createCohort(organisationId: string, name: string): Promise<void> {
      check(
        await supabase
          .from('cohorts')
          .insert({ organisation_id: organisationId, name: name.trim() }),
      );
    },
    async addCohortMember(
      cohortId: string,
      userId: string,
      role: 'learner' | 'supervisor',
    ): Promise<void> {
      check(
        await supabase
          .from('cohort_members')
          .insert({ cohort_id: cohortId, user_id: userId, role }),
      );
    },
    async removeCohortMember(
      cohortId: string,
      userId: string,
      role: 'learner' | 'supervisor',
    ): Promise<void> {
      check(
        await supabase
          .from('cohort_members')
          .delete()
          .eq('cohort_id', cohortId)
          .eq('user_id', userId)
          .eq('role', role),
      );
    },
    async setMemberRole(organisationId: string, userId: string, role: Role): Promise<void> {
      check(
        await supabase
          .from('memberships')
          .update({ role })
          .eq('organisation_id', organisationId)
          .eq('user_id', userId),
      );
    },
    async removeMember(organisationId: string, userId: string): Promise<void> {
      check(
        await supabase
          .from('memberships')
          .update({ status: 'removed' })
          .eq('organisation_id', organisationId)
          .eq('user_id', userId),
      );
    },
    async invitations(organisationId: string): Promise<Invitation[]> {
      return check<Invitation[]>(
        await supabase
          .from('invitations')
          .select('*')
          .eq('organisation_id', organisationId)
          .order('created_at', { ascending: false }),
      );
    },
    async createInvitation(
      organisationId: string,
      role: Role,
      cohortId: string | null,
      days: number,
    ): Promise<Invitation> {
      return check(
        await supabase
          .from('invitations')
          .insert({
            organisation_id: organisationId,
            role,
            cohort_id: cohortId,
            expires_at: new Date(Date.now() + days * 86_400_000).toISOString(),
          })
          .select('*')
          .single<Invitation>(),
      );
    },
    async revokeInvitation(id: string): Promise<void> {
      check(
        await supabase
          .from('invitations')
          .update({ revoked_at: new Date().toISOString() })
          .eq('id', id),
      );
    },
    async joinOrganisation(code: string, displayName: string): Promise<Membership> {
      return check<Membership>(
        await supabase
          .rpc('join_organisation', { invitation_code: code, display_name: displayName })
          .single<Membership>(),
      );
    },
    async createProgramme(
      organisationId: string,
      name: string,
      description: string,
      items: { kind: 'lesson' | 'scenario'; id: string }[],
    ): Promise<string> {
      const programme = check<{ id: string }>(
        await supabase
          .from('programmes')
          .insert({ organisation_id: organisationId, name: name.trim(), description })
          .select('id')
          .single<{ id: string }>(),
      );
      if (items.length > 0) {
        check(
          await supabase.from('programme_items').insert(
            items.map((item, index) => ({
              programme_id: programme.id,
              position: index + 1,
              item_kind: item.kind,
              item_id: item.id,
            })),
          ),
        );
      }
      return programme.id;
    },
    async assignProgramme(
      cohortId: string,
      programmeId: string,
      dueDate: string | null,
    ): Promise<void> {
      check(
        await supabase
          .from('cohort_programmes')
          .upsert({ cohort_id: cohortId, programme_id: programmeId, due_date: dueDate }),
      );
    },
    async unassignProgramme(cohortId: string, programmeId: string): Promise<void> {
      check(
        await supabase
          .from('cohort_programmes')
          .delete()
          .eq('cohort_id', cohortId)
          .eq('programme_id', programmeId),
      );
    },
    async setTarget(
      organisationId: string,
      cohortId: string | null,
      skillId: string,
      target: number,
    ): Promise<void> {
      const existing = cohortId
        ? await supabase
            .from('skill_targets')
            .select('id')
            .eq('organisation_id', organisationId)
            .eq('cohort_id', cohortId)
            .eq('skill_id', skillId)
            .maybeSingle<{ id: string }>()
        : await supabase
            .from('skill_targets')
            .select('id')
            .eq('organisation_id', organisationId)
            .is('cohort_id', null)
            .eq('skill_id', skillId)
            .maybeSingle<{ id: string }>();
      const found = check<{ id: string } | null>(existing);
      if (found) check(await supabase.from('skill_targets').update({ target }).eq('id', found.id));
      else
        check(
          await supabase.from('skill_targets').insert({
            organisation_id: organisationId,
            cohort_id: cohortId,
            skill_id: skillId,
            target,
          }),
        );
    },
    async clearTarget(id: string): Promise<void> {
      check(await supabase.from('skill_targets').delete().eq('id', id));
    },
    async recordObservation(
      learnerId: string,
      skillId: string,
      score: number,
      occurredAt: string,
      note: string,
    ): Promise<void> {
      check(
        await supabase.from('activity_events').insert({
          id: crypto.randomUUID(),
          user_id: learnerId,
          kind: 'observation',
          occurred_at: occurredAt,
          skill_id: skillId,
          score,
          weight: 1,
          note,
          observed_by: me,
        }),
      );
    },
  };
}

export type TeamQueries = ReturnType<typeof teamQueries>;
