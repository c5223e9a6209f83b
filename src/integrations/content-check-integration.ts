import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkAllContent } from '../library/check-content';
import { formatIssue } from '../library/yaml-source';

/**
 * Stops `astro build` and `astro dev` when any lesson, scenario or the skills taxonomy is
 * invalid, printing each problem with its file, line and field. The same checks run in
 * `npm run check:content`.
 */
export function contentCheck(): AstroIntegration {
  return {
    name: 'casecraft:content-check',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const report = checkAllContent(fileURLToPath(config.root));
        const errors = report.issues.filter((issue) => issue.severity !== 'warning');
        for (const warning of report.issues.filter((issue) => issue.severity === 'warning')) {
          logger.warn(formatIssue(warning));
        }
        if (errors.length > 0) {
          throw new Error(
            `Content check failed with ${errors.length} error(s):\n${errors.map(formatIssue).join('\n')}`,
          );
        }
        logger.info(`content ok: ${report.summary}`);
      },
    },
  };
}
