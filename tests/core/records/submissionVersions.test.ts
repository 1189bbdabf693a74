import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveVersions, type VersionLink } from '../../../src/core/records/submissionVersions';

/** Random forests of versions: each replaces an earlier one, none, or one that is missing here. */
const forest = fc
  .array(
    fc.record({
      parent: fc.oneof(fc.constant<number | null>(null), fc.nat(), fc.constant<number | null>(-1)),
      hlc: fc.constantFrom('', '001:a', '002:a', '002:b', '003:c'),
    }),
    { minLength: 1, maxLength: 14 },
  )
  .map((nodes) =>
    nodes.map((n, i): VersionLink => ({
      id: `v${String(i).padStart(2, '0')}`,
      replaces:
        n.parent === null || i === 0
          ? null
          : n.parent === -1
            ? `missing-${i % 3}`
            : `v${String(n.parent % i).padStart(2, '0')}`,
      hlc: n.hlc,
    })),
  );

describe('resolveVersions', () => {
  it('gives the same states whatever order the versions come in', () => {
    fc.assert(
      fc.property(
        forest.chain((links) =>
          fc.tuple(fc.constant(links), fc.shuffledSubarray(links, { minLength: links.length })),
        ),
        ([links, shuffled]) => {
          expect(resolveVersions(shuffled)).toEqual(resolveVersions(links));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('makes exactly one current version per chain: its latest leaf', () => {
    fc.assert(
      fc.property(forest, (links) => {
        const states = resolveVersions(links);
        const replaced = new Set(links.map((l) => l.replaces));
        const chains = new Map<string, VersionLink[]>();
        for (const link of links) {
          const root = states.get(link.id)!.root;
          chains.set(root, [...(chains.get(root) ?? []), link]);
        }
        for (const chain of chains.values()) {
          const current = chain.filter((l) => states.get(l.id)!.state === 'current');
          expect(current).toHaveLength(1);
          const leaves = chain.filter((l) => !replaced.has(l.id));
          const latest = [...leaves]
            .sort((a, b) => (a.hlc === b.hlc ? (a.id < b.id ? -1 : 1) : a.hlc < b.hlc ? -1 : 1))
            .at(-1)!;
          expect(current[0]!.id).toBe(latest.id);
          expect(states.get(latest.id)!.conflicts).toBe(leaves.length - 1);
          for (const link of chain) {
            const info = states.get(link.id)!;
            expect(info.current).toBe(latest.id);
            if (link.id !== latest.id)
              expect(info.state).toBe(replaced.has(link.id) ? 'superseded' : 'conflicting');
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('groups corrections of a version this device lacks into one chain', () => {
    const states = resolveVersions([
      { id: 'a', replaces: 'gone', hlc: '001' },
      { id: 'b', replaces: 'gone', hlc: '002' },
    ]);
    expect(states.get('b')).toMatchObject({ root: 'gone', state: 'current', conflicts: 1 });
    expect(states.get('a')).toMatchObject({ root: 'gone', state: 'conflicting', current: 'b' });
  });

  it('survives a cycle in corrupt data, deterministically', () => {
    const links = [
      { id: 'x', replaces: 'y', hlc: '1' },
      { id: 'y', replaces: 'x', hlc: '2' },
    ];
    const states = resolveVersions(links);
    expect(states.get('y')).toMatchObject({ root: 'x', state: 'current' });
    expect(states.get('x')).toMatchObject({ root: 'x', state: 'superseded', current: 'y' });
    expect(resolveVersions([...links].reverse())).toEqual(states);
  });
});
