import { oneOf, PROGRAMME_ITEM_KINDS, type ProgrammeItemKind } from '../../domain/team/roles';
import { done, forUsers, unwrap, type Backend, type TableRow } from './backend';

/** Lessons and scenarios assigned to one learner (often from a skill gap), with due dates. */

export interface LearnerAssignment extends Omit<TableRow<'learner_assignments'>, 'item_kind'> {
  item_kind: ProgrammeItemKind;
}

const assignment = (row: TableRow<'learner_assignments'>): LearnerAssignment => ({
  ...row,
  item_kind: oneOf(PROGRAMME_ITEM_KINDS, row.item_kind, 'learner_assignments.item_kind'),
});

export function learnerAssignmentQueries(supabase: Backend) {
  return {
    /** The assignments of these people that the signed-in person may see. */
    async learnerAssignments(userIds: readonly string[]): Promise<LearnerAssignment[]> {
      return (
        await forUsers(userIds, (chunk) =>
          supabase
            .from('learner_assignments')
            .select('*')
            .in('user_id', chunk)
            .order('due_date', { ascending: true, nullsFirst: false }),
        )
      ).map(assignment);
    },
    /**
     * Assigns one lesson or scenario to each learner (at most 500) with a due date; an
     * existing assignment of the same item gets the new date. Returns how many learners.
     */
    async assignToLearners(
      organisationId: string,
      learnerIds: readonly string[],
      item: { kind: ProgrammeItemKind; id: string },
      dueDate: string | null,
      skillId: string | null,
    ): Promise<number> {
      return unwrap(
        await supabase.rpc('assign_to_learners', {
          organisation_id: organisationId,
          learner_ids: [...learnerIds],
          item_kind: item.kind,
          item_id: item.id,
          ...(dueDate ? { due_date: dueDate } : {}),
          ...(skillId ? { skill_id: skillId } : {}),
        }),
      );
    },
    async withdrawAssignment(id: string): Promise<void> {
      done(await supabase.from('learner_assignments').delete().eq('id', id));
    },
  };
}
