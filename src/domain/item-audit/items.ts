import { exploreStates } from '../scenario/analysis';
import { availableChoices } from '../scenario/runtime';
import type { Choice, ScenarioCore } from '../scenario/schema';

/**
 * The units the item audit measures: a knowledge-check item, or a scenario decision as a
 * player meets it (a decision point with the set of options offered in some reachable
 * state). Everything the audit needs is here, so the audit itself never reads files.
 */

export type ItemKind = 'check' | 'decision';
export const ITEM_KINDS: readonly ItemKind[] = ['check', 'decision'];

export interface AuditOption {
  id: string;
  text: string;
  /** Check: the correct option. Decision: an option with the highest summed code on offer. */
  key: boolean;
  /** Decision: the option's code per skill (explicit zeros included). Empty for checks. */
  codes: Record<string, number>;
  /** Decision: the evidence rationales ("why"), where authors name the mistake. Check: the feedback. */
  rationale: string;
  /** Decision: offered only under a `when` condition. */
  conditional: boolean;
  /** Where the option is in its YAML (for line numbers), e.g. ['check', 2, 'options', 1]. */
  path: (string | number)[];
}

export interface AuditItem {
  kind: ItemKind;
  /** Cross-validation group: the lesson id or the scenario id. */
  group: string;
  file: string;
  /** Check item id, or the decision point's node id. */
  id: string;
  /** A unique label within the library: `lesson#item`, or `scenario/node` (+ variant). */
  label: string;
  /** Check: the skill the item evidences. */
  skill?: string;
  /** Decision: how many reachable states offer exactly this set of options. */
  states?: number;
  /** Decision: the node offers different option sets in different states (this is one). */
  variant?: string;
  options: AuditOption[];
  path: (string | number)[];
}

/** The summed code of an option over every skill it codes. */
export const totalCode = (option: { codes: Record<string, number> }) =>
  Object.values(option.codes).reduce((sum, code) => sum + code, 0);

/** An item tells keys from the rest: not every option is a key. */
export const informative = (item: AuditItem) => item.options.some((option) => !option.key);

/** The share of an item's options that are keys: the accuracy of a blind guess. */
export const chanceOf = (item: AuditItem) =>
  item.options.filter((option) => option.key).length / item.options.length;

export interface LessonChecks {
  id: string;
  file: string;
  check: readonly {
    id: string;
    skill: string;
    options: readonly { id: string; text: string; correct: boolean; feedback: string }[];
  }[];
}

export function checkItems(lesson: LessonChecks): AuditItem[] {
  return lesson.check.map((item, itemIndex) => ({
    kind: 'check',
    group: lesson.id,
    file: lesson.file,
    id: item.id,
    label: `${lesson.id}#${item.id}`,
    skill: item.skill,
    path: ['check', itemIndex],
    options: item.options.map((option, optionIndex) => ({
      id: option.id,
      text: option.text,
      key: option.correct,
      codes: {},
      rationale: option.feedback,
      conditional: false,
      path: ['check', itemIndex, 'options', optionIndex],
    })),
  }));
}

function decisionOption(choice: Choice, index: number, node: string, best: number): AuditOption {
  const codes = Object.fromEntries(
    Object.entries(choice.evidence).map(([skill, evidence]) => [skill, evidence.code]),
  );
  return {
    id: choice.id,
    text: choice.text,
    key: totalCode({ codes }) === best,
    codes,
    rationale: Object.values(choice.evidence)
      .map((evidence) => evidence.why)
      .filter(Boolean)
      .join(' '),
    conditional: choice.when !== undefined,
    path: ['nodes', node, 'choices', index],
  };
}

/**
 * Every decision a player can meet: for each reachable (node, state), the options on offer;
 * states offering the same set are one item. A choice offered only in some states counts
 * only where it is offered. The key is the option with the highest summed code, which is the
 * option the scoring engine rates highest (Σ over skills of w·y is the summed code less a
 * constant per decision, see SCORING.md). A scenario whose state space cannot be explored
 * (the content check reports why) yields no items.
 */
export function decisionItems(scenario: ScenarioCore, file: string): AuditItem[] {
  const explored = exploreStates(scenario);
  if (!('positions' in explored)) return [];
  const sets = new Map<string, { node: string; offered: Choice[]; states: number }>();
  for (const position of explored.positions.values()) {
    const node = scenario.nodes[position.node];
    if (!node?.choices) continue;
    const offered = availableChoices(scenario, position);
    if (offered.length === 0) continue;
    const key = `${position.node}|${offered.map((choice) => choice.id).join(',')}`;
    const entry = sets.get(key);
    if (entry) entry.states++;
    else sets.set(key, { node: position.node, offered, states: 1 });
  }
  const variantsOf = new Map<string, number>();
  for (const { node } of sets.values()) variantsOf.set(node, (variantsOf.get(node) ?? 0) + 1);
  const nodeOrder = Object.keys(scenario.nodes);
  return [...sets.values()]
    .sort(
      (a, b) =>
        nodeOrder.indexOf(a.node) - nodeOrder.indexOf(b.node) ||
        b.offered.length - a.offered.length,
    )
    .map(({ node, offered, states }) => {
      const all = scenario.nodes[node]!.choices!;
      const best = Math.max(
        ...offered.map((choice) =>
          Object.values(choice.evidence).reduce((sum, evidence) => sum + evidence.code, 0),
        ),
      );
      const several = (variantsOf.get(node) ?? 1) > 1;
      const variant = several ? offered.map((choice) => choice.id).join('+') : undefined;
      return {
        kind: 'decision' as const,
        group: scenario.id,
        file,
        id: node,
        label: `${scenario.id}/${node}${variant ? ` [${variant}]` : ''}`,
        states,
        ...(variant ? { variant } : {}),
        path: ['nodes', node],
        options: offered.map((choice) => decisionOption(choice, all.indexOf(choice), node, best)),
      };
    });
}
