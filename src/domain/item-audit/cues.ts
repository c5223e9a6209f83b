import type { AuditItem, AuditOption } from './items';

/**
 * Surface cues: things a skimming learner can see in an option without reading the
 * situation. Each is a yes/no test on the option's text (a few look at the item, such as
 * length rank). The audit reports how much each one raises or lowers the odds that an
 * option is the key; the answer-only baseline uses the same tests as features.
 */

export interface Cue {
  id: string;
  label: string;
  /** For decisions only (structural facts a player can see, such as an option appearing late). */
  decisionsOnly?: boolean;
  test: (option: AuditOption, item: AuditItem) => boolean;
}

/** The option's words without the opening quote mark, so "“You're…" opens with "You're". */
export function speech(text: string): string {
  return text.trim().replace(/^[“"‘'(]+/, '');
}

export const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];

const firstWord = (text: string) => words(speech(text))[0] ?? '';

const has = (pattern: RegExp) => (option: AuditOption) =>
  pattern.test(option.text.replace(/[’‘]/g, "'"));
const opens = (pattern: RegExp) => (option: AuditOption) =>
  pattern.test(speech(option.text).replace(/[’‘]/g, "'"));

/** Feeling words a reply might name (emotion, not opinion). */
export const FEELING_WORDS = [
  'afraid',
  'angry',
  'anger',
  'anxious',
  'anxiety',
  'ashamed',
  'shame',
  'betrayed',
  'confused',
  'devastated',
  'disappointed',
  'embarrassed',
  'exhausted',
  'fear',
  'frightened',
  'frightening',
  'frustrated',
  'frustrating',
  'furious',
  'grief',
  'guilty',
  'guilt',
  'heartbroken',
  'helpless',
  'hopeless',
  'hurt',
  'hurts',
  'lonely',
  'mad',
  'nervous',
  'overwhelmed',
  'overwhelming',
  'panic',
  'proud',
  'relieved',
  'sad',
  'scared',
  'scary',
  'stressed',
  'terrified',
  'tired',
  'trapped',
  'upset',
  'worried',
  'worry',
  'worrying',
];
const FEELING = new RegExp(`\\b(${FEELING_WORDS.join('|')})\\b`, 'i');

/** A rank position of an option by length, longest first; ties share their positions. */
export type LengthPosition = 'longest' | 'second-longest' | 'third-longest' | 'shortest';
export const LENGTH_POSITIONS: readonly LengthPosition[] = [
  'longest',
  'second-longest',
  'third-longest',
  'shortest',
];

/**
 * How much of each length position an option holds. Positions count from the longest
 * (1 = longest) and the last one is "shortest"; an option tied with others shares their
 * positions equally (two options tied for longest of four hold half of "longest" and half
 * of "second-longest" each). The shares of one option sum to 1.
 */
export function lengthPositions(
  item: AuditItem,
  option: AuditOption,
): Record<LengthPosition, number> {
  const lengths = item.options.map((other) => other.text.trim().length);
  const length = option.text.trim().length;
  const longer = lengths.filter((other) => other > length).length;
  const tied = lengths.filter((other) => other === length).length;
  const shares: Record<LengthPosition, number> = {
    longest: 0,
    'second-longest': 0,
    'third-longest': 0,
    shortest: 0,
  };
  const count = item.options.length;
  for (let rank = longer + 1; rank <= longer + tied; rank++) {
    const position: LengthPosition =
      rank === count
        ? 'shortest'
        : (['longest', 'second-longest', 'third-longest'][rank - 1] as LengthPosition);
    shares[position] += 1 / tied;
  }
  return shares;
}

const NOT_NAMES = new Set([
  'I',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'English',
  'Medicare',
  'Medicaid',
  'OK',
]);

/** A capitalised word inside a sentence (not its first word): usually a person's name. */
function namesPerson(option: AuditOption): boolean {
  if (/\b(Mr|Mrs|Ms|Dr|Miss)\.? [A-Z]/.test(option.text)) return true;
  return option.text
    .replace(/[“”"‘’'()]/g, ' ')
    .split(/[.!?:;—–]\s+/)
    .some((sentence) =>
      sentence
        .trim()
        .split(/\s+/)
        .slice(1)
        .some(
          (token) => /^[A-Z][a-z]{2,}/.test(token) && !NOT_NAMES.has(token.replace(/\W+$/, '')),
        ),
    );
}

export const CUES: readonly Cue[] = [
  {
    id: 'longest',
    label: 'is the longest',
    test: (option, item) => lengthPositions(item, option).longest > 0,
  },
  {
    id: 'second-longest',
    label: 'is the second-longest',
    test: (option, item) => lengthPositions(item, option)['second-longest'] > 0,
  },
  {
    id: 'shortest',
    label: 'is the shortest',
    test: (option, item) => lengthPositions(item, option).shortest > 0,
  },
  { id: 'question', label: "has a '?'", test: has(/\?/) },
  { id: 'ends-question', label: "ends with a '?'", test: has(/\?[”"’']?\s*$/) },
  { id: 'exclamation', label: "has a '!'", test: has(/!/) },
  { id: 'quoted-speech', label: 'is quoted speech', test: has(/^\s*[“"]/) },
  { id: 'inner-quote', label: 'quotes a phrase inside', test: has(/.[“"‘'][A-Za-z][^“”"]*[”"’']/) },
  { id: 'number', label: 'has a number', test: has(/\d/) },
  {
    id: 'time-commitment',
    label: 'names a day or time',
    test: has(
      /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|this (morning|afternoon|evening|week)|by \w+ ?(am|pm|o'clock)|\d+ ?(am|pm)|noon)\b/i,
    ),
  },
  {
    id: 'first-person-opening',
    label: 'opens with I/my',
    test: opens(/^(i|i'm|i'll|i've|i'd|my|me)\b/i),
  },
  {
    id: 'second-person-opening',
    label: 'opens with you/your',
    test: opens(/^(you|you're|you've|you'll|you'd|your)\b/i),
  },
  { id: 'we-opening', label: "opens with we/let's", test: opens(/^(we|we're|we'll|let's|our)\b/i) },
  {
    id: 'sounds-like-opening',
    label: "opens 'It sounds like…'",
    test: opens(/^(it )?(sounds|seems|looks) (like|as if)|^i('m| am) hearing|^i hear /i),
  },
  {
    id: 'feeling-opening',
    label: 'names a feeling in its first words',
    test: (option) => FEELING.test(words(speech(option.text)).slice(0, 4).join(' ')),
  },
  { id: 'names-feeling', label: 'names a feeling', test: has(FEELING) },
  {
    id: 'open-question-opening',
    label: "opens 'What/How/Tell me…'",
    test: opens(/^(what|how|tell me|walk me|talk me)\b/i),
  },
  {
    id: 'closed-question-opening',
    label: 'opens with a yes/no question',
    test: (option) =>
      /\?/.test(option.text) &&
      /^(do|does|did|is|are|was|can|could|would|will|have|has|should)\b/i.test(speech(option.text)),
  },
  {
    id: 'hedge',
    label: 'hedges (maybe, might, I wonder…)',
    test: has(
      /\b(maybe|perhaps|might|possibly|probably|i wonder|kind of|sort of|a bit|i think|i guess)\b/i,
    ),
  },
  {
    id: 'reassurance',
    label: "reassures (don't worry, it'll be fine…)",
    test: has(
      /\b(don't worry|do not worry|nothing to worry|not to worry|try not to worry|it'll be (fine|okay|ok)|you'll be (fine|okay)|everything will|no problem|of course)\b/i,
    ),
  },
  {
    id: 'promise',
    label: 'promises (promise, make sure, guarantee…)',
    test: has(/\b(promise|guarantee|i'll make sure|we'll make sure|definitely|i swear)\b/i),
  },
  {
    id: 'honestly',
    label: "says 'honestly'/'to be honest'",
    test: has(/\b(honestly|to be honest|frankly|trust me)\b/i),
  },
  { id: 'apology', label: 'apologises', test: has(/\b(sorry|apologi[sz]e)\b/i) },
  { id: 'thanks', label: 'thanks', test: has(/\b(thank|thanks)\b/i) },
  {
    id: 'acronym',
    label: 'uses an acronym',
    test: (option) => /\b(?!I\b|OK\b)[A-Z]{2,}s?\b/.test(option.text),
  },
  {
    id: 'understanding-check',
    label: "asks 'does that make sense?'/'any questions?'",
    test: has(
      /\b(make sense|any questions|do you understand|is that clear|is everything clear|clear\?|got it\?|okay\?$)/i,
    ),
  },
  {
    id: 'teach-back',
    label: "asks to hear it back ('in your own words')",
    test: has(
      /\b(in your (own )?words|say it back|tell me back|repeat (it )?back|read it back|what will you do|how (will|would) you explain|walk me through what)\b/i,
    ),
  },
  {
    id: 'justification',
    label: 'justifies itself (because, since, so that…)',
    test: has(/\b(because|since|so that)\b|, so (that )?\w/i),
  },
  {
    id: 'absolute',
    label: 'uses an absolute (always, never, all…)',
    test: has(
      /\b(always|never|all|every|everyone|everything|anyone|anything|nothing|completely|totally|exactly)\b/i,
    ),
  },
  {
    id: 'negation',
    label: "uses a negation (not, can't, won't…)",
    test: has(/\b(not|no|never|nobody|nothing)\b|n't\b/i),
  },
  {
    id: 'choice-offer',
    label: 'offers a choice (your call, would you like…)',
    test: has(
      /\b(your call|up to you|your choice|would you like|do you want|would you rather|or would you|which would)\b/i,
    ),
  },
  {
    id: 'permission',
    label: 'asks permission (can I, may I…)',
    test: has(
      /\b(can i|may i|could i|would it be (ok|okay|alright|all right)|is it (ok|okay|alright) if|do you mind)\b/i,
    ),
  },
  {
    id: 'rules-law',
    label: 'cites rules or law (policy, HIPAA, legally…)',
    test: has(
      /\b(policy|policies|law|laws|legal|legally|rule|rules|regulations?|procedure|protocol|hipaa|allowed)\b/i,
    ),
  },
  {
    id: 'supervisor',
    label: 'mentions a supervisor/manager',
    test: has(/\b(supervisor|manager|boss)\b/i),
  },
  { id: 'names-person', label: 'names a person (Mr./Ms./a first name)', test: namesPerson },
  {
    id: 'group-generalisation',
    label: 'generalises about a group (…people tend to)',
    test: has(
      /\b[A-Z][a-z]+ (families|people|parents|women|men|elders|patients|clients|communities|culture|cultures)\b|\b(people|families|men|women) (like|from|in) |\btend to\b|\bin (their|your|some|many) cultures?\b/,
    ),
  },
  {
    id: 'self-regulation',
    label: 'names an inner move (breathe, pause, notice…)',
    test: has(
      /\b(breathe|breath|pause|notice (what|your|the)|name (it|what)|let the|take a (moment|beat|second)|count to|steady yourself)\b/i,
    ),
  },
  {
    id: 'action-not-speech',
    label: 'describes an action, not words',
    test: (option) =>
      !/^\s*[“"‘']/.test(option.text) &&
      /^(ask|tell|say|call|write|send|offer|explain|listen|leave|go|wait|use|let|give|hand|agree|refuse|decline|accept|stay|stop|take|put|check|document|note|report|book|email|text|suggest|pretend|ignore|keep|follow|share|close|turn|thank|apologi[sz]e|arrange|contact|sit|step|invite|read|remind|schedule|print|answer|pause|breathe|name)\b/i.test(
        option.text.trim(),
      ),
  },
  {
    id: 'several-sentences',
    label: 'has three or more sentences',
    test: (option) => (option.text.match(/[.!?](\s|$)/g) ?? []).length >= 3,
  },
  {
    id: 'conditional',
    label: 'is offered only in some states (e.g. a repair)',
    decisionsOnly: true,
    test: (option) => option.conditional,
  },
];

/** Whether the option has the cue and no other option in its item has it. */
export function onlyOptionWith(cue: Cue, option: AuditOption, item: AuditItem): boolean {
  return (
    cue.test(option, item) &&
    item.options.every((other) => other === option || !cue.test(other, item))
  );
}

/** The cues that are lengths: their "only" form is the same cue, so it is not listed again. */
export const LENGTH_CUES = new Set(['longest', 'second-longest', 'shortest']);

export { firstWord };
