/**
 * The scenario condition language: small, safe, never `eval`ed.
 *
 *   condition  := or
 *   or         := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" condition ")" | comparison | "true" | "false"
 *   comparison := operand ("<" | "<=" | ">" | ">=" | "==" | "!=") operand
 *   operand    := variable name | integer (optionally signed)
 *
 * Example: `trust >= 3 and not (distress > 3 or readiness < 1)`.
 */

export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Operand = { kind: 'variable'; name: string } | { kind: 'number'; value: number };

export type Condition =
  | { kind: 'literal'; value: boolean }
  | { kind: 'compare'; left: Operand; op: Comparator; right: Operand }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; operands: Condition[] };

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
  ) {
    super(`${message} at position ${offset + 1} in "${source}"`);
    this.name = 'ConditionSyntaxError';
  }
}

type Token =
  | { kind: 'name'; text: string; offset: number }
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'op'; text: Comparator; offset: number }
  | { kind: 'paren'; text: '(' | ')'; offset: number }
  | { kind: 'end'; offset: number };

const COMPARATORS: readonly Comparator[] = ['<=', '>=', '==', '!=', '<', '>'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const number = /^-?\d+/.exec(rest);
    const previous = tokens[tokens.length - 1];
    // A leading minus is a sign only where an operand may start.
    const operandExpected =
      !previous ||
      previous.kind === 'op' ||
      (previous.kind === 'paren' && previous.text === '(') ||
      (previous.kind === 'name' && ['and', 'or', 'not'].includes(previous.text));
    if (number && (operandExpected || !number[0].startsWith('-'))) {
      tokens.push({ kind: 'number', value: Number(number[0]), offset: index });
      index += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], offset: index });
      index += name[0].length;
      continue;
    }
    const op = COMPARATORS.find((candidate) => rest.startsWith(candidate));
    if (op) {
      tokens.push({ kind: 'op', text: op, offset: index });
      index += op.length;
      continue;
    }
    const char = rest[0];
    if (char === '(' || char === ')') {
      tokens.push({ kind: 'paren', text: char, offset: index });
      index += 1;
      continue;
    }
    if (char === '=') throw new ConditionSyntaxError('use "==" to compare', source, index);
    if (char === '&' || char === '|' || char === '!') {
      throw new ConditionSyntaxError(`use "and", "or", "not" instead of "${char}"`, source, index);
    }
    throw new ConditionSyntaxError(`unexpected "${char}"`, source, index);
  }
  tokens.push({ kind: 'end', offset: source.length });
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);

/** Parses a condition; throws ConditionSyntaxError saying where and what is wrong. */
export function parseCondition(source: string): Condition {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position] ?? { kind: 'end', offset: source.length };
  const next = (): Token => {
    const token = peek();
    position++;
    return token;
  };
  const isWord = (token: Token, word: string) => token.kind === 'name' && token.text === word;
  const describe = (token: Token) =>
    token.kind === 'end'
      ? 'the end'
      : token.kind === 'number'
        ? `"${token.value}"`
        : `"${token.text}"`;

  const operand = (): Operand => {
    const token = next();
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind === 'name' && !KEYWORDS.has(token.text))
      return { kind: 'variable', name: token.text };
    throw new ConditionSyntaxError(
      `expected a variable or a number but found ${describe(token)}`,
      source,
      token.offset,
    );
  };

  const unary = (): Condition => {
    const token = peek();
    if (isWord(token, 'not')) {
      next();
      return { kind: 'not', operand: unary() };
    }
    if (isWord(token, 'true') || isWord(token, 'false')) {
      next();
      return { kind: 'literal', value: token.kind === 'name' && token.text === 'true' };
    }
    if (token.kind === 'paren' && token.text === '(') {
      next();
      const inner = or();
      const close = next();
      if (close.kind !== 'paren' || close.text !== ')') {
        throw new ConditionSyntaxError(
          `expected ")" but found ${describe(close)}`,
          source,
          close.offset,
        );
      }
      return inner;
    }
    const left = operand();
    const op = next();
    if (op.kind !== 'op') {
      throw new ConditionSyntaxError(
        `expected a comparison (<, <=, >, >=, ==, !=) but found ${describe(op)}`,
        source,
        op.offset,
      );
    }
    return { kind: 'compare', left, op: op.text, right: operand() };
  };

  const chain = (word: 'and' | 'or', part: () => Condition) => (): Condition => {
    const operands = [part()];
    while (isWord(peek(), word)) {
      next();
      operands.push(part());
    }
    return operands.length === 1 ? operands[0]! : { kind: word, operands };
  };
  const and = chain('and', unary);
  const or = chain('or', and);

  const condition = or();
  const trailing = peek();
  if (trailing.kind !== 'end') {
    throw new ConditionSyntaxError(`unexpected ${describe(trailing)}`, source, trailing.offset);
  }
  return condition;
}

/** Evaluates a parsed condition against the scenario's variables. Unknown variables are 0. */
export function evaluateCondition(
  condition: Condition,
  variables: Readonly<Record<string, number>>,
): boolean {
  const value = (operand: Operand) =>
    operand.kind === 'number' ? operand.value : (variables[operand.name] ?? 0);
  switch (condition.kind) {
    case 'literal':
      return condition.value;
    case 'not':
      return !evaluateCondition(condition.operand, variables);
    case 'and':
      return condition.operands.every((operand) => evaluateCondition(operand, variables));
    case 'or':
      return condition.operands.some((operand) => evaluateCondition(operand, variables));
    case 'compare': {
      const left = value(condition.left);
      const right = value(condition.right);
      switch (condition.op) {
        case '<':
          return left < right;
        case '<=':
          return left <= right;
        case '>':
          return left > right;
        case '>=':
          return left >= right;
        case '==':
          return left === right;
        case '!=':
          return left !== right;
      }
    }
  }
}

/** Every variable a condition reads, for "unknown variable" checks. */
export function conditionVariables(condition: Condition): string[] {
  switch (condition.kind) {
    case 'literal':
      return [];
    case 'not':
      return conditionVariables(condition.operand);
    case 'and':
    case 'or':
      return [...new Set(condition.operands.flatMap(conditionVariables))];
    case 'compare':
      return [condition.left, condition.right].flatMap((operand) =>
        operand.kind === 'variable' ? [operand.name] : [],
      );
  }
}

/**
 * A condition written back in the condition language, with only the parentheses its
 * meaning needs (`and` binds tighter than `or`): what the scenario map labels routes with.
 */
export function formatCondition(condition: Condition): string {
  const operand = (o: Operand) => (o.kind === 'number' ? String(o.value) : o.name);
  const inner = (part: Condition, parent: 'and' | 'or' | 'not') => {
    const text = formatCondition(part);
    const needsParens =
      (parent === 'not' && (part.kind === 'and' || part.kind === 'or')) ||
      (parent === 'and' && part.kind === 'or') ||
      // Nested chains of the same kind keep their grouping visible.
      (part.kind === parent && parent !== 'not');
    return needsParens ? `(${text})` : text;
  };
  switch (condition.kind) {
    case 'literal':
      return String(condition.value);
    case 'compare':
      return `${operand(condition.left)} ${condition.op} ${operand(condition.right)}`;
    case 'not':
      return `not ${inner(condition.operand, 'not')}`;
    case 'and':
    case 'or':
      return condition.operands
        .map((part) => inner(part, condition.kind))
        .join(` ${condition.kind} `);
  }
}
