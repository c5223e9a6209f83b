import { assertNever } from '../activity/kinds';
import type { ActivityRecord } from '../activity/record';
import type { ScoringContent } from '../scoring/evidence';

/**
 * xAPI statements from activity records: one statement per record, the same builder for
 * cmi5 packages, the learner's "Export progress" and the supervisor's exports. Casecraft's
 * own activity types and extensions live under one stable namespace, XAPI_NAMESPACE
 * (documented in the README, "Using Casecraft in your LMS"); verbs are ADL's.
 */

export const XAPI_NAMESPACE = 'https://casecraft.example/xapi';
export const XAPI_VERSION = '1.0.3';

/** Casecraft's extension IRIs: what each statement carries beyond the standard. */
export const XAPI_EXTENSIONS = {
  /** Result: the decision's evidence, skill id → code (−3 … 3). */
  evidence: `${XAPI_NAMESPACE}/extensions/evidence`,
  /** Context: the play mode (practice or assessment). */
  mode: `${XAPI_NAMESPACE}/extensions/mode`,
  /** Context: the scenario attempt's UUID (also the registration outside cmi5). */
  attempt: `${XAPI_NAMESPACE}/extensions/attempt`,
  /** Context: the step's place in its attempt (1 = first decision). */
  seq: `${XAPI_NAMESPACE}/extensions/seq`,
  /** Context: the scenario's content version hash. */
  scenarioVersion: `${XAPI_NAMESPACE}/extensions/scenario-version`,
  /** Result: the ending reached (node id) and its kind (good, mixed, poor). */
  ending: `${XAPI_NAMESPACE}/extensions/ending`,
  /** Result: an observation's weight (how much evidence it is). */
  weight: `${XAPI_NAMESPACE}/extensions/weight`,
  /** Result: a self-rating, 1–5. */
  selfRating: `${XAPI_NAMESPACE}/extensions/self-rating`,
} as const;

export const XAPI_VERBS = {
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  scored: { id: 'http://adlnet.gov/expapi/verbs/scored', display: { 'en-US': 'scored' } },
  responded: { id: 'http://adlnet.gov/expapi/verbs/responded', display: { 'en-US': 'responded' } },
} as const;

const ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  objective: 'http://adlnet.gov/expapi/activities/objective',
} as const;

/** Activity IRIs: stable per scenario, decision point, lesson item and skill. */
export const xapiActivity = {
  scenario: (id: string) => `${XAPI_NAMESPACE}/activities/scenario/${encodeURIComponent(id)}`,
  decision: (scenarioId: string, nodeId: string) =>
    `${xapiActivity.scenario(scenarioId)}/decision/${encodeURIComponent(nodeId)}`,
  lesson: (lessonId: string) =>
    `${XAPI_NAMESPACE}/activities/lesson/${lessonId.split('/').map(encodeURIComponent).join('/')}`,
  checkItem: (lessonId: string, itemId: string) =>
    `${xapiActivity.lesson(lessonId)}/check/${encodeURIComponent(itemId)}`,
  skill: (skillId: string) => `${XAPI_NAMESPACE}/activities/skill/${encodeURIComponent(skillId)}`,
};

export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  account: { homePage: string; name: string };
}

export type LanguageMap = Record<string, string>;

export interface XapiStatement {
  id?: string;
  actor: XapiAgent;
  verb: { id: string; display: LanguageMap };
  object: {
    objectType: 'Activity';
    id: string;
    definition?: {
      type?: string;
      name?: LanguageMap;
      description?: LanguageMap;
      interactionType?: 'choice';
      choices?: { id: string; description: LanguageMap }[];
    };
  };
  result?: {
    response?: string;
    success?: boolean;
    completion?: boolean;
    score?: { scaled: number; raw?: number; min?: number; max?: number };
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context?: {
    registration?: string;
    contextActivities?: { parent?: { id: string; objectType: 'Activity' }[] };
    extensions?: Record<string, unknown>;
  };
  timestamp?: string;
  version?: string;
}

/** A learner as an xAPI agent: an account on the Casecraft site (never an email). */
export function learnerAgent(
  learnerId: string,
  name?: string,
  homePage = XAPI_NAMESPACE,
): XapiAgent {
  return { objectType: 'Agent', ...(name ? { name } : {}), account: { homePage, name: learnerId } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const en = (text: string): LanguageMap => ({ 'en-US': text });

/** What the builder may know besides the record: content (for evidence, texts) and titles. */
export interface StatementContext {
  actor: XapiAgent;
  content?: ScoringContent;
  /** Scenario id → title; lesson id → title (names in the LRS's reports). */
  titles?: Record<string, string>;
}

const parent = (id: string) => ({
  contextActivities: { parent: [{ id, objectType: 'Activity' as const }] },
});

/** The statement for one record (its id is the record's, so an export sent twice never doubles). */
export function statementForRecord(
  record: ActivityRecord,
  context: StatementContext,
): XapiStatement {
  const base = {
    ...(UUID.test(record.id) ? { id: record.id.toLowerCase() } : {}),
    actor: context.actor,
    timestamp: new Date(record.at).toISOString(),
    version: XAPI_VERSION,
  };
  const title = (id: string) => context.titles?.[id];
  switch (record.kind) {
    case 'choice': {
      const scenario = context.content?.scenario(record.scenarioId, record.version);
      const node = scenario?.nodes[record.nodeId];
      const choice = node?.choices?.find((candidate) => candidate.id === record.choiceId);
      const evidence = choice
        ? Object.fromEntries(
            Object.entries(choice.evidence).map(([skill, value]) => [skill, value.code]),
          )
        : undefined;
      const total = evidence ? Object.values(evidence).reduce((sum, code) => sum + code, 0) : 0;
      return {
        ...base,
        verb: XAPI_VERBS.answered,
        object: {
          objectType: 'Activity',
          id: xapiActivity.decision(record.scenarioId, record.nodeId),
          definition: {
            type: ACTIVITY_TYPES.interaction,
            name: en(`${title(record.scenarioId) ?? record.scenarioId}: ${record.nodeId}`),
            interactionType: 'choice',
            ...(node?.choices
              ? { choices: node.choices.map((c) => ({ id: c.id, description: en(c.text) })) }
              : {}),
          },
        },
        result: {
          response: record.choiceId,
          ...(evidence
            ? { success: total > 0, extensions: { [XAPI_EXTENSIONS.evidence]: evidence } }
            : {}),
        },
        context: {
          ...(record.attemptId && UUID.test(record.attemptId)
            ? { registration: record.attemptId }
            : {}),
          ...parent(xapiActivity.scenario(record.scenarioId)),
          extensions: {
            [XAPI_EXTENSIONS.mode]: record.mode,
            ...(record.attemptId ? { [XAPI_EXTENSIONS.attempt]: record.attemptId } : {}),
            ...(record.seq ? { [XAPI_EXTENSIONS.seq]: record.seq } : {}),
            ...(record.version ? { [XAPI_EXTENSIONS.scenarioVersion]: record.version } : {}),
          },
        },
      };
    }
    case 'completion': {
      const ending = context.content?.scenario(record.scenarioId, record.version)?.nodes[
        record.endingId
      ]?.ending;
      return {
        ...base,
        verb: XAPI_VERBS.completed,
        object: {
          objectType: 'Activity',
          id: xapiActivity.scenario(record.scenarioId),
          definition: {
            type: ACTIVITY_TYPES.simulation,
            name: en(title(record.scenarioId) ?? record.scenarioId),
          },
        },
        result: {
          completion: true,
          extensions: {
            [XAPI_EXTENSIONS.ending]: {
              id: record.endingId,
              ...(ending ? { kind: ending.kind } : {}),
            },
          },
        },
        context: {
          ...(UUID.test(record.attemptId) ? { registration: record.attemptId } : {}),
          extensions: {
            [XAPI_EXTENSIONS.mode]: record.mode,
            [XAPI_EXTENSIONS.attempt]: record.attemptId,
            ...(record.seq ? { [XAPI_EXTENSIONS.seq]: record.seq } : {}),
            [XAPI_EXTENSIONS.scenarioVersion]: record.version,
          },
        },
      };
    }
    case 'check': {
      const item = context.content?.checkItem(record.lessonId, record.itemId);
      const correct = item?.options.find((option) => option.id === record.optionId)?.correct;
      return {
        ...base,
        verb: XAPI_VERBS.answered,
        object: {
          objectType: 'Activity',
          id: xapiActivity.checkItem(record.lessonId, record.itemId),
          definition: {
            type: ACTIVITY_TYPES.interaction,
            name: en(`${title(record.lessonId) ?? record.lessonId}: ${record.itemId}`),
            interactionType: 'choice',
            ...(item
              ? { choices: item.options.map((o) => ({ id: o.id, description: en(o.id) })) }
              : {}),
          },
        },
        result: {
          response: record.optionId,
          ...(correct === undefined
            ? {}
            : {
                success: correct,
                extensions: { [XAPI_EXTENSIONS.evidence]: { [item!.skill]: correct ? 1 : 0 } },
              }),
        },
        context: parent(xapiActivity.lesson(record.lessonId)),
      };
    }
    case 'observation':
      return {
        ...base,
        verb: XAPI_VERBS.scored,
        object: {
          objectType: 'Activity',
          id: xapiActivity.skill(record.skill),
          definition: {
            type: ACTIVITY_TYPES.objective,
            name: en(title(record.skill) ?? record.skill),
          },
        },
        result: {
          score: { scaled: record.y },
          ...(record.note ? { response: record.note } : {}),
          extensions: { [XAPI_EXTENSIONS.weight]: record.w },
        },
      };
    case 'self-rating':
      return {
        ...base,
        verb: XAPI_VERBS.responded,
        object: {
          objectType: 'Activity',
          id: xapiActivity.skill(record.skillId),
          definition: {
            type: ACTIVITY_TYPES.objective,
            name: en(title(record.skillId) ?? record.skillId),
          },
        },
        result: {
          response: String(record.rating),
          extensions: { [XAPI_EXTENSIONS.selfRating]: record.rating },
        },
      };
    default:
      return assertNever(record, 'activity kind');
  }
}

/** Every record's statement, oldest first. */
export function statementsForRecords(
  records: readonly ActivityRecord[],
  context: StatementContext,
): XapiStatement[] {
  return [...records]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((record) => statementForRecord(record, context));
}
