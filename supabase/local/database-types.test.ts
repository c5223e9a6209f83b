import { expect, it } from 'vitest';
import {
  checkedInDatabaseTypes,
  DATABASE_TYPES_FILE,
  generateDatabaseTypes,
} from './database-types';

it('the checked-in Database types are current with the migrations (else: npm run db:types)', async () => {
  const generated = await generateDatabaseTypes();
  expect(
    checkedInDatabaseTypes() === generated,
    `${DATABASE_TYPES_FILE} is out of date: run npm run db:types and commit it`,
  ).toBe(true);
}, 120_000);
