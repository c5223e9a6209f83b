import type { ActivityRecord } from '../domain/scoring/evidence';

type Parsed = { learner: string; record: ActivityRecord } | { error: string };

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Parses one line of the scoring CLI's JSON-lines input into an activity record. */
export function parseActivityLine(
  line: string,
  lineNumber: number,
  skills: readonly string[],
): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'not a JSON object' };
  const input = value as Record<string, unknown>;
  if (!text(input.learner)) return { error: 'missing "learner"' };
  if (!text(input.time) || Number.isNaN(Date.parse(input.time)))
    return { error: '"time" must be an ISO date' };
  const id = text(input.id) ? input.id : `line-${lineNumber}`;
  const base = { id, at: new Date(Date.parse(input.time)).toISOString() };
  switch (input.kind) {
    case 'choice': {
      const missing = ['scenario', 'node', 'choice'].find((key) => !text(input[key]));
      if (missing) return { error: `choice: missing "${missing}"` };
      const mode = input.mode ?? 'assessment';
      if (mode !== 'practice' && mode !== 'assessment')
        return { error: 'choice: "mode" must be practice or assessment' };
      return {
        learner: input.learner,
        record: {
          kind: 'choice',
          ...base,
          scenarioId: input.scenario as string,
          nodeId: input.node as string,
          choiceId: input.choice as string,
          mode,
          ...(text(input.attempt) ? { attemptId: input.attempt } : {}),
        },
      };
    }
    case 'check': {
      const missing = ['lesson', 'item', 'option'].find((key) => !text(input[key]));
      if (missing) return { error: `check: missing "${missing}"` };
      return {
        learner: input.learner,
        record: {
          kind: 'check',
          ...base,
          lessonId: input.lesson as string,
          itemId: input.item as string,
          optionId: input.option as string,
        },
      };
    }
    case 'observation': {
      if (!text(input.skill) || !skills.includes(input.skill))
        return { error: `observation: unknown skill ${JSON.stringify(input.skill)}` };
      const { y, w } = input;
      if (typeof y !== 'number' || y < 0 || y > 1)
        return { error: 'observation: "y" must be a number in [0, 1]' };
      if (typeof w !== 'number' || !(w > 0))
        return { error: 'observation: "w" must be a positive number' };
      return {
        learner: input.learner,
        record: { kind: 'observation', ...base, skill: input.skill, y, w },
      };
    }
    default:
      return {
        error: `unknown kind ${JSON.stringify(input.kind)} (expected choice, check or observation)`,
      };
  }
}
