import { totalCode, type AuditItem, type AuditOption } from './items';

/**
 * The shape of scenario decisions: whether each skill coded at a decision can be shown (not
 * only avoided), whether a decision has more than one defensible move, and which stock
 * mistakes its weak options are made of.
 */

export interface SkillCoding {
  skill: string;
  /** Codes of the offered options, in offered order. */
  codes: number[];
  /** At least one option shows the skill (a positive code). */
  positive: boolean;
}

export interface DecisionShape {
  label: string;
  group: string;
  /** Skills whose codes differ between the offered options (the skills that earn evidence). */
  skills: SkillCoding[];
  /** Options whose codes sum to more than zero. */
  defensible: string[];
  /** Two or more defensible options. */
  dilemma: boolean;
  /** Defensible options with different sums: one earns partial credit. */
  partialCredit: boolean;
  /** Options whose codes sum to zero or less, with their archetypes. */
  weak: { id: string; archetypes: string[] }[];
}

/**
 * A stock mistake a weak option is made of. An option has the archetype when its text
 * matches `text`, or its rationale (evidence "why" texts and feedback) matches `rationale`:
 * authors name the mistake they wrote in the rationale, so the rationale is the more
 * reliable tag, and the text patterns catch what the rationale leaves unsaid.
 */
export interface Archetype {
  id: string;
  label: string;
  text?: RegExp;
  rationale?: RegExp;
}

export const ARCHETYPES: readonly Archetype[] = [
  {
    id: 'over-promise',
    label: 'over-promise (an outcome you do not control)',
    text: /\b(i promise|promise you|guarantee|i'll make sure|we'll make sure|we're going to make sure|i'll get (it|this) sorted)\b/i,
    rationale:
      /over-?promis|promis\w* (an )?outcomes?|promises? (you|she|he|they) can(no|')t|can(no|')t (keep|guarantee|deliver)|outcomes? you don't control/i,
  },
  {
    id: 'false-reassurance',
    label: "premature reassurance ('don't worry')",
    text: /\b(don't worry|do not worry|nothing to worry|try not to worry|it'll be (fine|okay|ok)|you'll be (fine|okay)|everything will be)\b/i,
    rationale:
      /\b(false|premature|empty|hollow|blanket|easy|quick) reassurance|reassur\w* (too soon|before)|reassurance,? not\b/i,
  },
  {
    id: 'jargon',
    label: 'jargon or acronyms',
    rationale: /jargon|acronym|technical (language|terms|words)|clinical (language|terms|words)/i,
  },
  {
    id: 'understanding-check',
    label: "'does that make sense?' / 'any questions?'",
    text: /\b(make sense\?|any questions|do you understand|is that clear|clear\?|got it\?)/i,
    rationale: /does that make sense|yes\/no check|invites a (polite )?yes\b/i,
  },
  {
    id: 'advice-fixing',
    label: 'rushing to fix or advise',
    text: /\b(you should|you need to|why don't you|have you tried|you could try|i'd suggest|my advice)\b/i,
    rationale:
      /righting reflex|rush\w* (in )?to (fix|solve|solutions?|advice|advise)|jump\w* (in )?to (a )?(solutions?|fix|advice)|unasked-for (advice|information)|advice (she|he|they) (didn't|did not|hasn't) ask|fix(ing)? before/i,
  },
  {
    id: 'defensiveness',
    label: 'defensiveness or self-justification',
    text: /\b(not my fault|that's not (my|our) (job|fault|call)|i was only|i'm not trying to)\b/i,
    rationale:
      /defensiv\w* (reply|answer|response)|\byou('re| are) defending|justif\w* (yourself|your)|self-protect|protects? (you|yourself|the agency) (rather|more|instead)/i,
  },
  {
    id: 'confidentiality-breach',
    label: 'sharing without consent',
    text: /\b(between us|between you and me)\b/i,
    rationale:
      /\bbreach|without (her|his|their|the client's|[A-Z][a-z]+'s) (consent|permission|authori[sz]ation|agreement)|discloses?\b|redisclos|minimum necessary/i,
  },
  {
    id: 'secret-keeping',
    label: 'promising secrecy or colluding',
    text: /\b(stays between us|our secret|nobody needs to know|won't say a word|forget i said)\b/i,
    rationale:
      /collu\w+|promis\w* (secrecy|silence|confidentiality)|\bsecrecy\b|keep (it|this) secret/i,
  },
  {
    id: 'stereotyping',
    label: 'stereotyping or generalising about a group',
    text: /\b[A-Z][a-z]+ (families|people|parents|women|men|elders|patients|communities|culture|diets?)\b|\btend to\b/,
    rationale:
      /stereotyp|generali[sz]\w* about|assum\w* (about|from) (her|his|their) (culture|faith|background|religion)|culture as a (script|rule)|treats? (her|him|them) as a type/i,
  },
  {
    id: 'minimising',
    label: 'minimising or dismissing',
    rationale:
      /minimi[sz]|dismiss|brush\w* (it )?(off|aside)|wave\w* (it )?away|invalidat|makes? light of/i,
  },
  {
    id: 'agenda-first',
    label: 'paperwork or agenda before the person',
    rationale:
      /(paperwork|forms?|agenda|process|checklist|documents?|task) (first|before)|lead\w* with (the )?(paperwork|forms?|process|documents?|your agenda|a document)|runs? on your agenda/i,
  },
  {
    id: 'deflecting',
    label: 'deflecting to rules or to someone else',
    text: /\b(you'd need to call|take (it|that) up with|that's (a question|something) for|not my (job|call|department))\b/i,
    rationale:
      /deflect|hides? behind|hiding behind|hands? (it|the problem) (off|back)|passes? (the buck|it on)/i,
  },
  {
    id: 'pressure',
    label: 'pressure, threat or guilt as leverage',
    text: /\bor (i'll|i will|else)\b|\bif you don't\b/i,
    rationale:
      /\b(leverage|pressur\w*|coerc\w*|ultimatum|threaten\w*|guilt\w* (trip|lever)|uses? (guilt|fear|shame))\b/i,
  },
  {
    id: 'self-focus',
    label: 'self-disclosure or your own feelings first',
    text: /\b(i once|happened to my|my (sister|mother|brother|own)|i put on|i went through)\b/i,
    rationale:
      /self-disclos|about you rather|centres? (yourself|you)|your own (story|experience|comfort)|makes? it about you/i,
  },
  {
    id: 'taking-over',
    label: 'deciding for the person',
    rationale:
      /paternalis|decid\w* for (her|him|them)|takes? over\b|speaks? for (her|him|them)|rescu\w+|overrid\w* (her|his|their)|substitut\w* (your|the family's|someone else's) (judge?ment|view)/i,
  },
  {
    id: 'avoidance',
    label: 'avoiding or postponing the issue',
    text: /^(say nothing|pretend|ignore|leave it)\b/i,
    rationale:
      /\bavoid(s|ing|ance)?\b(?! (jargon|blame|labels?))|\bpostpones?\b|\bdodg\w+|sidestep\w*|steps? (right )?(past|around)|let(s|ting)? it (go|slide|rest)/i,
  },
  {
    id: 'judgement',
    label: 'judging, labelling or lecturing',
    rationale:
      /\bjudge?mental|\bmoral (judge?ment|verdict)|moralis|moraliz|\blectur\w*|\bscold\w*|\blabel(s|ling|led)? (him|her|them)|\blabels instead|\bblam(es|ing) (him|her|them)|\bshames? (him|her|them)/i,
  },
  {
    id: 'interrogation',
    label: 'closed or stacked questions',
    text: /\?[^?]+\?/,
    rationale: /closed question|interrogat|rapid[- ]fire|stacked questions|yes\/no question/i,
  },
];

export function archetypesOf(option: AuditOption): string[] {
  const text = option.text.replace(/[’‘]/g, "'");
  const rationale = option.rationale.replace(/[’‘]/g, "'");
  return ARCHETYPES.filter(
    (archetype) => archetype.text?.test(text) || archetype.rationale?.test(rationale),
  ).map((archetype) => archetype.id);
}

export function decisionShape(item: AuditItem): DecisionShape {
  const skills = [...new Set(item.options.flatMap((option) => Object.keys(option.codes)))]
    .map((skill) => {
      const codes = item.options.map((option) => option.codes[skill] ?? 0);
      return { skill, codes, positive: codes.some((code) => code > 0) };
    })
    // As the scoring engine does: a skill coded the same on every option carries no evidence.
    .filter((coding) => coding.codes.some((code) => code !== coding.codes[0]));
  const totals = item.options.map(totalCode);
  const defensible = item.options.filter((_, index) => totals[index]! > 0);
  return {
    label: item.label,
    group: item.group,
    skills,
    defensible: defensible.map((option) => option.id),
    dilemma: defensible.length >= 2,
    partialCredit: new Set(defensible.map(totalCode)).size >= 2,
    weak: item.options
      .filter((_, index) => totals[index]! <= 0)
      .map((option) => ({ id: option.id, archetypes: archetypesOf(option) })),
  };
}

export interface ArchetypeSpread {
  /** Per scenario, weak options carrying each archetype. */
  scenarios: { scenario: string; weakOptions: number; archetypes: Record<string, number> }[];
  /** Per archetype, the share of scenarios whose weak options include it. */
  prevalence: { archetype: string; label: string; scenarios: number; share: number }[];
  /** Mean pairwise Jaccard similarity of the scenarios' archetype sets. */
  meanSimilarity: number;
}

/**
 * Which stock mistakes each scenario's weak options are made of. An archetype counts as
 * present in a scenario when at least `minOptions` of its weak options carry it, so one
 * passing phrase does not make a pattern.
 */
export function archetypeSpread(
  shapes: readonly DecisionShape[],
  minOptions: number,
): ArchetypeSpread {
  const byScenario = new Map<
    string,
    { weakOptions: Set<string>; archetypes: Map<string, Set<string>> }
  >();
  for (const shape of shapes) {
    let entry = byScenario.get(shape.group);
    if (!entry) {
      entry = { weakOptions: new Set(), archetypes: new Map() };
      byScenario.set(shape.group, entry);
    }
    const node = shape.label.replace(/ \[.*\]$/, '');
    for (const weak of shape.weak) {
      // A node offered in several variants repeats its options: count each option once.
      const optionKey = `${node}/${weak.id}`;
      entry.weakOptions.add(optionKey);
      for (const archetype of weak.archetypes) {
        const holders = entry.archetypes.get(archetype) ?? new Set<string>();
        holders.add(optionKey);
        entry.archetypes.set(archetype, holders);
      }
    }
  }
  const scenarios = [...byScenario.entries()].map(([scenario, entry]) => ({
    scenario,
    weakOptions: entry.weakOptions.size,
    archetypes: Object.fromEntries(
      ARCHETYPES.map((archetype) => [archetype.id, entry.archetypes.get(archetype.id)?.size ?? 0]),
    ),
  }));
  const present = scenarios.map(
    (entry) =>
      new Set(
        Object.entries(entry.archetypes)
          .filter(([, count]) => count >= minOptions)
          .map(([archetype]) => archetype),
      ),
  );
  const prevalence = ARCHETYPES.map((archetype) => {
    const count = present.filter((set) => set.has(archetype.id)).length;
    return {
      archetype: archetype.id,
      label: archetype.label,
      scenarios: count,
      share: scenarios.length ? count / scenarios.length : 0,
    };
  });
  let pairs = 0;
  let similarity = 0;
  for (let a = 0; a < present.length; a++) {
    for (let b = a + 1; b < present.length; b++) {
      const union = new Set([...present[a]!, ...present[b]!]).size;
      const shared = [...present[a]!].filter((id) => present[b]!.has(id)).length;
      similarity += union === 0 ? 1 : shared / union;
      pairs++;
    }
  }
  return { scenarios, prevalence, meanSimilarity: pairs ? similarity / pairs : 0 };
}
