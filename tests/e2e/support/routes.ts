import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every page in the built site (`dist/`), as URL paths: the axe scan covers them all. */
export function builtRoutes(dist = 'dist'): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name === 'index.html') {
        const route = relative(dist, dir).split(sep).join('/');
        routes.push(route ? `/${route}/` : '/');
      }
    }
  };
  walk(dist);
  return routes.sort();
}
