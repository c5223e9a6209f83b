import type { Backend } from '../backend/client';
import { EVIDENCE_FORMATS, type EvidenceFormat } from '../../domain/scoring/config';
import { emptySkillTotals, poolFormats, type SkillTotals } from '../../domain/scoring/statistics';
import { friendlyError } from '../backend/errors';

/**
 * Per-format statistics from the database, as the scoring engine's SkillTotals: the cohort
 * dashboard's one round trip (`cohort_statistics`) and rows of the `skill_format_totals` view.
 * The database keeps the same sums per learner × skill × response format that
 * `totalsAt` computes (a parity test holds them within 1e-9), so estimates made from them
 * are the ones the learner's own profile makes from her records.
 */

/** One learner × skill × format: its decayed S± and undecayed trend sums. */
export interface FormatSums {
  format: EvidenceFormat;
  sPlus: number;
  sMinus: number;
  W: number;
  Wt: number;
  Wy: number;
  Wtt: number;
  Wty: number;
  Wyy: number;
  events: number;
  /** Runs and run-level moments: only where the source has them (the view; not the dashboard). */
  runs?: number;
  nn?: number;
  an?: number;
  aa?: number;
  /** Latest evidence time (ms). */
  last?: number;
}

/** A skill's totals from its format rows: per format, and pooled as `totalsAt` pools them. */
export function skillTotalsFromFormats(parts: readonly FormatSums[]): SkillTotals {
  const totals = emptySkillTotals();
  const { formats } = totals;
  let last: number | undefined;
  for (const part of parts) {
    const into = formats[part.format];
    into.sPlus += part.sPlus;
    into.sMinus += part.sMinus;
    into.W += part.W;
    into.Wt += part.Wt;
    into.Wy += part.Wy;
    into.Wtt += part.Wtt;
    into.Wty += part.Wty;
    into.Wyy += part.Wyy;
    into.events += part.events;
    into.runs += part.runs ?? 0;
    into.nn += part.nn ?? 0;
    into.an += part.an ?? 0;
    into.aa += part.aa ?? 0;
    if (part.last !== undefined) last = Math.max(last ?? Number.NEGATIVE_INFINITY, part.last);
  }
  return poolFormats({ ...totals, ...(last === undefined ? {} : { last }) }, formats);
}

/** A row of the `skill_format_totals` view. */
export interface FormatTotalsRow {
  user_id: string;
  skill_id: string;
  format: EvidenceFormat;
  s_plus: number;
  s_minus: number;
  sw: number;
  swt: number;
  swy: number;
  swtt: number;
  swty: number;
  swyy: number;
  events: number;
  runs: number;
  snn: number;
  sna: number;
  saa: number;
  last_at: string | null;
}

export const formatSumsFromRow = (row: FormatTotalsRow): FormatSums => ({
  format: row.format,
  sPlus: row.s_plus,
  sMinus: row.s_minus,
  W: row.sw,
  Wt: row.swt,
  Wy: row.swy,
  Wtt: row.swtt,
  Wty: row.swty,
  Wyy: row.swyy,
  events: row.events,
  runs: row.runs,
  nn: row.snn,
  an: row.sna,
  aa: row.saa,
  ...(row.last_at ? { last: Date.parse(row.last_at) } : {}),
});

/** Per learner, per skill: totals. */
export type LearnerTotals = Map<string, Map<string, SkillTotals>>;

function groupTotals(rows: Iterable<[learner: string, skill: string, sums: FormatSums]>) {
  const parts = new Map<string, Map<string, FormatSums[]>>();
  for (const [learner, skill, sums] of rows) {
    let skills = parts.get(learner);
    if (!skills) parts.set(learner, (skills = new Map<string, FormatSums[]>()));
    let list = skills.get(skill);
    if (!list) skills.set(skill, (list = []));
    list.push(sums);
  }
  const totals: LearnerTotals = new Map();
  for (const [learner, skills] of parts)
    totals.set(
      learner,
      new Map([...skills].map(([skill, list]) => [skill, skillTotalsFromFormats(list)])),
    );
  return totals;
}

/** Totals per learner and skill from rows of `skill_format_totals`. */
export const totalsFromFormatRows = (rows: readonly FormatTotalsRow[]): LearnerTotals =>
  groupTotals(rows.map((row) => [row.user_id, row.skill_id, formatSumsFromRow(row)]));

/** What `cohort_statistics` answers: totals per learner and skill, and when they were decayed to. */
export interface CohortStatistics {
  /** The instant S± are decayed to (ms): score anything else at this time to compare. */
  at: number;
  totals: LearnerTotals;
}

export class CohortStatisticsError extends Error {}

/** The whole-number columns of `cohort_statistics`, one entry per learner × skill × format row. */
const INDEX_COLUMNS = ['learner', 'skill', 'format', 'events', 'last_at_ms'] as const;
/** The float8 sums of each row, in the order `columns.sums` packs them. */
const SUMS = ['sPlus', 'sMinus', 'W', 'Wt', 'Wy', 'Wtt', 'Wty', 'Wyy'] as const;
const ROW_BYTES = SUMS.length * 8;

/** The bytes of a base64 string (no line breaks), or null when it is not base64. */
function base64Bytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const isIndex = (value: unknown, size: number): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < size;

/**
 * Reads the JSON document of `cohort_statistics` (shape: migration 20261203180100 —
 * dictionaries of learners and skills, whole-number columns, and each row's eight sums as
 * big-endian float8 bytes in one base64 string), checking as it goes.
 */
export function decodeCohortStatistics(document: unknown): CohortStatistics {
  const fail = (what: string): never => {
    throw new CohortStatisticsError(`The cohort's statistics came back malformed (${what}).`);
  };
  if (typeof document !== 'object' || document === null) return fail('not an object');
  const { at_ms: at, learners, skills, formats, columns } = document as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) return fail('no at_ms');
  if (!Array.isArray(learners) || !learners.every((id) => typeof id === 'string'))
    return fail('no learners');
  if (!Array.isArray(skills) || !skills.every((id) => typeof id === 'string'))
    return fail('no skills');
  if (!Array.isArray(formats) || formats.join() !== EVIDENCE_FORMATS.join())
    return fail(`formats ${JSON.stringify(formats)}`);
  if (typeof columns !== 'object' || columns === null) return fail('no columns');
  const named = columns as Record<string, unknown>;
  const keys = Object.keys(named).sort().join();
  if (keys !== [...INDEX_COLUMNS, 'sums'].sort().join()) return fail(`columns ${keys}`);
  const [learner, skill, format, events, last] = INDEX_COLUMNS.map((name) => {
    const column = named[name];
    return Array.isArray(column) ? (column as unknown[]) : fail(`${name} is not a list`);
  }) as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const count = learner.length;
  if ([skill, format, events, last].some((column) => column.length !== count))
    return fail('columns of different lengths');
  const bytes = typeof named.sums === 'string' ? base64Bytes(named.sums) : null;
  if (!bytes || bytes.length !== count * ROW_BYTES) return fail('sums do not match the rows');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: [string, string, FormatSums][] = [];
  for (let row = 0; row < count; row++) {
    const [who, which, how, units, latest] = [
      learner[row],
      skill[row],
      format[row],
      events[row],
      last[row],
    ];
    if (!isIndex(who, learners.length) || !isIndex(which, skills.length))
      return fail('a row names no learner or skill');
    if (!isIndex(how, EVIDENCE_FORMATS.length)) return fail('a row names no format');
    if (!Number.isInteger(units) || !Number.isFinite(latest))
      return fail('a count is not a number');
    const sums = SUMS.map((_, index) => view.getFloat64(row * ROW_BYTES + index * 8, false));
    if (!sums.every(Number.isFinite)) return fail('a statistic is not a finite number');
    const [sPlus, sMinus, W, Wt, Wy, Wtt, Wty, Wyy] = sums as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    rows.push([
      learners[who] as string,
      skills[which] as string,
      {
        format: EVIDENCE_FORMATS[how]!,
        sPlus,
        sMinus,
        W,
        Wt,
        Wy,
        Wtt,
        Wty,
        Wyy,
        events: units as number,
        last: latest as number,
      },
    ]);
  }
  return { at, totals: groupTotals(rows) };
}

/**
 * A cohort's statistics in one round trip: every learner × skill × format of its learners,
 * for the cohort's supervisors and its agency's admins (anyone else gets an error).
 */
export async function loadCohortStatistics(
  supabase: Backend,
  cohortId: string,
): Promise<CohortStatistics> {
  const { data, error } = (await supabase.rpc('cohort_statistics', { cohort_id: cohortId })) as {
    data: unknown;
    error: { message: string } | null;
  };
  if (error) throw new CohortStatisticsError(friendlyError(error));
  return decodeCohortStatistics(data);
}
