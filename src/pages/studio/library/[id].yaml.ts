import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { CONTENT_PATHS } from '../../../library/content';
import { getScenarios } from '../../../site/catalogue';

/** Each library scenario's YAML as written, for the studio's "copy to edit". */
export async function getStaticPaths() {
  return (await getScenarios()).map((scenario) => ({
    params: { id: scenario.id },
    props: {
      file: [`${scenario.id}.yaml`, `${scenario.id}.yml`]
        .map((name) => `${CONTENT_PATHS.scenarios}/${scenario.setting}/${name}`)
        .find((file) => existsSync(join(process.cwd(), file)))!,
    },
  }));
}

export const GET: APIRoute<{ file: string }> = ({ props }) =>
  new Response(readFileSync(join(process.cwd(), props.file), 'utf8'), {
    headers: { 'Content-Type': 'application/yaml; charset=utf-8' },
  });
