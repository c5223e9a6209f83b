import { describe, expect, it } from 'vitest';
import { loadFixtureScenario } from '../../../tests/support/scenario-fixtures';
import {
  availableChoices,
  playThrough,
  playToEnding,
  ScenarioRuntimeError,
  startingAt,
  startPosition,
} from './runtime';

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

describe('playThrough', () => {
  const mini = loadFixtureScenario('mini');

  it('plays to an ending with the picking rule, each decision with what was on offer', () => {
    const { position, decisions } = playToEnding(mini, (offered) => offered[0]!);
    expect(decisions.map((step) => [step.position.node, step.choice.id])).toEqual([
      ['a', 'good'],
      ['b', 'x'],
    ]);
    expect(decisions[1]!.offered.map((choice) => choice.id)).toEqual(['x', 'y']);
    expect(decisions[0]!.after).toEqual(decisions[1]!.position);
    expect(position).toEqual({ node: 'end-good', vars: { trust: 2 } });
  });

  it('only offers the choices whose conditions hold', () => {
    const { decisions } = playToEnding(mini, (offered) => offered.at(-1)!);
    expect(decisions.map((step) => step.choice.id)).toEqual(['bad', 'x']);
    expect(decisions[1]!.offered.map((choice) => choice.id)).toEqual(['x']);
  });

  it('picks lazily, one decision at a time, so a caller can stop early', () => {
    let picks = 0;
    for (const step of playThrough(mini, (offered) => (picks++, offered[0]!))) {
      expect(step.position.node).toBe('a');
      break;
    }
    expect(picks).toBe(1);
  });

  it('refuses a pick that is not on offer', () => {
    const elsewhere = mini.nodes.b!.choices![1]!;
    expect(() => playToEnding(mini, () => elsewhere)).toThrow(ScenarioRuntimeError);
  });
});
