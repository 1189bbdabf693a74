/** Each figure on its own line as `name: value`, so runs can be compared by eye or by grep. */
export function report(name: string, value: string | number): void {
  console.log(`${name}: ${value}`);
}

/** The middle of a few runs: on a machine shared with other work a single run swings by a factor of two. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function timeMs(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
