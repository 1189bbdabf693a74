import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import {
  applyWrites,
  compareFieldValues,
  hlcAfter,
  mergeField,
  mergeStates,
  type FieldStates,
  type FieldWrite,
  type LostValue,
} from '../../../src/core/sync/merge';

/**
 * The merge rule's laws. Writes are generated as devices make them: a unique clock per field, a value, and
 * (sometimes) the clock of an earlier value of the field its author had seen, always below its own clock.
 */

const PATHS = ['status', 'comment', 'fieldComments.age'];

const rawWrite = fc.record({
  path: fc.constantFrom(...PATHS),
  wall: fc.integer({ min: 1, max: 12 }),
  counter: fc.integer({ min: 0, max: 2 }),
  node: fc.constantFrom('dev1', 'dev2', 'dev3', 'server'),
  by: fc.constantFrom('u-focal', 'u-super', null),
  /** Picks the base among the earlier writes of the field: -1 none, else an index into them. */
  sawIndex: fc.integer({ min: -1, max: 6 }),
});

/** Writes with unique (path, clock) and unique values; a base is always an earlier, smaller clock. */
const writesArb: fc.Arbitrary<FieldWrite[]> = fc.array(rawWrite, { maxLength: 14 }).map((raws) => {
  const out: FieldWrite[] = [];
  const seen = new Set<string>();
  raws.forEach((r, i) => {
    const hlc = encodeHlc({ wall: r.wall, counter: r.counter, node: r.node });
    if (seen.has(`${r.path} ${hlc}`)) return;
    seen.add(`${r.path} ${hlc}`);
    const earlier = out.filter((w) => w.path === r.path && w.hlc < hlc);
    const base = r.sawIndex >= 0 ? earlier[r.sawIndex % Math.max(1, earlier.length)]?.hlc : undefined;
    out.push({ path: r.path, value: `v${i}`, hlc, by: r.by, ...(base ? { base } : {}) });
  });
  return out;
});

/** `items` reordered by the keys (a permutation that fast-check can shrink). */
function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

const order = fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 });

function finalOf(writes: readonly FieldWrite[]): Map<string, FieldWrite> {
  const best = new Map<string, FieldWrite>();
  for (const w of writes) {
    const current = best.get(w.path);
    if (!current || compareFieldValues(w, current) > 0) best.set(w.path, w);
  }
  return best;
}

const key = (path: string, hlc: string) => `${path} ${hlc}`;

/** Every report is a real, beaten write, beaten by a real greater write whose author had not seen it. */
function expectSound(writes: readonly FieldWrite[], lost: readonly LostValue[]): void {
  const byKey = new Map(writes.map((w) => [key(w.path, w.hlc), w]));
  const final = finalOf(writes);
  for (const l of lost) {
    const losing = byKey.get(key(l.path, l.losing.hlc));
    const winning = byKey.get(key(l.path, l.winning.hlc));
    expect(losing?.value).toEqual(l.losing.value);
    expect(winning?.value).toEqual(l.winning.value);
    expect(compareFieldValues(l.winning, l.losing)).toBeGreaterThan(0);
    expect(final.get(l.path)?.hlc).not.toBe(l.losing.hlc);
    expect(l.winning.base === undefined || l.winning.base < l.losing.hlc).toBe(true);
  }
}

/** Every value that is not the final one is reported, unless a later write's author had seen it. */
function expectComplete(writes: readonly FieldWrite[], lost: readonly LostValue[]): void {
  const final = finalOf(writes);
  const reported = new Set(lost.map((l) => key(l.path, l.losing.hlc)));
  for (const w of writes) {
    if (final.get(w.path)?.hlc === w.hlc) continue;
    const seenLater = writes.some(
      (x) => x.path === w.path && compareFieldValues(x, w) > 0 && x.base !== undefined && x.base >= w.hlc,
    );
    if (!seenLater) expect(reported.has(key(w.path, w.hlc))).toBe(true);
  }
}

function singleton(w: FieldWrite): FieldStates {
  return applyWrites({}, [w]).state;
}

describe('per-field last-writer-wins merge', () => {
  it('gives the same state whatever the delivery order, equal to the join of all writes', () => {
    fc.assert(
      fc.property(writesArb, order, order, (writes, k1, k2) => {
        const a = applyWrites({}, shuffled(writes, k1)).state;
        const b = applyWrites({}, shuffled(writes, k2)).state;
        expect(a).toEqual(b);
        const joined = writes.map(singleton).reduce<FieldStates>((acc, s) => mergeStates(acc, s), {});
        expect(a).toEqual(joined);
        for (const [path, w] of finalOf(writes)) expect(a[path]?.hlc).toBe(w.hlc);
      }),
    );
  });

  it('merging states is commutative, associative and idempotent', () => {
    const state = writesArb.map((writes) => applyWrites({}, writes).state);
    fc.assert(
      fc.property(state, state, state, (a, b, c) => {
        expect(mergeStates(a, b)).toEqual(mergeStates(b, a));
        expect(mergeStates(mergeStates(a, b), c)).toEqual(mergeStates(a, mergeStates(b, c)));
        expect(mergeStates(a, a)).toEqual(a);
        expect(mergeStates(a, {})).toEqual(a);
      }),
    );
  });

  it('reports every lost value of a concurrent edit once, and nothing else, in any order', () => {
    fc.assert(
      fc.property(writesArb, order, (writes, keys) => {
        const { lost } = applyWrites({}, shuffled(writes, keys));
        expectSound(writes, lost);
        expectComplete(writes, lost);
        const keysReported = lost.map((l) => key(l.path, l.losing.hlc));
        expect(new Set(keysReported).size).toBe(keysReported.length);
      }),
    );
  });

  it('is idempotent: writes delivered again change nothing and keep the reports sound', () => {
    fc.assert(
      fc.property(writesArb, order, order, (writes, k1, k2) => {
        const once = applyWrites({}, shuffled(writes, k1));
        const again = applyWrites(once.state, shuffled(writes, k2));
        expect(again.state).toEqual(once.state);
        expect(again.changed).toEqual([]);
        const all = [...once.lost, ...again.lost];
        expectSound(writes, all);
        expectComplete(writes, all);
      }),
    );
  });

  it('reports nothing when a write replaces a value its author had seen, or writes the same value', () => {
    const first: FieldWrite = {
      path: 'status',
      value: 'verified',
      hlc: encodeHlc({ wall: 1, counter: 0, node: 'a' }),
      by: 'u1',
    };
    const knowing: FieldWrite = {
      ...first,
      value: 'approved',
      hlc: encodeHlc({ wall: 2, counter: 0, node: 'b' }),
      by: 'u2',
      base: first.hlc,
    };
    const blind: FieldWrite = { ...knowing, base: undefined };
    const same: FieldWrite = { ...first, hlc: encodeHlc({ wall: 3, counter: 0, node: 'c' }), by: 'u3' };
    expect(mergeField(singleton(first).status, knowing).lost).toBeNull();
    expect(mergeField(singleton(first).status, blind).lost).toMatchObject({
      path: 'status',
      losing: { value: 'verified', by: 'u1' },
      winning: { value: 'approved', by: 'u2' },
    });
    // The late, beaten write is reported whichever side arrives first.
    expect(mergeField(singleton(blind).status, first).lost).toMatchObject({ losing: { value: 'verified' } });
    expect(mergeField(singleton(first).status, same).lost).toBeNull();
  });

  it('breaks a tie on equal clocks by value, the same way on every replica', () => {
    const hlc = encodeHlc({ wall: 5, counter: 0, node: 'x' });
    const a: FieldWrite = { path: 'comment', value: 'a', hlc, by: 'u1' };
    const b: FieldWrite = { path: 'comment', value: 'b', hlc, by: 'u1' };
    expect(applyWrites({}, [a, b]).state).toEqual(applyWrites({}, [b, a]).state);
    expect(applyWrites({}, [a, b]).state.comment?.value).toBe('b');
  });

  it('hlcAfter gives the next clock, past the counter limit too', () => {
    const base = encodeHlc({ wall: 10, counter: 4, node: 'dev1' });
    expect(hlcAfter(base, 'server') > base).toBe(true);
    const full = encodeHlc({ wall: 10, counter: 99_999, node: 'zzz' });
    expect(hlcAfter(full, 'a')).toBe(encodeHlc({ wall: 11, counter: 0, node: 'a' }));
    expect(hlcAfter(full, 'a') > full).toBe(true);
  });
});
