import { describe, expect, it } from 'vitest';
import { aliasPattern, firstTermIn, glossarySchema } from './glossary';

const terms = [
  { id: 'oars', aliases: ['OARS'] },
  { id: 'teach-back', aliases: ['teach-back'] },
  { id: 'complex-reflection', aliases: ['complex reflection', 'complex reflections'] },
];

describe('glossary', () => {
  it('matches whole words in any case, not inside other words or hyphenated ids', () => {
    expect(aliasPattern({ aliases: ['OARS'] }).test('Use oars today')).toBe(true);
    expect(aliasPattern({ aliases: ['OARS'] }).test('boars and oarsmen')).toBe(false);
    expect(
      aliasPattern({ aliases: ['teach-back'] }).test('explaining-clearly-teach-back-page'),
    ).toBe(false);
  });

  it('finds the earliest unlinked term, preferring the longer alias', () => {
    expect(firstTermIn('Try a complex reflections set, then OARS.', terms, new Set())).toEqual({
      id: 'complex-reflection',
      index: 6,
      match: 'complex reflections',
    });
    expect(
      firstTermIn('Try a complex reflection, then OARS.', terms, new Set(['complex-reflection'])),
    ).toEqual({ id: 'oars', index: 31, match: 'OARS' });
    expect(firstTermIn('Nothing here.', terms, new Set())).toBeUndefined();
  });

  it('refuses a repeated id', () => {
    const term = {
      id: 'a',
      term: 'A term',
      definition: 'A definition long enough.',
      aliases: ['a term'],
      lessons: ['x/y'],
    };
    const result = glossarySchema().safeParse({ terms: [term, term] });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([
      'duplicate term id "a"',
    ]);
  });
});
