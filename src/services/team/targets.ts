import { done, unwrap, type Backend, type TableRow } from './backend';

/** Target proficiency per skill: an agency's default, or a cohort's own. */

export type SkillTarget = Pick<
  TableRow<'skill_targets'>,
  'id' | 'organisation_id' | 'cohort_id' | 'skill_id' | 'target'
>;

export function targetQueries(supabase: Backend) {
  return {
    async targets(organisationId: string): Promise<SkillTarget[]> {
      return unwrap(
        await supabase
          .from('skill_targets')
          .select('id, organisation_id, cohort_id, skill_id, target')
          .eq('organisation_id', organisationId),
      );
    },
    /** Sets the agency's (cohortId null) or a cohort's target: one upsert on the natural key. */
    async setTarget(
      organisationId: string,
      cohortId: string | null,
      skillId: string,
      target: number,
    ): Promise<void> {
      // The key is unique NULLS NOT DISTINCT, so the agency-wide row (no cohort) conflicts too.
      done(
        await supabase
          .from('skill_targets')
          .upsert(
            { organisation_id: organisationId, cohort_id: cohortId, skill_id: skillId, target },
            { onConflict: 'organisation_id,cohort_id,skill_id' },
          ),
      );
    },
    async clearTarget(id: string): Promise<void> {
      done(await supabase.from('skill_targets').delete().eq('id', id));
    },
  };
}
