const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** A count as the site writes it in prose: a word up to twelve, figures above. */
export function countWord(count: number): string {
  return WORDS[count] ?? String(count);
}
