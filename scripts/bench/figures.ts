/**
 * A bench figure: its printed line and, for `npm run bench -- --json`, its name, value and
 * unit. A section may also return plain lines (notes, such as a section skipped).
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  text: string;
}

export type BenchLine = string | Figure;

export const figure = (name: string, value: number, unit: string, text: string): Figure => ({
  name,
  value,
  unit,
  text,
});

/** The middle of a few timings (ms): one noisy run on a shared machine moves it little. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
