import { PLAY_MODES, type PlayMode } from '../../domain/activity/kinds';
import { oneOf, PROGRAMME_ITEM_KINDS, type ProgrammeItemKind } from '../../domain/team/roles';
import { done, unwrap, type Backend, type TableRow } from './backend';

/** Programmes of lessons and scenarios, and their assignment to cohorts with due dates. */

export interface ProgrammeItem {
  programme_id: string;
  position: number;
  item_kind: ProgrammeItemKind;
  item_id: string;
  /** Scenario items: the mode that completes them; null for lessons. */
  required_mode: PlayMode | null;
}

export interface Programme extends Pick<
  TableRow<'programmes'>,
  'id' | 'organisation_id' | 'name' | 'description'
> {
  programme_items: ProgrammeItem[];
}

export type Assignment = Pick<
  TableRow<'cohort_programmes'>,
  'cohort_id' | 'programme_id' | 'due_date'
>;

export function programmeQueries(supabase: Backend) {
  return {
    async programmes(organisationId: string): Promise<Programme[]> {
      return unwrap(
        await supabase
          .from('programmes')
          .select(
            'id, organisation_id, name, description, programme_items(programme_id, position, item_kind, item_id, required_mode)',
          )
          .eq('organisation_id', organisationId)
          .order('created_at'),
      ).map((row) => ({
        ...row,
        programme_items: row.programme_items.map((item) => ({
          ...item,
          item_kind: oneOf(PROGRAMME_ITEM_KINDS, item.item_kind, 'programme_items.item_kind'),
          required_mode:
            item.required_mode === null
              ? null
              : oneOf(PLAY_MODES, item.required_mode, 'programme_items.required_mode'),
        })),
      }));
    },
    /** One call creates the programme and its items, or nothing (`create_programme`). */
    async createProgramme(
      organisationId: string,
      name: string,
      description: string,
      /** Scenario items with the mode that completes them (assessment when left out). */
      items: readonly { kind: ProgrammeItemKind; id: string; mode?: PlayMode }[],
    ): Promise<string> {
      return unwrap(
        await supabase.rpc('create_programme', {
          organisation_id: organisationId,
          name: name.trim(),
          description,
          items: items.map((item) =>
            item.kind === 'scenario' && item.mode
              ? { kind: item.kind, id: item.id, mode: item.mode }
              : { kind: item.kind, id: item.id },
          ),
        }),
      );
    },
    /**
     * Replaces a programme's items in one call (add, remove, reorder), or changes nothing.
     * Progress is derived from each learner's own records, so what is done stays done.
     */
    async setProgrammeItems(
      programmeId: string,
      /** Scenario items with the mode that completes them (assessment when left out). */
      items: readonly { kind: ProgrammeItemKind; id: string; mode?: PlayMode }[],
    ): Promise<void> {
      unwrap(
        await supabase.rpc('set_programme_items', {
          programme_id: programmeId,
          items: items.map((item) =>
            item.kind === 'scenario' && item.mode
              ? { kind: item.kind, id: item.id, mode: item.mode }
              : { kind: item.kind, id: item.id },
          ),
        }),
      );
    },
    async assignments(cohortIds: readonly string[]): Promise<Assignment[]> {
      if (cohortIds.length === 0) return [];
      return unwrap(
        await supabase
          .from('cohort_programmes')
          .select('cohort_id, programme_id, due_date')
          .in('cohort_id', cohortIds),
      );
    },
    async assignProgramme(
      cohortId: string,
      programmeId: string,
      dueDate: string | null,
    ): Promise<void> {
      done(
        await supabase
          .from('cohort_programmes')
          .upsert(
            { cohort_id: cohortId, programme_id: programmeId, due_date: dueDate },
            { onConflict: 'cohort_id,programme_id' },
          ),
      );
    },
    async unassignProgramme(cohortId: string, programmeId: string): Promise<void> {
      done(
        await supabase
          .from('cohort_programmes')
          .delete()
          .eq('cohort_id', cohortId)
          .eq('programme_id', programmeId),
      );
    },
  };
}
