import { expect, test, type Frame, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import xapiValidation from '@learninglocker/xapi-validation';
import { choiceTotal } from '../../src/domain/lms/score';
import { XAPI_EXTENSIONS } from '../../src/domain/lms/xapi';
import {
  availableChoices,
  choose,
  isEnding,
  startPosition,
} from '../../src/domain/scenario/runtime';
import type { PublishedScenario } from '../../src/domain/scenario/schema';
import { expectNoAxeViolations } from './support/axe';
import {
  buildPackages,
  startTestLms,
  type BuiltPackage,
  type TestLms,
} from './support/lms-harness';

/**
 * LMS packages in a test LMS: scorm-again (Scorm12API, Scorm2004API) as the SCORM runtime,
 * a minimal LRS for cmi5. Packages are built once by the CLI, played by keyboard, reloaded
 * mid-way to resume from suspend data, and the committed CMI data / statements asserted.
 */

const SCENARIO = 'taufa-diabetes';
const validate = ((xapiValidation as unknown as { default?: unknown }).default ??
  xapiValidation) as (statement: unknown) => unknown[];

let packages: Record<string, BuiltPackage>;
let lms: TestLms;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(240_000);
  packages = await buildPackages(SCENARIO, ['scorm12', 'scorm2004', 'cmi5']);
  lms = await startTestLms(packages);
});
test.afterAll(async () => lms?.close());

/** The choice ids of the path that always takes the best (or worst) evidence on offer. */
function greedyPath(
  scenario: PublishedScenario,
  best: boolean,
): { ids: string[]; texts: string[] } {
  let position = startPosition(scenario).position;
  const ids: string[] = [];
  const texts: string[] = [];
  while (!isEnding(scenario, position)) {
    const [choice] = availableChoices(scenario, position).sort((a, b) =>
      best ? choiceTotal(b) - choiceTotal(a) : choiceTotal(a) - choiceTotal(b),
    );
    ids.push(choice!.id);
    texts.push(choice!.text);
    position = choose(scenario, position, choice!.id).position;
  }
  return { ids, texts };
}

/** Plays decisions `from`…`to` by keyboard: the number key of the option with the path's text. */
async function playByKeyboard(
  page: Page,
  frame: Frame,
  texts: readonly string[],
  from: number,
  to: number,
) {
  for (let index = from; index < to; index++) {
    await expect(frame.getByText(`Decision ${index + 1}`, { exact: true })).toBeVisible();
    const options = await frame.locator('.choices button.choice').allInnerTexts();
    const position = options.findIndex((text) => text.includes(texts[index]!));
    expect(position, `option "${texts[index]}" on offer`).toBeGreaterThanOrEqual(0);
    await page.keyboard.press(String(position + 1));
  }
}

async function startByKeyboard(page: Page, frame: Frame) {
  const start = frame.getByRole('button', { name: 'Start the conversation' });
  await start.focus();
  await page.keyboard.press('Enter');
}

const courseFrame = async (page: Page) => {
  const handle = await page.locator('#course').elementHandle();
  await expect.poll(async () => (await handle?.contentFrame())?.url() ?? '').toContain('/pkg/');
  return (await handle.contentFrame())!;
};

/** A value inside committed CMI data or a statement, by path (arrays and objects alike). */
const get = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[String(key)]
        : undefined,
    value,
  );
const text = (value: unknown, ...path: (string | number)[]): string => {
  const found = get(value, ...path);
  return typeof found === 'string' || typeof found === 'number' ? String(found) : '';
};
/** What scorm-again last committed for an LMS page (its cmi object). */
const committed = (name: string): unknown => lms.commits.get(name)?.cmi;
/** How many entries a committed list has (scorm-again writes arrays or index-keyed objects). */
const count = (list: unknown): number =>
  Array.isArray(list)
    ? list.length
    : Object.keys((list as object | undefined) ?? {}).filter((key) => /^\d+$/.test(key)).length;

for (const format of ['scorm12', 'scorm2004'] as const) {
  test(`${format}: keyboard play to an ending, resumed after a reload, passes with one interaction per decision`, async ({
    page,
  }) => {
    const pkg = packages[format]!;
    const scenario = pkg.config.scenario;
    const path = greedyPath(scenario, true);
    const name = `${format}-pass`;
    const half = Math.floor(path.ids.length / 2);

    await page.goto(`${lms.origin}/lms/${format}/${name}`);
    let frame = await courseFrame(page);
    await expect(frame.getByText(/recorded by your organisation/)).toBeVisible();
    await startByKeyboard(page, frame);
    await playByKeyboard(page, frame, path.texts, 0, half);
    await expect(frame.getByText(`Decision ${half + 1}`, { exact: true })).toBeVisible();
    // Wait until the LMS holds the place after the last decision, then reload mid-way.
    await expect.poll(() => count(get(committed(name), 'interactions'))).toBe(half);
    await expect.poll(() => text(committed(name), 'suspend_data').split('|')[5]?.length).toBe(half);

    await page.reload();
    frame = await courseFrame(page);
    await expect(frame.getByText('Welcome back: you are where you left off.')).toBeVisible();
    // Keys go to the focused frame: as a keyboard user would, move focus into the course.
    await frame.locator('.choices button.choice').first().focus();
    await playByKeyboard(page, frame, path.texts, half, path.ids.length);
    await expect(frame.getByRole('heading', { name: 'Debrief' })).toBeVisible();
    await expect.poll(() => count(get(committed(name), 'interactions'))).toBe(path.ids.length);

    const interactions = get(committed(name), 'interactions');
    const skills = Object.keys(pkg.config.evidenceRange);
    if (format === 'scorm12') {
      await expect.poll(() => text(committed(name), 'core', 'lesson_status')).toBe('passed');
      expect(get(committed(name), 'core', 'score')).toMatchObject({
        raw: '100',
        min: '0',
        max: '100',
      });
    } else {
      await expect.poll(() => text(committed(name), 'success_status')).toBe('passed');
      const done = committed(name);
      expect(text(done, 'completion_status')).toBe('completed');
      expect(get(done, 'score')).toMatchObject({ scaled: '1', raw: '100' });
      expect(text(done, 'progress_measure')).toBe('1');
    }
    for (const [index, choiceId] of path.ids.entries()) {
      const interaction = get(interactions, index);
      expect(text(interaction, 'type')).toBe('choice');
      expect(text(interaction, 'id')).toBe(
        `${scenario.id}.${startNodeOf(scenario, path.ids, index)}`,
      );
      if (format === 'scorm12') {
        const node = startNodeOf(scenario, path.ids, index);
        const letter = String.fromCharCode(
          97 + scenario.nodes[node]!.choices!.findIndex((c) => c.id === choiceId),
        );
        expect(text(interaction, 'student_response')).toBe(letter);
        expect(text(interaction, 'latency')).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      } else {
        expect(text(interaction, 'learner_response')).toBe(choiceId);
        expect(text(interaction, 'description').length).toBeGreaterThan(0);
        expect(text(interaction, 'latency')).toMatch(/^PT/);
      }
      expect(['correct', 'neutral']).toContain(text(interaction, 'result'));
    }
    const objectives = get(committed(name), 'objectives');
    expect(count(objectives)).toBe(skills.length);
    expect(skills.map((_, index) => text(objectives, index, 'id'))).toEqual(skills);
  });

  test(`${format}: a run below the mastery score fails`, async ({ page }) => {
    const pkg = packages[format]!;
    const path = greedyPath(pkg.config.scenario, false);
    const name = `${format}-fail`;
    await page.goto(`${lms.origin}/lms/${format}/${name}`);
    const frame = await courseFrame(page);
    await startByKeyboard(page, frame);
    await playByKeyboard(page, frame, path.texts, 0, path.ids.length);
    await expect(frame.getByRole('heading', { name: 'Debrief' })).toBeVisible();
    if (format === 'scorm12') {
      await expect.poll(() => text(committed(name), 'core', 'lesson_status')).toBe('failed');
      expect(Number(text(committed(name), 'core', 'score', 'raw'))).toBeLessThan(70);
    } else {
      await expect.poll(() => text(committed(name), 'success_status')).toBe('failed');
      expect(Number(text(committed(name), 'score', 'scaled'))).toBeLessThan(0.7);
    }
    expect(count(get(committed(name), 'interactions'))).toBe(path.ids.length);
  });
}

/** The decision node of step `index` along a path of choice ids. */
function startNodeOf(scenario: PublishedScenario, ids: readonly string[], index: number): string {
  let position = startPosition(scenario).position;
  for (const id of ids.slice(0, index)) position = choose(scenario, position, id).position;
  return position.node;
}

test('scorm12: suspend data the LMS cut short restarts the attempt with a notice', async ({
  page,
}) => {
  const name = 'scorm12-damaged';
  lms.seed(name, {
    suspend_data: 'c1|a0|1k|0123456789abcdef0123456789abcdef|3|01',
    core: { lesson_status: 'incomplete' },
  });
  await page.goto(`${lms.origin}/lms/scorm12/${name}`);
  const frame = await courseFrame(page);
  await expect(
    frame.getByText(
      /Your saved place could not be used \(.*checksum.*\), so this attempt starts from the beginning\./,
    ),
  ).toBeVisible();
  await startByKeyboard(page, frame);
  await expect(frame.getByText('Decision 1', { exact: true })).toBeVisible();
});

test('cmi5: launched, initialized, one answered per decision, completed, passed, terminated — every statement valid', async ({
  page,
}) => {
  const pkg = packages.cmi5!;
  const path = greedyPath(pkg.config.scenario, true);
  const registration = randomUUID();
  const half = Math.floor(path.ids.length / 2);
  const mine = () => lms.statements.filter((entry) => entry.registration === registration);

  await page.goto(lms.launchCmi5(pkg, registration));
  await expect(page.getByText(/recorded by your organisation/)).toBeVisible();
  await startByKeyboard(page, page.mainFrame());
  await playByKeyboard(page, page.mainFrame(), path.texts, 0, half);
  await expect.poll(() => mine().filter((entry) => entry.verb === 'answered').length).toBe(half);

  // Relaunch mid-way: the LMS launches a new session; the AU resumes from the State API.
  await page.goto(lms.launchCmi5(pkg, registration));
  await expect(page.getByText('Welcome back: you are where you left off.')).toBeVisible();
  await playByKeyboard(page, page.mainFrame(), path.texts, half, path.ids.length);
  await expect(page.getByRole('heading', { name: 'Debrief' })).toBeVisible();
  await expect.poll(() => mine().at(-1)?.verb).toBe('terminated');

  // Per launch session (the pagehide of the first may or may not deliver its terminated).
  const sessions = new Map<string, string[]>();
  for (const entry of mine()) {
    expect(entry.session, `${entry.verb} carries the session id`).toBeTruthy();
    sessions.set(entry.session!, [...(sessions.get(entry.session!) ?? []), entry.verb]);
  }
  const [first, second] = [...sessions.values()].map((verbs) => verbs.join(' '));
  expect(sessions.size).toBe(2);
  expect(first).toMatch(new RegExp(`^launched initialized( answered){${half}}( terminated)?$`));
  expect(second).toMatch(
    new RegExp(
      `^launched initialized( answered){${path.ids.length - half}} completed passed terminated$`,
    ),
  );
  for (const { statement } of mine())
    expect(validate(statement), JSON.stringify(statement)).toEqual([]);
  const answered = mine().filter((entry) => entry.verb === 'answered');
  expect(answered.map((entry) => text(entry.statement, 'result', 'response'))).toEqual(path.ids);
  for (const { statement } of answered) {
    const evidence = get(statement, 'result', 'extensions', XAPI_EXTENSIONS.evidence);
    expect(Object.keys(evidence as object).length).toBeGreaterThan(0);
  }
  const passed = mine().find((entry) => entry.verb === 'passed')!.statement;
  expect(get(passed, 'result', 'score', 'scaled')).toBe(1);
});

test('cmi5: a run below the mastery score sends failed', async ({ page }) => {
  const pkg = packages.cmi5!;
  const path = greedyPath(pkg.config.scenario, false);
  const registration = randomUUID();
  await page.goto(lms.launchCmi5(pkg, registration));
  await startByKeyboard(page, page.mainFrame());
  await playByKeyboard(page, page.mainFrame(), path.texts, 0, path.ids.length);
  const mine = () => lms.statements.filter((entry) => entry.registration === registration);
  await expect.poll(() => mine().at(-1)?.verb).toBe('terminated');
  expect(
    mine()
      .map((entry) => entry.verb)
      .slice(-3),
  ).toEqual(['completed', 'failed', 'terminated']);
  for (const { statement } of mine()) expect(validate(statement)).toEqual([]);
});

test('opened without an LMS (from disk): plays, says progress is not recorded, passes axe', async ({
  page,
}) => {
  const pkg = packages.scorm2004!;
  await page.goto(pathToFileURL(`${pkg.dir}/${pkg.href}`).href);
  await expect(
    page.getByText(
      'No learning management system is connected, so your progress is not being recorded.',
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'package without LMS');
  await startByKeyboard(page, page.mainFrame());
  const path = greedyPath(pkg.config.scenario, true);
  await playByKeyboard(page, page.mainFrame(), path.texts, 0, 2);
  await expect(page.getByText('Decision 3', { exact: true })).toBeVisible();
});

test('cmi5: an LMS that cannot be reached is said so, and the scenario still plays', async ({
  page,
}) => {
  const pkg = packages.cmi5!;
  const launch = new URL(lms.launchCmi5(pkg, randomUUID()));
  launch.searchParams.set('fetch', `${lms.origin}/lrs/no-such-endpoint`);
  await page.goto(launch.href);
  await expect(page.getByRole('alert')).toContainText('The LMS could not be reached (');
  await expect(page.getByRole('alert')).toContainText(
    'you can still play, but nothing is recorded.',
  );
  await startByKeyboard(page, page.mainFrame());
  await expect(page.getByText('Decision 1', { exact: true })).toBeVisible();
});

test('scorm2004 lesson: its text and check, every item answered by keyboard, resumed after a reload; completed and scored, one interaction per answer; passes axe', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lessonId = 'communication/active-listening-oars';
  const built = await buildPackages(lessonId, ['scorm2004'], 'lesson');
  const pkg = built.scorm2004!;
  const lessonLms = await startTestLms(built);
  try {
    const { items } = pkg.config;
    // Every item right but the last: (n − 1)/n, above the 0.7 mastery score for 4 or more items.
    const answers = items.map((item, index) =>
      item.options.findIndex((option) => option.correct === index < items.length - 1),
    );
    const name = 'scorm2004-lesson';
    /** What scorm-again last committed for the lesson's LMS page. */
    const held = (): unknown => lessonLms.commits.get(name)?.cmi;
    await page.goto(`${lessonLms.origin}/lms/scorm2004/${name}`);
    let frame = await courseFrame(page);
    await expect(frame.getByRole('heading', { name: 'Why it matters on the job' })).toBeVisible();
    await expect(frame.getByText(/recorded by your organisation/)).toBeVisible();
    await expect(frame.getByText(`0 of ${items.length} answered.`)).toBeVisible();
    await expectNoAxeViolations(page, 'packaged lesson in an LMS');

    /** Answers item `index` by keyboard: arrows through its options, Tab to the button, Enter. */
    const answerByKeyboard = async (index: number) => {
      const form = frame.locator('.knowledge-check form').nth(index);
      await form.getByRole('radio').first().focus();
      if (answers[index] === 0) await page.keyboard.press('Space');
      for (let step = 0; step < answers[index]!; step++) await page.keyboard.press('ArrowDown');
      await expect(form.getByRole('radio').nth(answers[index]!)).toBeChecked();
      await page.keyboard.press('Tab');
      await expect(form.getByRole('button', { name: 'Check answer' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(form.locator('.verdict')).toBeVisible();
    };

    const half = Math.floor(items.length / 2);
    for (let index = 0; index < half; index++) await answerByKeyboard(index);
    await expect.poll(() => count(get(held(), 'interactions'))).toBe(half);
    await expect
      .poll(() => text(held(), 'suspend_data').split('|')[2]?.replaceAll('-', '').length)
      .toBe(half);
    expect(text(held(), 'completion_status')).toBe('incomplete');

    await page.reload();
    frame = await courseFrame(page);
    await expect(frame.getByText(`${half} of ${items.length} answered.`)).toBeVisible();
    for (let index = half; index < items.length; index++) await answerByKeyboard(index);
    await expect(
      frame.getByText(`All ${items.length} answered: ${items.length - 1} correct.`),
    ).toBeVisible();

    await expect.poll(() => text(held(), 'completion_status')).toBe('completed');
    const done = held();
    expect(text(done, 'success_status')).toBe('passed');
    const scaled = (items.length - 1) / items.length;
    expect(Number(text(done, 'score', 'scaled'))).toBeCloseTo(scaled, 4);
    expect(text(done, 'score', 'raw')).toBe(String(Math.round(scaled * 100)));
    const interactions = get(done, 'interactions');
    expect(count(interactions)).toBe(items.length);
    for (const [index, item] of items.entries()) {
      const interaction = get(interactions, index);
      expect(text(interaction, 'id')).toBe(`${lessonId}.${item.id}`);
      expect(text(interaction, 'type')).toBe('choice');
      expect(text(interaction, 'learner_response')).toBe(item.options[answers[index]!]!.id);
      expect(text(interaction, 'result')).toBe(index < items.length - 1 ? 'correct' : 'incorrect');
    }
    await expectNoAxeViolations(page, 'packaged lesson, check answered');
  } finally {
    await lessonLms.close();
  }
});
