/**
 * How deep a change's JSON may nest. Real records nest a dozen levels at most (a point of a geoshape in a
 * repeat in a group of a submission's answers); 64 leaves room for any form, while a value nested thousands
 * deep would overflow the stack of every recursive walk that reads it (JSON.stringify, zod, the merge).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` nests arrays and objects more than `max` levels deep (a scalar is 0 deep, `{}` 1).
 * Walks with its own stack, never recursion, so it answers for any depth; it stops at the first branch
 * too deep, and never visits more than the value holds.
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children)
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
