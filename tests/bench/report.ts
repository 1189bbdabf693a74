/** Each figure on its own line as `name: value`, so runs can be compared by eye or by grep. */
export function report(name: string, value: string | number): void {
  console.log(`${name}: ${value}`);
}

export async function timeMs(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
