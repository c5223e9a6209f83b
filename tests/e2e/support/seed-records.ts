import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { loadAllContent } from '../../../src/library/check-content';
import { loadSkills } from '../../../src/library/content';
import type { ActivityRecord } from '../../../src/domain/activity/record';
import { simulateActivity } from '../../../src/domain/scoring/validation/activity';
import { measuredSkills } from '../../../src/domain/skills/skill';

/**
 * A learner's progress export with `count` records (scenario choices and check answers of
 * one simulated learner on this library, the last ending now): what the profile shows
 * someone who has practised a lot, seeded through the profile's own import.
 */
export function progressExport(count: number): string {
  const root = process.cwd();
  const content = loadAllContent(root);
  const skills = measuredSkills(loadSkills(root).skills).map((skill) => skill.id);
  const activity = simulateActivity(
    {
      scenarios: content.scenarios.map((entry) => entry.scenario),
      lessons: content.lessons.map((lesson) => ({
        id: lesson.id,
        check: lesson.frontmatter.check,
      })),
    },
    skills,
    { learners: 1, seed: 11, days: 60, plays: 60, lessons: 26 },
  );
  const records: ActivityRecord[] = activity.map((entry) => entry.record).slice(0, count);
  if (records.length < count) throw new Error(`only ${records.length} simulated records`);
  // Move the activity so it ends now (recent evidence, as a current learner's would be).
  const shift = Date.now() - Math.max(...records.map((record) => Date.parse(record.at)));
  const attempts = new Map<string, string>();
  return JSON.stringify({
    format: 'casecraft-progress',
    version: 1,
    exportedAt: new Date().toISOString(),
    records: records.map((record) => ({
      ...record,
      id: randomUUID(),
      at: new Date(Date.parse(record.at) + shift).toISOString(),
      ...('attemptId' in record && record.attemptId
        ? {
            attemptId:
              attempts.get(record.attemptId) ??
              attempts.set(record.attemptId, randomUUID()).get(record.attemptId)!,
          }
        : {}),
    })),
  });
}

/** Imports a progress export on the profile page and waits until it is in. */
export async function seedProfile(page: Page, count: number): Promise<void> {
  await page.goto('/profile/');
  await page.locator('input[type=file]').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(progressExport(count)),
  });
  await page.getByText(/Imported \d+ new records/).waitFor();
}
