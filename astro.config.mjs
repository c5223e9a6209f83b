// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { satteri } from '@astrojs/markdown-satteri';
import { contentCheck } from './src/integrations/content-check-integration.ts';
import { loadGlossary } from './src/library/content.ts';
import { glossaryLinks } from './src/integrations/glossary-links.ts';

const glossary = loadGlossary(process.cwd()).terms;

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [contentCheck(), mdx(), react()],
  // Lessons link the first use of each glossary term to its entry.
  markdown: { processor: satteri({ hastPlugins: [glossaryLinks(glossary)] }) },
  server: { port: 4321, host: '127.0.0.1' },
  // Astro 7's default ('jsx') drops a line break between text and an inline element
  // ("Play in\n<strong>practice</strong>" became "Play inpractice"); `true` compresses
  // losslessly, keeping the space the line break stands for. `npm test` checks the built
  // HTML for the pattern (tests/e2e/spacing.spec.ts).
  compressHTML: true,
});
