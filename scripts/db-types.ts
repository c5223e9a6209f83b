/**
 * `npm run db:types`: regenerates src/services/backend/database.types.ts from the migrations
 * (see supabase/local/database-types.ts). `-- --check` only reports whether it is current
 * (exit 1 when not); the unit tests run the same check.
 */
import { writeFileSync } from 'node:fs';
import {
  checkedInDatabaseTypes,
  DATABASE_TYPES_FILE,
  generateDatabaseTypes,
} from '../supabase/local/database-types';

const generated = await generateDatabaseTypes();
const current = checkedInDatabaseTypes() === generated;
if (process.argv.includes('--check')) {
  console.log(
    current
      ? `${DATABASE_TYPES_FILE} is current.`
      : `${DATABASE_TYPES_FILE} is out of date: run npm run db:types.`,
  );
  process.exit(current ? 0 : 1);
}
if (!current) writeFileSync(DATABASE_TYPES_FILE, generated);
console.log(
  current ? `${DATABASE_TYPES_FILE} was already current.` : `wrote ${DATABASE_TYPES_FILE}`,
);
