import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionVariables,
  evaluateCondition,
  formatCondition,
  parseCondition,
  type Condition,
} from './condition';

describe('parseCondition', () => {
  it('parses comparisons, precedence and parentheses', () => {
    const condition = parseCondition('trust >= 3 and not (distress > 3 or readiness < 1)');
    expect(evaluateCondition(condition, { trust: 3, distress: 1, readiness: 2 })).toBe(true);
    expect(evaluateCondition(condition, { trust: 3, distress: 4, readiness: 2 })).toBe(false);
    expect(evaluateCondition(condition, { trust: 2, distress: 1, readiness: 2 })).toBe(false);
    // and binds tighter than or
    expect(evaluateCondition(parseCondition('a == 1 or a == 2 and b == 3'), { a: 1, b: 0 })).toBe(
      true,
    );
    expect(evaluateCondition(parseCondition('(a == 1 or a == 2) and b == 3'), { a: 1, b: 0 })).toBe(
      false,
    );
  });

  it('compares variables with variables and signed numbers', () => {
    expect(evaluateCondition(parseCondition('trust > distress'), { trust: 2, distress: 1 })).toBe(
      true,
    );
    expect(evaluateCondition(parseCondition('mood >= -1'), { mood: -1 })).toBe(true);
    expect(evaluateCondition(parseCondition('mood != 0'), {})).toBe(false);
    expect(evaluateCondition(parseCondition('true and not false'), {})).toBe(true);
  });

  it.each([
    ['trust = 3', 'use "==" to compare at position 7 in "trust = 3"'],
    [
      'trust >= 3 && calm',
      'use "and", "or", "not" instead of "&" at position 12 in "trust >= 3 && calm"',
    ],
    ['trust >=', 'expected a variable or a number but found the end at position 9 in "trust >="'],
    ['(trust > 1', 'expected ")" but found the end at position 11 in "(trust > 1"'],
    [
      'trust',
      'expected a comparison (<, <=, >, >=, ==, !=) but found the end at position 6 in "trust"',
    ],
    ['trust > 1 2', 'unexpected "2" at position 11 in "trust > 1 2"'],
    ['and > 1', 'expected a variable or a number but found "and" at position 1 in "and > 1"'],
    ['trust > 1; drop', 'unexpected ";" at position 10 in "trust > 1; drop"'],
  ])('refuses %j with a message that says where', (source, message) => {
    expect(() => parseCondition(source)).toThrow(message);
  });

  it('lists the variables a condition reads', () => {
    expect(conditionVariables(parseCondition('a > 1 and (b < c or not a == 2)')).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

const names = ['a', 'b', 'c'] as const;
const operand = fc.oneof(
  fc.constantFrom(...names).map((name) => ({ kind: 'variable' as const, name })),
  fc.integer({ min: -5, max: 5 }).map((value) => ({ kind: 'number' as const, value })),
);
const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('compare' as const),
      left: operand,
      op: fc.constantFrom('<', '<=', '>', '>=', '==', '!=' as const),
      right: operand,
    }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('node') }),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      operands: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).node;

function print(node: Condition): string {
  switch (node.kind) {
    case 'literal':
      return String(node.value);
    case 'compare': {
      const side = (o: typeof node.left) => (o.kind === 'number' ? String(o.value) : o.name);
      return `${side(node.left)} ${node.op} ${side(node.right)}`;
    }
    case 'not':
      return `not (${print(node.operand)})`;
    case 'and':
    case 'or':
      return node.operands.map((o) => `(${print(o)})`).join(` ${node.kind} `);
  }
}

describe('condition language properties', () => {
  it('printing and parsing preserves meaning for any variables', () => {
    fc.assert(
      fc.property(
        condition,
        fc.record({
          a: fc.integer({ min: -5, max: 5 }),
          b: fc.integer({ min: -5, max: 5 }),
          c: fc.integer({ min: -5, max: 5 }),
        }),
        (ast, vars) => {
          expect(evaluateCondition(parseCondition(print(ast)), vars)).toBe(
            evaluateCondition(ast, vars),
          );
        },
      ),
    );
  });

  it('formatCondition writes a condition that parses back to the same meaning, and is stable', () => {
    fc.assert(
      fc.property(
        condition,
        fc.record({
          a: fc.integer({ min: -5, max: 5 }),
          b: fc.integer({ min: -5, max: 5 }),
          c: fc.integer({ min: -5, max: 5 }),
        }),
        (ast, vars) => {
          const text = formatCondition(ast);
          expect(evaluateCondition(parseCondition(text), vars)).toBe(evaluateCondition(ast, vars));
          expect(formatCondition(parseCondition(text))).toBe(text);
        },
      ),
    );
  });

  it('formatCondition uses only the parentheses the meaning needs', () => {
    const source = 'trust >= 3 and not (distress > 3 or readiness < 1)';
    expect(formatCondition(parseCondition(source))).toBe(source);
    expect(formatCondition(parseCondition('(a == 1 or a == 2) and b == 3'))).toBe(
      '(a == 1 or a == 2) and b == 3',
    );
    expect(formatCondition(parseCondition('a == 1 or (a == 2 and b == 3)'))).toBe(
      'a == 1 or a == 2 and b == 3',
    );
    expect(formatCondition(parseCondition('not not mood != -1'))).toBe('not not mood != -1');
  });

  it('never throws anything but a syntax error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          parseCondition(text);
        } catch (error) {
          expect((error as Error).name).toBe('ConditionSyntaxError');
        }
      }),
    );
  });
});
