/**
 * `npm run db:catalogue [-- --out FILE]`: the SQL that publishes this repository's skills,
 * lessons and scenario versions to the database catalogue (idempotent; old scenario
 * versions stay). For a hosted Supabase project:
 *   npm run db:catalogue -- --out catalogue.sql && psql "$DATABASE_URL" -f catalogue.sql
 * The embedded stack applies the same statements itself on every start.
 */
import { writeFileSync } from 'node:fs';
import { loadAllContent } from '../src/library/check-content';
import { catalogueStatements } from '../src/publish/catalogue-sql';
import { loadSkills } from '../src/library/content';
import { formatIssue } from '../src/library/yaml-source';

const root = process.cwd();
const content = loadAllContent(root);
const errors = content.issues.filter((issue) => issue.severity !== 'warning');
if (errors.length > 0) {
  for (const issue of errors) console.error(formatIssue(issue));
  console.error(`Not publishing: ${errors.length} content error(s).`);
  process.exit(1);
}
const sql = `begin;\n${catalogueStatements({ skills: loadSkills(root).skills, lessons: content.lessons, scenarios: content.scenarios.map((entry) => entry.scenario) }).join('\n')}\ncommit;\n`;
const index = process.argv.indexOf('--out');
if (index >= 0 && process.argv[index + 1]) {
  writeFileSync(process.argv[index + 1]!, sql);
  console.error(
    `Wrote ${process.argv[index + 1]} (${content.scenarios.length} scenarios, ${content.lessons.length} lessons, ${(sql.length / 1024).toFixed(0)} KiB).`,
  );
} else {
  process.stdout.write(sql);
}
