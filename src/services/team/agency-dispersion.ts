import type { Backend } from '../backend/client';
import { EVIDENCE_FORMATS, SCORING_CONFIG, type ScoringConfig } from '../../domain/scoring/config';
import {
  emptyDispersionData,
  estimateDispersion,
  type DispersionData,
  type DispersionEstimate,
} from '../../domain/scoring/dispersion';
import { friendlyError } from '../backend/errors';

/**
 * An agency's dispersion φ per response format, estimated from its own learners: the database
 * sums each format's method-of-moments terms over the agency's learner × skill cells
 * (`agency_dispersion`: aggregates only, for the agency's admins) and this shrinks them
 * towards the configured prior (`estimateDispersion`). Nothing is stored: the estimate is
 * made on demand from the agency's statistics as they stand (docs/scoring-model.md).
 */

/** A row of `agency_dispersion`. */
export interface AgencyDispersionRow {
  format: string;
  numerator: number;
  denominator: number;
  /** Σ(runs − 1) over the cells counted: the estimate's effective n. */
  df: number;
  /** Learner × skill cells counted. */
  cells: number;
}

export class AgencyDispersionError extends Error {}

export function dispersionDataFromRows(rows: readonly AgencyDispersionRow[]): DispersionData {
  const data = emptyDispersionData();
  for (const row of rows) {
    const format = EVIDENCE_FORMATS.find((candidate) => candidate === row.format);
    if (!format) throw new AgencyDispersionError(`Unknown response format "${row.format}".`);
    const values = [row.numerator, row.denominator, row.df].map(Number);
    if (!values.every((value) => Number.isFinite(value) && value >= 0))
      throw new AgencyDispersionError(`The dispersion sums of "${row.format}" are not valid.`);
    const [numerator, denominator, df] = values as [number, number, number];
    data[format] = { numerator, denominator, df };
  }
  return data;
}

export async function loadAgencyDispersion(
  supabase: Backend,
  organisationId: string,
  config: ScoringConfig = SCORING_CONFIG,
): Promise<DispersionEstimate> {
  const { data, error } = (await supabase.rpc('agency_dispersion', {
    organisation_id: organisationId,
  })) as { data: AgencyDispersionRow[] | null; error: { message: string } | null };
  if (error) throw new AgencyDispersionError(friendlyError(error));
  return estimateDispersion(dispersionDataFromRows(data ?? []), config);
}
