/**
 * Language codes from XLSForm column suffixes: `label::Français (fr)` → fr, `label::English` → en. Forms
 * written for ODK name languages freely; Terrain keys text by BCP 47 code, so a code in parentheses wins,
 * then a table of the names NGO forms commonly use, then a slug of the name (still a stable key).
 */
const NAMED: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  french: 'fr',
  francais: 'fr',
  spanish: 'es',
  espanol: 'es',
  portuguese: 'pt',
  portugues: 'pt',
  arabic: 'ar',
  arabe: 'ar',
  chinese: 'zh',
  swahili: 'sw',
  kiswahili: 'sw',
  hausa: 'ha',
  bambara: 'bm',
  wolof: 'wo',
  fulfulde: 'ff',
  pulaar: 'ff',
  songhai: 'son',
  tamasheq: 'tmh',
  russian: 'ru',
  hindi: 'hi',
  urdu: 'ur',
  somali: 'so',
  amharic: 'am',
  german: 'de',
  italian: 'it',
};

const CODE_IN_PARENS = /\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*\)\s*$/;

/** Lowercase ASCII without accents, words joined by dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The code for a language as written after `::`, or undefined for the pyxform name `default` (and an empty
 * suffix): those columns hold the default language's text.
 */
export function languageCode(written: string): string | undefined {
  const inParens = CODE_IN_PARENS.exec(written);
  if (inParens?.[1]) {
    const [primary = '', ...rest] = inParens[1].split('-');
    return [primary.toLowerCase(), ...rest].join('-');
  }
  const slug = slugify(written);
  if (slug === '' || slug === 'default') return undefined;
  const named = NAMED[slug.replace(/-/g, '')];
  if (named) return named;
  // LocalizedText keys are 2 to 35 characters.
  return (slug.length < 2 ? `lang-${slug}` : slug).slice(0, 35);
}
