import { describe, expect, it } from 'vitest';
import { inlineParameters } from './stack';

describe('inlineParameters', () => {
  it('inlines parameters as escaped literals', () => {
    expect(
      inlineParameters('select $1, $2, $3, $4, $10', [
        "it's",
        3,
        true,
        null,
        'x',
        '',
        '',
        '',
        '',
        'ten',
      ]),
    ).toBe("select 'it''s', 3, true, null, 'ten'");
  });
  it('refuses what it cannot write safely', () => {
    expect(() => inlineParameters('select $1', [{}])).toThrow('unsupported SQL parameter $1');
  });
});
