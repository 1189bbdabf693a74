/**
 * Finding a person's answers by a value they give. Agents type names as they hear them and numbers as they
 * like (`Maïga`, `MAIGA`; `76 12 34 56`, `76-12-34-56`, `+223 76123456`), so values are compared folded: no
 * case, no accents, any run of other characters as one space, and no space at all between two digits.
 * A value is found when the folded query is part of a folded answer (`Traoré` finds `Moussa Traoré`).
 */

/**
 * Letters NFKD does not decompose but a reader takes for plain ones: French ligatures, and the letters of
 * Bambara, Songhay, Fula and Tamasheq orthographies that French spellings of the same names write otherwise
 * (`Ɲɛlɛni` and `Nyeleni`). `ς` is the final form of `σ` (lowercasing chooses it by context).
 */
const LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ɲ: 'ny',
  ŋ: 'ng',
  ɛ: 'e',
  ɔ: 'o',
  ɓ: 'b',
  ɗ: 'd',
  ƴ: 'y',
  ǝ: 'e',
  ə: 'e',
  ς: 'σ',
};
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

/** One character folded alone: lowercase, compatibility-decomposed, accents dropped, letters mapped. */
function foldChar(char: string): string {
  return (
    char
      .toLowerCase()
      // Compatibility decomposition splits accents from letters (é → e + ´) and plain forms from styled
      // ones (ｆ → f, ² → 2); then the accents go.
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(LETTER_PATTERN, (letter) => LETTERS[letter] ?? letter)
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const NUMBER = /^\p{N}$/u;
/** What a folded character is: 0 a separator, 1 a letter, 2 a number. */
const kinds = new Map<string, 0 | 1 | 2>();
function kindOf(char: string): 0 | 1 | 2 {
  let kind = kinds.get(char);
  if (kind === undefined) {
    kind = NUMBER.test(char) ? 2 : LETTER_OR_NUMBER.test(char) ? 1 : 0;
    if (kinds.size < CACHE_SIZE) kinds.set(char, kind);
  }
  return kind;
}
const folds = new Map<string, string>();
/** Text holds a few hundred distinct characters; a hostile one cannot make the caches grow past this. */
const CACHE_SIZE = 20_000;

/** ASCII folded: the lowercase letter or digit, or '' for a separator. */
const ASCII = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code).toLowerCase();
  return /^[a-z0-9]$/.test(char) ? char : '';
});

/**
 * A value as searches compare it: lowercase, without accents, words split by one space, and no space between
 * two digits (a phone or identity number is the same however it is spaced or dotted). Every character is
 * folded alone (ASCII from a table, the rest through a cache): searches fold every answer of thousands of
 * submissions, and this is many times faster than the same steps as regular expressions over the whole
 * text, which tests/core/access checks it equals.
 */
export function foldText(text: string): string {
  const out: string[] = [];
  let gap = false;
  let lastDigit = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const c = ASCII[code] ?? '';
      if (c === '') {
        gap = true;
        continue;
      }
      const digit = code < 58;
      if (gap && out.length > 0 && !(digit && lastDigit)) out.push(' ');
      gap = false;
      out.push(c);
      lastDigit = digit;
      continue;
    }
    // A whole code point: a surrogate pair's two halves together.
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const pair = code >= 0xd800 && code < 0xdc00 && next >= 0xdc00 && next < 0xe000;
    const char = pair ? text.slice(i, i + 2) : (text[i] ?? '');
    if (pair) i++;
    for (const c of folds.get(char) ?? foldAndCache(char)) {
      const kind = kindOf(c);
      if (kind === 0) {
        gap = true;
        continue;
      }
      const digit = kind === 2;
      if (gap && out.length > 0 && !(digit && lastDigit)) out.push(' ');
      gap = false;
      out.push(c);
      lastDigit = digit;
    }
  }
  return out.join('');
}

function foldAndCache(char: string): string {
  const folded = foldChar(char);
  if (folds.size < CACHE_SIZE) folds.set(char, folded);
  return folded;
}

/** Where a value was found: the answer's path (`membre[2]/nom`, repeats numbered from 1) and its value. */
export interface AnswerHit {
  path: string;
  value: string;
}

/**
 * The answers holding `folded` (a query already folded, not empty), depth first in the answers' order. Every
 * text or number counts, whatever the question: a name may sit in a question nobody marked personal, and
 * `meta/instanceName` often repeats it.
 */
export function findInAnswers(answers: unknown, folded: string): AnswerHit[] {
  const hits: AnswerHit[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (foldText(text).includes(folded)) hits.push({ path, value: text });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i + 1}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}/${key}` : key);
    }
  };
  visit(answers, '');
  return hits;
}

/**
 * A first test on a stored record's JSON text, before it is parsed: false only when no answer of it can hold
 * `folded`. Folding is done character by character (but for joining digits, which only removes spaces), and
 * JSON writes a string's characters as they are but for its escapes; so once escapes are read back, every
 * answer's folded text is part of the folded record, and this test never misses a record `findInAnswers`
 * would find (tests/core/access checks it on generated records). It may pass records that hold the query
 * only across two answers or in a key: `findInAnswers` then decides.
 */
export function mayHoldInJson(json: string, folded: string): boolean {
  const text = json.includes('\\')
    ? json.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) =>
        escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : ' ',
      )
    : json;
  return foldText(text).includes(folded);
}
