/**
 * Part of `npm run build`: with PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY set (a hosted
 * Supabase project), writes dist/supabase-config.json so the static site talks to it. Without
 * them the site runs self-study only, and `npm start` writes the file for the local stack.
 */
import { writeFileSync } from 'node:fs';

const url = process.env.PUBLIC_SUPABASE_URL;
const anonKey = process.env.PUBLIC_SUPABASE_ANON_KEY;
if (url && anonKey) {
  writeFileSync('dist/supabase-config.json', JSON.stringify({ url, anonKey }));
  console.log(`backend config: ${url}`);
}
