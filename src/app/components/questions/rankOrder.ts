/**
 * The order a rank question shows: the answer's choices that are still offered, in the answer's order,
 * then the offered choices it lacks, in list order (a partial or stale answer never hides a choice).
 */
export function rankOrder(offered: readonly string[], answer: readonly string[]): string[] {
  const kept = answer.filter((name, i) => offered.includes(name) && answer.indexOf(name) === i);
  return [...kept, ...offered.filter((name) => !kept.includes(name))];
}

/** `order` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem(order: readonly string[], from: number, to: number): string[] {
  const next = [...order];
  const last = next.length - 1;
  const [item] = next.splice(Math.min(Math.max(from, 0), last), 1);
  if (item !== undefined) next.splice(Math.min(Math.max(to, 0), last), 0, item);
  return next;
}
