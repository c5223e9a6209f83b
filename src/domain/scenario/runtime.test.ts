import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import { availableChoices, ScenarioRuntimeError, startingAt, startPosition } from './runtime';

describe('startingAt', () => {
  const mini = loadFixtureScenario('mini');

  it('starts play at a chosen node with chosen variable values, clamped to their bounds', () => {
    const fromB = startingAt(mini, 'b', { trust: 9 });
    expect(startPosition(fromB).position).toEqual({ node: 'b', vars: { trust: 3 } });
    expect(availableChoices(fromB, startPosition(fromB).position).map((c) => c.id)).toEqual([
      'x',
      'y',
    ]);
    expect(startPosition(startingAt(mini, 'b', {})).position.vars).toEqual({ trust: 1 });
    // The original is untouched.
    expect(mini.start).toBe('a');
    expect(mini.variables.trust!.initial).toBe(1);
  });

  it('passes through routes from a route node, as play would', () => {
    expect(startPosition(startingAt(mini, 'r', { trust: 0 })).position.node).toBe('end-poor');
    expect(startPosition(startingAt(mini, 'r', { trust: 2 })).position.node).toBe('end-good');
  });

  it('refuses a node that does not exist', () => {
    expect(() => startingAt(mini, 'nowhere', {})).toThrow(ScenarioRuntimeError);
  });
});
