import type { APIRoute, GetStaticPaths } from 'astro';
import type { ScoringPart } from '../../../services/scoring-parts';
import { scoringParts } from '../../../site/scoring-parts';

/** One scenario's nodes or one lesson's check items, under a content-hashed name. */
export const getStaticPaths = (async () =>
  (await scoringParts()).parts.map((part) => ({
    params: { file: part.file },
    props: { body: part.body },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ body: ScoringPart }> = ({ props }) =>
  new Response(JSON.stringify(props.body), { headers: { 'Content-Type': 'application/json' } });
