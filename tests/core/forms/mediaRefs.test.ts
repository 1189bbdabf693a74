import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mediaRefsOf } from '../../../src/core/forms/mediaRefs';

const ref = (c: string, name = `${c}.jpg`) => ({ sha256: c.repeat(64), name, type: 'image/jpeg', size: 3 });

describe('mediaRefsOf', () => {
  it('finds every file answer, in repeats too, once per SHA-256', () => {
    const answers = {
      site: 'Puits',
      photo: ref('a'),
      location: { latitude: 1, longitude: 2 },
      visits: [
        { photo: ref('b'), audio: ref('c') },
        { photo: ref('a', 'again.jpg') },
        { nested: [{ f: ref('d') }] },
      ],
    };
    expect(mediaRefsOf(answers).map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']);
  });

  it('ignores what only looks like one', () => {
    expect(mediaRefsOf({ a: { sha256: 'nope', name: 'x', type: '', size: 1 }, b: 'a'.repeat(64) })).toEqual(
      [],
    );
    expect(mediaRefsOf(null)).toEqual([]);
    expect(mediaRefsOf('text')).toEqual([]);
  });

  it('finds exactly the refs placed anywhere in arbitrary answers (property)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    const mediaRef = fc.record({
      sha256: hex,
      name: fc.string({ minLength: 1, maxLength: 20 }),
      type: fc.constant('image/jpeg'),
      size: fc.nat(),
    });
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), mediaRef);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (answers) => {
        const expected = new Set<string>();
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') {
            if ('sha256' in v) expected.add((v as { sha256: string }).sha256);
            else Object.values(v).forEach(walk);
          }
        };
        walk(answers);
        expect(new Set(mediaRefsOf(answers).map((r) => r.sha256))).toEqual(expected);
      }),
    );
  });
});
