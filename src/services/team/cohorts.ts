import { COHORT_ROLES, oneOf, type CohortRole } from '../../domain/team/roles';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** An agency's cohorts and who learns or supervises in each. */

export type Cohort = Pick<TableRow<'cohorts'>, 'id' | 'organisation_id' | 'name'>;

export interface CohortMember {
  cohort_id: string;
  user_id: string;
  role: CohortRole;
}

export function cohortQueries(supabase: Backend) {
  return {
    async cohorts(organisationId: string): Promise<Cohort[]> {
      return unwrap(
        await supabase
          .from('cohorts')
          .select('id, organisation_id, name')
          .eq('organisation_id', organisationId)
          .order('name'),
      );
    },
    async cohortMembers(cohortIds: readonly string[]): Promise<CohortMember[]> {
      if (cohortIds.length === 0) return [];
      return unwrap(
        await supabase
          .from('cohort_members')
          .select('cohort_id, user_id, role')
          .in('cohort_id', cohortIds),
      ).map((row) => ({ ...row, role: oneOf(COHORT_ROLES, row.role, 'cohort_members.role') }));
    },
    async createCohort(organisationId: string, name: string): Promise<void> {
      done(
        await supabase
          .from('cohorts')
          .insert({ organisation_id: organisationId, name: name.trim() }),
      );
    },
    async addCohortMember(cohortId: string, userId: string, role: CohortRole): Promise<void> {
      done(
        await supabase
          .from('cohort_members')
          .insert({ cohort_id: cohortId, user_id: userId, role }),
      );
    },
    async removeCohortMember(cohortId: string, userId: string, role: CohortRole): Promise<void> {
      done(
        await supabase
          .from('cohort_members')
          .delete()
          .eq('cohort_id', cohortId)
          .eq('user_id', userId)
          .eq('role', role),
      );
    },
  };
}
