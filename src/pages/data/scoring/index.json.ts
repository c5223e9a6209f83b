import type { APIRoute } from 'astro';
import { scoringParts } from '../../../site/scoring-parts';

/** The profile's scoring index: skills and every scenario's and lesson's summary. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify((await scoringParts()).index), {
    headers: { 'Content-Type': 'application/json' },
  });
