import xapiValidation from '@learninglocker/xapi-validation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import type { ActivityRecord } from '../activity/record';
import { analyseScenario } from '../scenario/analysis';
import { availableChoices, choose, isEnding, startPosition, type Step } from '../scenario/runtime';
import { scoringContentFrom } from '../scoring/content';
import {
  decisionResult,
  isoDuration,
  scorm12Interaction,
  scorm12Standing,
  scorm12Timespan,
  scorm2004Interaction,
  scorm2004Standing,
} from './cmi';
import { cmi5CourseStructure, scorm12Manifest, scorm2004Manifest } from './manifest';
import { choiceTotal, reachableScoreRange, scoreAttempt, type ScoringFrame } from './score';
import { learnerAgent, statementsForRecords, XAPI_EXTENSIONS } from './xapi';

const validate = ((xapiValidation as unknown as { default?: unknown }).default ??
  xapiValidation) as (statement: unknown) => unknown[];
const scenario = loadFixtureScenario('mini');
const analysis = analyseScenario(scenario, {
  skillIds: ['communication', 'empathy', 'rapport', 'professional-ethics', 'negotiation'],
});

/** Every complete play-through, by brute force. */
function allPlayThroughs(): Step[][] {
  const paths: Step[][] = [];
  const walk = (position: ReturnType<typeof startPosition>['position'], steps: Step[]) => {
    if (isEnding(scenario, position)) return void paths.push(steps);
    for (const choice of availableChoices(scenario, position)) {
      walk(choose(scenario, position, choice.id).position, [
        ...steps,
        { node: position.node, choice: choice.id },
      ]);
    }
  };
  walk(startPosition(scenario).position, []);
  return paths;
}

const total = (steps: Step[]) =>
  steps.reduce(
    (sum, step) =>
      sum +
      choiceTotal(scenario.nodes[step.node]!.choices!.find((choice) => choice.id === step.choice)!),
    0,
  );

describe('score', () => {
  const paths = allPlayThroughs();
  const frame: ScoringFrame = {
    scoreRange: reachableScoreRange(scenario),
    evidenceRange: analysis.evidence,
    mastery: 0.7,
  };

  it('finds the worst and best totals any complete play-through earns', () => {
    const totals = paths.map(total);
    expect(reachableScoreRange(scenario)).toEqual({
      min: Math.min(...totals),
      max: Math.max(...totals),
    });
  });

  it('scales every play-through into [0, 1], 1 for a best path and 0 for a worst, passing at the mastery', () => {
    for (const steps of paths) {
      const score = scoreAttempt(scenario, steps, frame);
      expect(score.scaled).toBeGreaterThanOrEqual(0);
      expect(score.scaled).toBeLessThanOrEqual(1);
      expect(score.passed).toBe(score.scaled >= 0.7);
      if (score.total === frame.scoreRange.max) expect(score.scaled).toBe(1);
      if (score.total === frame.scoreRange.min) expect(score.scaled).toBe(0);
      expect(score.skills.map((skill) => skill.skill)).toEqual(Object.keys(analysis.evidence));
    }
  });

  it('refuses steps the scenario does not allow', () => {
    expect(() => scoreAttempt(scenario, [{ node: 'a', choice: 'nope' }], frame)).toThrow();
  });
});

describe('SCORM run-time data', () => {
  it('formats times as each standard requires', () => {
    expect(scorm12Timespan(0)).toBe('0000:00:00.00');
    expect(scorm12Timespan(3_723_450)).toBe('0001:02:03.45');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(420)).toBe('PT0.42S');
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), (ms) => {
        expect(scorm12Timespan(ms)).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/);
        expect(isoDuration(ms)).toMatch(/^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/);
      }),
    );
  });

  it('writes one choice interaction per decision, its skills as objectives', () => {
    const [steps] = allPlayThroughs();
    const step = { ...steps![0]!, at: '2026-12-03T10:00:05.000Z', latencyMs: 5000 };
    const choice = scenario.nodes[step.node]!.choices!.find((c) => c.id === step.choice)!;
    const v12 = new Map(scorm12Interaction(scenario, 3, step));
    expect(v12.get('cmi.interactions.3.id')).toBe(`${scenario.id}.${step.node}`);
    expect(v12.get('cmi.interactions.3.type')).toBe('choice');
    expect(v12.get('cmi.interactions.3.student_response')).toMatch(/^[a-z]$/);
    expect(v12.get('cmi.interactions.3.latency')).toBe('0000:00:05.00');
    expect(v12.get('cmi.interactions.3.result')).toBe(decisionResult(scenario, step));
    Object.keys(choice.evidence).forEach((skill, n) =>
      expect(v12.get(`cmi.interactions.3.objectives.${n}.id`)).toBe(skill),
    );
    const v2004 = new Map(scorm2004Interaction(scenario, 0, step));
    expect(v2004.get('cmi.interactions.0.learner_response')).toBe(step.choice);
    expect(v2004.get('cmi.interactions.0.description')).toBe(choice.text);
    expect(v2004.get('cmi.interactions.0.latency')).toBe('PT5S');
    // The id goes first and the type before the response: the order SCORM runtimes demand.
    const order = scorm2004Interaction(scenario, 0, step).map(([element]) => element);
    expect(order[0]).toBe('cmi.interactions.0.id');
    expect(order.indexOf('cmi.interactions.0.type')).toBeLessThan(
      order.indexOf('cmi.interactions.0.learner_response'),
    );
  });

  it('reports incomplete until an ending, then passed or failed by the mastery score', () => {
    const score = (scaled: number, passed: boolean) => ({
      total: 0,
      scaled,
      passed,
      skills: [{ skill: 'empathy', total: 2, scaled: 0.5, passed: false }],
    });
    const during = new Map(
      scorm12Standing({ decisions: 2, ended: false, longestPath: 4, score: score(0.8, true) }),
    );
    expect(during.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(during.get('cmi.objectives.0.status')).toBe('incomplete');
    const passed = new Map(
      scorm12Standing({ decisions: 4, ended: true, longestPath: 4, score: score(0.8, true) }),
    );
    expect(passed.get('cmi.core.lesson_status')).toBe('passed');
    expect(passed.get('cmi.core.score.raw')).toBe('80');
    expect(passed.get('cmi.objectives.0.status')).toBe('failed');
    const failed = new Map(
      scorm2004Standing({ decisions: 4, ended: true, longestPath: 4, score: score(0.3, false) }),
    );
    expect(failed.get('cmi.success_status')).toBe('failed');
    expect(failed.get('cmi.completion_status')).toBe('completed');
    expect(failed.get('cmi.score.scaled')).toBe('0.3');
    expect(failed.get('cmi.progress_measure')).toBe('1');
    const half = new Map(
      scorm2004Standing({ decisions: 2, ended: false, longestPath: 4, score: score(0.3, false) }),
    );
    expect(half.get('cmi.success_status')).toBe('unknown');
    expect(half.get('cmi.progress_measure')).toBe('0.5');
    expect(half.get('cmi.objectives.0.score.scaled')).toBe('0.5');
  });
});

describe('xAPI statements', () => {
  const [steps] = allPlayThroughs();
  const attemptId = '6f1c2a9e-5b7d-4c8e-9f01-23456789abcd';
  const records: ActivityRecord[] = [
    ...steps!.map((step, index): ActivityRecord => ({
      kind: 'choice',
      id: `00000000-0000-4000-8000-00000000000${index}`,
      at: `2026-12-03T10:0${index}:00.000Z`,
      attemptId,
      scenarioId: scenario.id,
      version: 'v1',
      nodeId: step.node,
      choiceId: step.choice,
      mode: 'assessment',
      seq: index + 1,
    })),
    {
      kind: 'check',
      id: '10000000-0000-4000-8000-000000000001',
      at: '2026-12-03T11:00:00.000Z',
      lessonId: 'empathy/naming-feelings',
      itemId: 'q1',
      optionId: 'b',
    },
    {
      kind: 'observation',
      id: '10000000-0000-4000-8000-000000000002',
      at: '2026-12-03T12:00:00.000Z',
      skill: 'empathy',
      y: 0.8,
      w: 1,
      note: 'Named the feeling before the plan.',
    },
    {
      kind: 'self-rating',
      id: '10000000-0000-4000-8000-000000000003',
      at: '2026-12-03T13:00:00.000Z',
      skillId: 'empathy',
      rating: 4,
    },
  ];
  const content = scoringContentFrom({
    scenarios: [scenario],
    lessons: [
      {
        id: 'empathy/naming-feelings',
        check: [
          {
            id: 'q1',
            skill: 'empathy',
            options: [
              { id: 'a', correct: false },
              { id: 'b', correct: true },
            ],
          },
        ],
      },
    ],
  });
  const statements = statementsForRecords(records, {
    actor: learnerAgent('learner-1', 'Amara'),
    content,
    titles: { [scenario.id]: scenario.title },
  });

  it('makes one valid statement per record, ids kept (a re-sent export never doubles)', () => {
    expect(statements).toHaveLength(records.length);
    for (const statement of statements) expect(validate(statement)).toEqual([]);
    expect(statements.map((statement) => statement.id)).toEqual(records.map((record) => record.id));
  });

  it('carries each decision’s skill evidence, mode, attempt and step', () => {
    const first = statements[0]!;
    const choice = scenario.nodes[steps![0]!.node]!.choices!.find(
      (c) => c.id === steps![0]!.choice,
    )!;
    expect(first.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(first.result?.response).toBe(choice.id);
    expect(first.result?.extensions?.[XAPI_EXTENSIONS.evidence]).toEqual(
      Object.fromEntries(Object.entries(choice.evidence).map(([skill, e]) => [skill, e.code])),
    );
    expect(first.context?.registration).toBe(attemptId);
    expect(first.context?.extensions?.[XAPI_EXTENSIONS.seq]).toBe(1);
    expect(statements.find((s) => s.verb.id.endsWith('/scored'))?.result?.score?.scaled).toBe(0.8);
    expect(statements.find((s) => s.object.id.includes('/check/'))?.result?.success).toBe(true);
  });

  it('is caught by the validator when a statement is malformed (the check is not vacuous)', () => {
    expect(validate({ ...statements[0], verb: { id: 'not an iri' } }).length).toBeGreaterThan(0);
  });
});

describe('manifests', () => {
  const pkg = {
    id: 'mini',
    title: 'Mini & <friends>',
    description: 'A tiny scenario',
    mastery: 0.7,
    items: [{ id: 'mini', title: 'Mini', description: 'Tiny', href: 'mini/index.html' }],
    files: ['assets/player.css', 'assets/player.js', 'mini/index.html'],
  };

  it('declares each standard’s schema versions and lists every file', () => {
    const v12 = scorm12Manifest(pkg);
    expect(v12).toContain('<schemaversion>1.2</schemaversion>');
    expect(v12).toContain('adlcp:scormtype="sco" href="mini/index.html"');
    expect(v12).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');
    expect(v12).toContain('Mini &amp; &lt;friends&gt;');
    const v2004 = scorm2004Manifest(pkg);
    expect(v2004).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    for (const ns of ['adlcp_v1p3', 'adlseq_v1p3', 'adlnav_v1p3', 'imsss'])
      expect(v2004).toContain(ns);
    expect(v2004).toContain('<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>');
    for (const file of pkg.files) {
      expect(v12).toContain(`href="${file}"`);
      expect(v2004).toContain(`href="${file}"`);
    }
    const cmi5 = cmi5CourseStructure(pkg);
    expect(cmi5).toContain(
      'moveOn="CompletedAndPassed" masteryScore="0.7" launchMethod="AnyWindow"',
    );
    expect(cmi5).toContain('<url>mini/index.html</url>');
  });
});
