import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInAnswers, foldText, mayHoldInJson } from '../../../src/core/access/personSearch';

describe('foldText', () => {
  it('ignores case, accents, punctuation and the spaces inside numbers', () => {
    expect(foldText('  Aminata MAÏGA ')).toBe('aminata maiga');
    expect(foldText('Traoré')).toBe(foldText('TRAORE'));
    expect(foldText("N'Diaye-Koné")).toBe('n diaye kone');
    expect(foldText('+223 76-12.34 56')).toBe('22376123456');
    expect(foldText('Cœur Ɲɛlɛni')).toBe('coeur nyeleni');
    expect(foldText('ＡＢＣ１２')).toBe('abc12');
  });

  it('equals the same steps run as regular expressions over the whole text', () => {
    const letters: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd' };
    Object.assign(letters, { þ: 'th', ı: 'i', ɲ: 'ny', ŋ: 'ng', ɛ: 'e', ɔ: 'o', ɓ: 'b', ɗ: 'd', ƴ: 'y' });
    Object.assign(letters, { ǝ: 'e', ə: 'e', ς: 'σ' });
    const reference = (text: string) =>
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[œæßøłđðþıɲŋɛɔɓɗƴǝəς]/gu, (l) => letters[l] ?? l)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .replace(/(\p{N}) (?=\p{N})/gu, '$1')
        .trim();
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'AΣσς 1-2.éÉİœ½²ﬁ\u0301ɲ'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(foldText(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const once = foldText(text);
        expect(foldText(once)).toBe(once);
      }),
    );
  });
});

describe('findInAnswers', () => {
  const answers = {
    respondent_name: 'Aminata Maïga',
    phone: '76 12 34 56',
    household_size: 7,
    membre: [
      { nom: 'Moussa Traoré', id: { nina: 12345678901 } },
      { nom: 'Awa Maïga', vaccin: [{ nom_vaccin: 'BCG' }] },
    ],
    meta: { instanceName: 'Ménage Aminata Maïga' },
  };

  it('finds a value anywhere, with the path of each answer that holds it (repeats numbered from 1)', () => {
    expect(findInAnswers(answers, foldText('maiga'))).toEqual([
      { path: 'respondent_name', value: 'Aminata Maïga' },
      { path: 'membre[2]/nom', value: 'Awa Maïga' },
      { path: 'meta/instanceName', value: 'Ménage Aminata Maïga' },
    ]);
    expect(findInAnswers(answers, foldText('76123456'))).toEqual([{ path: 'phone', value: '76 12 34 56' }]);
    expect(findInAnswers(answers, foldText('123 456 789 01'))).toEqual([
      { path: 'membre[1]/id/nina', value: '12345678901' },
    ]);
    expect(findInAnswers(answers, foldText('Fatoumata'))).toEqual([]);
  });

  it('finds whatever an answer holds, written in any case, with or without its accents', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(word, word, word, fc.boolean(), (before, value, after, upper) => {
        const folded = foldText(value);
        fc.pre(folded.length >= 3);
        const stored = { a: [{ b: `${before} ${value} ${after}` }] };
        const asked = upper ? value.toUpperCase() : value.normalize('NFD').replace(/\p{M}/gu, '');
        fc.pre(foldText(asked) === folded);
        expect(findInAnswers(stored, foldText(asked)).map((h) => h.path)).toEqual(['a[1]/b']);
        // The prefilter on the stored JSON text never misses what the exact search finds.
        expect(mayHoldInJson(JSON.stringify(stored), folded)).toBe(true);
      }),
    );
  });

  it('never lets the JSON prefilter miss a value the exact search finds, even with escapes', () => {
    const leaf = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.integer(),
      fc.double({ noNaN: true }),
    );
    const answersArb = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 5 }),
      fc.oneof(leaf, fc.array(fc.dictionary(fc.string({ maxLength: 3 }), leaf), { maxLength: 2 })),
    );
    fc.assert(
      fc.property(answersArb, fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), (data, query) => {
        const folded = foldText(query);
        fc.pre(folded.length > 0);
        if (findInAnswers(data, folded).length > 0)
          expect(mayHoldInJson(JSON.stringify(data), folded)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
