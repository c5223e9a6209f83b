import { describe, expect, it } from 'vitest';
import { countComponent, internalLinks, paragraphs, wordCount } from './prose';

const body = `## Why it matters

A client says they are fine. See [teach-back](/learn/communication/explaining-clearly-teach-back/) and the [glossary](/glossary/#oars).

<Exchange client="I am fine." weaker="Great!" stronger="You say fine, and you look tired.">
Naming what you see invites more.
</Exchange>

<Reflection id="r1" prompt="When did you last hear fine?" />

<KnowledgeCheck />
`;

describe('lesson prose measures', () => {
  it('counts prose words, including what components say, not their markup', () => {
    // heading 3, paragraph 11, Exchange attributes 3 + 1 + 7, its why 6, Reflection prompt 6 (not its id)
    expect(wordCount(body)).toBe(37);
  });

  it('counts components', () => {
    expect(countComponent(body, 'Exchange')).toBe(1);
    expect(countComponent(body, 'Reflection')).toBe(1);
    expect(countComponent(body, 'KnowledgeCheck')).toBe(1);
    expect(countComponent(body, 'Callout')).toBe(0);
  });

  it('lists long prose paragraphs and internal links', () => {
    expect(paragraphs(body)).toEqual([
      'a client says they are fine. see [teach-back](/learn/communication/explaining-clearly-teach-back/) and the [glossary](/glossary/#oars).',
    ]);
    expect(internalLinks(body)).toEqual([
      '/learn/communication/explaining-clearly-teach-back/',
      '/glossary/#oars',
    ]);
  });
});
