/**
 * A scenario choice's evidence code for a learner: "+1: some evidence for the skill; the
 * best choice on offer was +3", or "… the best choice on offer" when it was.
 */
export function evidenceCodeText(code: number, best: number): string {
  const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
  const strength =
    code >= 3
      ? 'strong evidence for the skill'
      : code === 2
        ? 'good evidence for the skill'
        : code === 1
          ? 'some evidence for the skill'
          : code === 0
            ? 'no evidence either way'
            : code === -1
              ? 'some evidence against the skill'
              : code === -2
                ? 'evidence against the skill'
                : 'strong evidence against the skill';
  return code >= best
    ? `${signed(code)}: ${strength}; the best choice on offer`
    : `${signed(code)}: ${strength}; the best choice on offer was ${signed(best)}`;
}
