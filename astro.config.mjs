// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { contentCheck } from './src/build/content-check-integration.ts';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [contentCheck(), mdx(), react()],
  server: { port: 4321, host: '127.0.0.1' },
});
