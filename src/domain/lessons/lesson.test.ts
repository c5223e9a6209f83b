import { describe, expect, it } from 'vitest';
import {
  checkLessonSet,
  lessonFrontmatterSchema,
  lessonNeighbours,
  lessonSequence,
} from './lesson';

const validItem = (id: string) => ({
  id,
  skill: 'communication',
  prompt: 'Which reply is an open question?',
  options: [
    { id: 'a', text: 'Are you okay?', feedback: 'A yes/no question closes the door.' },
    {
      id: 'b',
      text: 'What has this week been like?',
      correct: true,
      feedback: 'Invites their own account.',
    },
    { id: 'c', text: 'Did you call them?', feedback: 'Closed, and a hidden instruction.' },
  ],
});

const validLesson = () => ({
  title: 'Active listening',
  skill: 'communication',
  order: 1,
  level: 'introductory',
  summary: 'Listening so the client feels heard and you learn what matters.',
  estimatedMinutes: 15,
  objectives: [
    'Ask open questions first.',
    'Reflect meaning, not just words.',
    'Summarise so the client can correct you.',
  ],
  scenarios: [],
  check: [validItem('one'), validItem('two'), validItem('three'), validItem('four')],
});

const context = { skillIds: ['communication', 'ethics'], scenarioIds: ['housing-eviction'] };
const messages = (input: unknown) => {
  const result = lessonFrontmatterSchema(context).safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('lessonFrontmatterSchema', () => {
  it('accepts a complete lesson and defaults correct to false', () => {
    const result = lessonFrontmatterSchema(context).parse(validLesson());
    expect(result.check[0]?.options[0]?.correct).toBe(false);
    expect(result.check[0]?.options[1]?.correct).toBe(true);
  });

  it('names an unknown skill and lists the known ones', () => {
    expect(messages({ ...validLesson(), skill: 'listening' })).toEqual([
      'skill: unknown skill "listening" (known: communication, ethics)',
    ]);
  });

  it('names an unknown scenario', () => {
    expect(messages({ ...validLesson(), scenarios: ['housing-eviction', 'nope'] })).toEqual([
      'scenarios.1: unknown scenario "nope" (known: housing-eviction)',
    ]);
  });

  it('names a missing field', () => {
    const { summary: _summary, ...rest } = validLesson();
    expect(messages(rest)).toEqual(['summary: Invalid input: expected string, received undefined']);
  });

  it('refuses an item with no correct option or two correct options', () => {
    const lesson = validLesson();
    lesson.check[0] = {
      ...validItem('one'),
      options: validItem('one').options.map((o) => ({ ...o, correct: false })),
    };
    lesson.check[1] = {
      ...validItem('two'),
      options: validItem('two').options.map((o) => ({ ...o, correct: true })),
    };
    expect(messages(lesson)).toEqual([
      'check.0.options: item "one" must have exactly one correct option (has 0)',
      'check.1.options: item "two" must have exactly one correct option (has 3)',
    ]);
  });

  it('refuses an option without feedback', () => {
    const lesson = validLesson();
    const item = validItem('one');
    item.options[2] = { id: 'c', text: 'Did you call them?', feedback: '' };
    lesson.check[0] = item;
    expect(messages(lesson)).toEqual([
      'check.0.options.2.feedback: every option needs its own feedback (10+ characters)',
    ]);
  });

  it('refuses repeated item ids and too few objectives', () => {
    const lesson = { ...validLesson(), objectives: ['Only one objective here.'] };
    lesson.check[1] = validItem('one');
    expect(messages(lesson)).toEqual([
      'objectives: Too small: expected array to have >=3 items',
      'check: repeats item id "one"',
    ]);
  });
});

describe('checkLessonSet', () => {
  it('flags a duplicate order within a skill and a folder that disagrees with the skill', () => {
    const issues = checkLessonSet([
      { file: 'a.mdx', id: 'communication/a', frontmatter: { skill: 'communication', order: 1 } },
      { file: 'b.mdx', id: 'communication/b', frontmatter: { skill: 'communication', order: 1 } },
      { file: 'c.mdx', id: 'ethics/c', frontmatter: { skill: 'communication', order: 2 } },
      { file: 'd.mdx', id: 'ethics/d', frontmatter: { skill: 'ethics', order: 1 } },
    ]);
    expect(issues).toEqual([
      {
        file: 'b.mdx',
        field: 'order',
        message: 'order 1 is already used by a.mdx in skill "communication"',
      },
      {
        file: 'c.mdx',
        field: 'skill',
        message: 'skill "communication" does not match the folder "ethics"',
      },
    ]);
  });
});

describe('lesson order helpers', () => {
  const lessons = [
    { id: 'c/two', skill: 'c', order: 2 },
    { id: 'e/one', skill: 'e', order: 1 },
    { id: 'c/one', skill: 'c', order: 1 },
    { id: 'c/three', skill: 'c', order: 3 },
  ];
  it('orders a skill by order', () => {
    expect(lessonSequence(lessons, 'c').map((lesson) => lesson.id)).toEqual([
      'c/one',
      'c/two',
      'c/three',
    ]);
  });
  it('finds neighbours only inside the skill', () => {
    expect(lessonNeighbours(lessons, 'c/one')).toEqual({ previous: undefined, next: lessons[0] });
    expect(lessonNeighbours(lessons, 'c/three').next).toBeUndefined();
    expect(lessonNeighbours(lessons, 'e/one')).toEqual({ previous: undefined, next: undefined });
    expect(lessonNeighbours(lessons, 'missing')).toEqual({});
  });
});
