import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeItem } from '../../../tests/support/audit-items';
import { CUES, LENGTH_POSITIONS, lengthPositions, onlyOptionWith, speech } from './cues';

const cue = (id: string) => CUES.find((entry) => entry.id === id)!;
const hasCue = (id: string, text: string, others: string[] = ['A plain option.']) => {
  const item = makeItem('g', 'i', [text, ...others]);
  return cue(id).test(item.options[0]!, item);
};

describe('length positions', () => {
  it('place options from the longest to the shortest', () => {
    const item = makeItem('g', 'i', [
      'x'.repeat(40),
      'x'.repeat(30),
      'x'.repeat(20),
      'x'.repeat(10),
    ]);
    expect(item.options.map((option) => lengthPositions(item, option))).toEqual([
      { longest: 1, 'second-longest': 0, 'third-longest': 0, shortest: 0 },
      { longest: 0, 'second-longest': 1, 'third-longest': 0, shortest: 0 },
      { longest: 0, 'second-longest': 0, 'third-longest': 1, shortest: 0 },
      { longest: 0, 'second-longest': 0, 'third-longest': 0, shortest: 1 },
    ]);
  });

  it('split tied options over the positions they share', () => {
    // The review's `even-tone`: 83/81/81, the key ties for shortest and second-longest.
    const item = makeItem('g', 'i', ['x'.repeat(81), 'x'.repeat(83), 'x'.repeat(81)]);
    expect(lengthPositions(item, item.options[0]!)).toEqual({
      longest: 0,
      'second-longest': 0.5,
      'third-longest': 0,
      shortest: 0.5,
    });
  });

  it('always give each option shares that sum to one, and each position one option in all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 3, maxLength: 4 }),
        (lengths) => {
          const item = makeItem(
            'g',
            'i',
            lengths.map((length) => 'x'.repeat(length)),
          );
          const shares = item.options.map((option) => lengthPositions(item, option));
          for (const share of shares)
            expect(
              LENGTH_POSITIONS.reduce((sum, position) => sum + share[position], 0),
            ).toBeCloseTo(1, 9);
          for (const position of LENGTH_POSITIONS) {
            const total = shares.reduce((sum, share) => sum + share[position], 0);
            const used = position !== 'third-longest' || lengths.length === 4;
            expect(total).toBeCloseTo(used ? 1 : 0, 9);
          }
        },
      ),
    );
  });
});

describe('cues', () => {
  it('read openings through an opening quote mark', () => {
    expect(speech('“You’re furious.”')).toBe('You’re furious.”');
    expect(
      hasCue(
        'second-person-opening',
        '“You’re furious, and it sounds like this has happened before.”',
      ),
    ).toBe(true);
    expect(hasCue('first-person-opening', "I'll call you Friday.")).toBe(true);
    expect(hasCue('sounds-like-opening', 'It sounds like the week has been long.')).toBe(true);
    expect(hasCue('sounds-like-opening', 'Sounds like a lot.')).toBe(true);
    expect(hasCue('we-opening', "Let's look at it together.")).toBe(true);
  });

  it('find questions, feelings, hedges and reassurance', () => {
    expect(hasCue('question', 'What happened?')).toBe(true);
    expect(hasCue('ends-question', 'What happened?”')).toBe(true);
    expect(hasCue('ends-question', 'Is that okay? Then we start.')).toBe(false);
    expect(hasCue('names-feeling', 'That sounds frightening.')).toBe(true);
    expect(hasCue('feeling-opening', 'Scared. Say more.')).toBe(true);
    expect(hasCue('hedge', 'Maybe we could look at it.')).toBe(true);
    expect(hasCue('reassurance', "Don’t worry, it'll be fine.")).toBe(true);
    expect(hasCue('honestly', 'Honestly, that is not my call.')).toBe(true);
    expect(hasCue('understanding-check', 'Does that make sense?')).toBe(true);
    expect(hasCue('teach-back', 'Tell me in your own words what you will do tonight.')).toBe(true);
    expect(hasCue('acronym', 'The TTD is suspended.')).toBe(true);
    expect(hasCue('acronym', 'I think so. OK.')).toBe(false);
  });

  it('tell names from sentence openings', () => {
    expect(hasCue('names-person', 'Thank him, then turn to Mrs. Adeyemi.')).toBe(true);
    expect(hasCue('names-person', 'Ask what Tobi needs.')).toBe(true);
    expect(hasCue('names-person', 'Ask what he needs. Then wait.')).toBe(false);
    expect(hasCue('names-person', 'I will call on Monday.')).toBe(false);
  });

  it('find the one option in an item that carries a cue', () => {
    const item = makeItem('g', 'i', ['What happened?', 'Tell me.', 'Go on.']);
    expect(onlyOptionWith(cue('question'), item.options[0]!, item)).toBe(true);
    const two = makeItem('g', 'i', ['What happened?', 'And then?', 'Go on.']);
    expect(onlyOptionWith(cue('question'), two.options[0]!, two)).toBe(false);
  });
});
