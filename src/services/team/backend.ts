import type { Backend } from '../backend/client';
import type { Database } from '../backend/database.types';
import { friendlyError } from '../backend/errors';

/**
 * What the team services share: the typed client, row types from the generated schema, and
 * one way to unwrap a result. Every read and write goes through supabase-js and row-level
 * security: what a call returns is exactly what the signed-in person may see.
 */

export type { Backend };
type Public = Database['public'];
export type TableRow<T extends keyof Public['Tables']> = Public['Tables'][T]['Row'];
export type ViewRow<T extends keyof Public['Views']> = Public['Views'][T]['Row'];

export class TeamError extends Error {}

/** A supabase-js result's data, or a readable error. */
export function unwrap<T>(result: { data: T | null; error: { message: string } | null }): T {
  if (result.error) throw new TeamError(friendlyError(result.error));
  if (result.data === null) throw new TeamError('The server sent no answer for this request.');
  return result.data;
}

/** A write's result: nothing, or a readable error. */
export function done(result: { error: { message: string } | null }): void {
  if (result.error) throw new TeamError(friendlyError(result.error));
}

/** Rows for many people, 100 ids per request (URLs stay short). */
export async function forUsers<T>(
  userIds: readonly string[],
  fetch: (chunk: string[]) => PromiseLike<{ data: T[] | null; error: { message: string } | null }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < userIds.length; start += 100)
    rows.push(...unwrap(await fetch(userIds.slice(start, start + 100))));
  return rows;
}
