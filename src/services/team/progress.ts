import type { SkillTotals } from '../../domain/scoring/statistics';
import { oneOf, PROGRAMME_ITEM_KINDS, type ProgrammeItemKind } from '../../domain/team/roles';
import { forUsers, type Backend, type ViewRow } from './backend';

/** What the server derived from the records it accepted: statistics and completions. */

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

export interface Completion {
  user_id: string;
  item_kind: ProgrammeItemKind;
  item_id: string;
  /** Scenarios: an assessed attempt reached an ending (`first_assessed_at`). */
  assessed: boolean;
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

// A view's columns are nullable to PostgREST; skill_totals never has a null in these.
const statsRow = (row: ViewRow<'skill_totals'>): StatsRow[] =>
  row.user_id === null || row.skill_id === null
    ? []
    : [
        {
          user_id: row.user_id,
          skill_id: row.skill_id,
          s_plus: row.s_plus ?? 0,
          s_minus: row.s_minus ?? 0,
          sw: row.sw ?? 0,
          swt: row.swt ?? 0,
          swy: row.swy ?? 0,
          swtt: row.swtt ?? 0,
          swty: row.swty ?? 0,
          swyy: row.swyy ?? 0,
          events: row.events ?? 0,
          last_at: row.last_at,
        },
      ];

export function progressQueries(supabase: Backend) {
  return {
    /** When each person first completed each lesson and scenario (the server's time). */
    async completionTimes(
      userIds: readonly string[],
    ): Promise<
      { user_id: string; item_kind: string; item_id: string; first_done_at: string | null }[]
    > {
      return (
        await forUsers(userIds, (chunk) =>
          supabase
            .from('learner_completions')
            .select('user_id, item_kind, item_id, first_done_at')
            .in('user_id', chunk),
        )
      ).flatMap((row) =>
        row.user_id === null || row.item_kind === null || row.item_id === null
          ? []
          : [{ ...row, user_id: row.user_id, item_kind: row.item_kind, item_id: row.item_id }],
      );
    },
    async stats(userIds: readonly string[]): Promise<StatsRow[]> {
      return (
        await forUsers(userIds, (chunk) =>
          supabase.from('skill_totals').select('*').in('user_id', chunk),
        )
      ).flatMap(statsRow);
    },
    /**
     * Which lessons (every check item answered) and scenarios (an ending reached; assessed or
     * not) each person has done, as the server derived them from its own records.
     */
    async completions(userIds: readonly string[]): Promise<Completion[]> {
      return (
        await forUsers(userIds, (chunk) =>
          supabase
            .from('learner_completions')
            .select('user_id, item_kind, item_id, first_assessed_at')
            .in('user_id', chunk),
        )
      ).flatMap((row) =>
        row.user_id === null || row.item_kind === null || row.item_id === null
          ? []
          : [
              {
                user_id: row.user_id,
                item_id: row.item_id,
                item_kind: oneOf(
                  PROGRAMME_ITEM_KINDS,
                  row.item_kind,
                  'learner_completions.item_kind',
                ),
                assessed: row.first_assessed_at !== null,
              },
            ],
      );
    },
  };
}
