import { z } from 'zod';
import { ConditionSyntaxError, parseCondition } from './condition';
import { DIFFICULTIES } from './difficulty';

export const SETTINGS = [
  'healthcare',
  'social-services',
  'insurance',
  'behavioural-health',
] as const;
export type Setting = (typeof SETTINGS)[number];
export const SETTING_NAMES: Record<Setting, string> = {
  healthcare: 'Healthcare',
  'social-services': 'Social services',
  insurance: "Insurance and workers' compensation",
  'behavioural-health': 'Behavioural health',
};

export { DIFFICULTIES, type Difficulty } from './difficulty';

export const ENDING_KINDS = ['good', 'mixed', 'poor'] as const;
export type EndingKind = (typeof ENDING_KINDS)[number];

export const FLAG_KINDS = ['safety', 'ethics'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Evidence codes run from −3 (clear evidence against the skill) to +3 (clear evidence for it). */
export const MIN_CODE = -3;
export const MAX_CODE = 3;
/** The widest gap between two codes (6): a decision offering both ends is full-strength evidence. */
export const CODE_SPAN = MAX_CODE - MIN_CODE;

/** Speakers every scenario has; counterparts add their own ids. */
export const NARRATION = 'narration';
export const CLIENT = 'client';

const id = () =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words or numbers joined by hyphens');

const variableName = () =>
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'variable names are lowercase letters, digits and _');

/** A condition in the scenario condition language, parsed at load time. */
export const conditionSchema = () =>
  z.string().transform((source, ctx) => {
    try {
      return parseCondition(source);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof ConditionSyntaxError ? error.message : String(error),
      });
      return z.NEVER;
    }
  });

/** One line of the conversation: `- client: "…"`, `- narration: "…"`, or `- <counterpart>: "…"`. */
export const lineSchema = () =>
  z.record(z.string(), z.string().min(1)).transform((raw, ctx) => {
    const { when, ...spoken } = raw;
    const speakers = Object.keys(spoken);
    if (speakers.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a line has exactly one speaker key (narration, client or a counterpart id) and an optional "when"; found ${speakers.length === 0 ? 'none' : speakers.join(', ')}`,
      });
      return z.NEVER;
    }
    const speaker = speakers[0]!;
    const line: { speaker: string; text: string; when?: ReturnType<typeof parseCondition> } = {
      speaker,
      text: spoken[speaker]!,
    };
    if (when !== undefined) {
      try {
        line.when = parseCondition(when);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['when'], message: (error as Error).message });
        return z.NEVER;
      }
    }
    return line;
  });

/** Evidence one choice gives about one skill: `0` (explicitly neutral) or a code with its rationale. */
export const evidenceSchema = () =>
  z.union([
    z.literal(0).transform(() => ({ code: 0, why: '' })),
    z
      .object({
        code: z.number().int().min(MIN_CODE).max(MAX_CODE),
        why: z.string().default(''),
      })
      .refine((evidence) => evidence.code === 0 || evidence.why.trim().length >= 15, {
        message: 'a non-zero code needs a teaching rationale ("why", 15+ characters)',
        path: ['why'],
      }),
  ]);

export const flagSchema = () =>
  z.object({
    kind: z.enum(FLAG_KINDS),
    why: z.string().min(15),
  });

export const choiceSchema = () =>
  z.object({
    id: id(),
    text: z.string().min(2),
    next: id(),
    when: conditionSchema().optional(),
    effects: z.record(variableName(), z.number().int()).default({}),
    evidence: z.record(z.string(), evidenceSchema()).default({}),
    feedback: z.string().min(10),
    flag: flagSchema().optional(),
  });

export const routeSchema = () =>
  z.object({
    when: conditionSchema().optional(),
    next: id(),
  });

export const endingSchema = () =>
  z.object({
    kind: z.enum(ENDING_KINDS),
    title: z.string().min(3),
    summary: z.string().min(20),
  });

/**
 * A node is exactly one of: a decision point (`choices`), an automatic branch on state
 * (`routes`, first match wins), or an ending (`ending`). Any node may have lines.
 */
export const nodeSchema = () =>
  z
    .object({
      lines: z.array(lineSchema()).default([]),
      prompt: z.string().optional(),
      choices: z.array(choiceSchema()).min(2).max(4).optional(),
      routes: z.array(routeSchema()).min(1).optional(),
      ending: endingSchema().optional(),
    })
    .superRefine((node, ctx) => {
      const kinds = (['choices', 'routes', 'ending'] as const).filter(
        (key) => node[key] !== undefined,
      );
      if (kinds.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `a node has exactly one of choices, routes or ending (found ${kinds.length === 0 ? 'none' : kinds.join(' and ')})`,
        });
      }
    });

export const variableSchema = () =>
  z
    .object({
      label: z.string().min(2),
      initial: z.number().int(),
      min: z.number().int(),
      max: z.number().int(),
    })
    .refine((variable) => variable.min < variable.max, {
      message: 'min must be below max',
      path: ['max'],
    })
    .refine((variable) => variable.initial >= variable.min && variable.initial <= variable.max, {
      message: 'initial must lie between min and max',
      path: ['initial'],
    });

export const personaSchema = () =>
  z.object({
    name: z.string().min(2),
    age: z.number().int().min(0).max(120),
    pronouns: z.string().min(2),
    situation: z.string().min(20),
    goals: z.array(z.string().min(3)).min(1),
    fears: z.array(z.string().min(3)).min(1),
    culture: z.string().min(3),
    language: z.string().min(3),
    notSaidAtFirst: z.string().optional(),
  });

export const counterpartSchema = () =>
  z.object({
    name: z.string().min(2),
    role: z.string().min(2),
  });

export const debriefSchema = () =>
  z.object({
    summary: z.string().min(20),
    skills: z
      .array(
        z.object({
          skill: z.string(),
          lessons: z.array(z.string()).min(1),
          note: z.string().min(15),
        }),
      )
      .min(1),
  });

/** A whole scenario file, `scenarios/<setting>/<id>.yaml` (see docs/writing-scenarios.md). */
export const scenarioSchema = () =>
  z.object({
    id: id(),
    title: z.string().min(3).max(100),
    setting: z.enum(SETTINGS),
    difficulty: z.enum(DIFFICULTIES),
    estimatedMinutes: z.number().int().min(3).max(60),
    summary: z.string().min(20).max(400),
    role: z.string().min(20),
    focusSkills: z.array(z.string()).min(1).max(3),
    persona: personaSchema(),
    counterparts: z.record(id(), counterpartSchema()).default({}),
    variables: z.record(variableName(), variableSchema()).default({}),
    start: id(),
    nodes: z.record(id(), nodeSchema()),
    debrief: debriefSchema(),
  });

export type ScenarioLine = z.infer<ReturnType<typeof lineSchema>>;
export type Evidence = z.infer<ReturnType<typeof evidenceSchema>>;
export type ScenarioFlag = z.infer<ReturnType<typeof flagSchema>>;
export type Choice = z.infer<ReturnType<typeof choiceSchema>>;
export type Route = z.infer<ReturnType<typeof routeSchema>>;
export type Ending = z.infer<ReturnType<typeof endingSchema>>;
export type ScenarioNode = z.infer<ReturnType<typeof nodeSchema>>;
export type ScenarioVariable = z.infer<ReturnType<typeof variableSchema>>;
export type Persona = z.infer<ReturnType<typeof personaSchema>>;
export type Scenario = z.infer<ReturnType<typeof scenarioSchema>>;

/** What play and scoring need of a scenario: its state, nodes and choices (no persona, no prose around). */
export type ScenarioCore = Pick<Scenario, 'id' | 'start' | 'variables' | 'nodes'>;

/** A scenario as published: the validated file plus its content version hash. */
export interface PublishedScenario extends Scenario {
  version: string;
}

export function nodeKind(node: ScenarioNode): 'decision' | 'route' | 'ending' {
  return node.choices ? 'decision' : node.routes ? 'route' : 'ending';
}

/** A scenario for scoring in the browser: its core plus title and version, without the prose. */
export interface ScoringScenario extends ScenarioCore {
  title: string;
  version: string;
  focusSkills: string[];
}

export function scoringScenario(scenario: PublishedScenario): ScoringScenario {
  const nodes: Scenario['nodes'] = {};
  for (const [id, node] of Object.entries(scenario.nodes)) {
    nodes[id] = {
      lines: [],
      ...(node.choices
        ? { choices: node.choices.map((choice) => ({ ...choice, feedback: '' })) }
        : {}),
      ...(node.routes ? { routes: node.routes } : {}),
      ...(node.ending ? { ending: { ...node.ending, summary: '' } } : {}),
    };
  }
  return {
    id: scenario.id,
    title: scenario.title,
    version: scenario.version,
    focusSkills: scenario.focusSkills,
    start: scenario.start,
    variables: scenario.variables,
    nodes,
  };
}
