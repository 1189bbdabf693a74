import { languageCode } from './languages';

/**
 * What a column header means. XLSForm spells columns many ways (`list name`, `bind::relevant`,
 * `bind:jr:constraintMsg`, `label::English (en)`, `image`); every spelling maps to one canonical key, and
 * translatable columns carry their language (undefined: the default language).
 */
export interface Column {
  /** The header as written, for messages. */
  header: string;
  key: string;
  translatable: boolean;
  lang?: string | undefined;
}

/** Canonical keys of translatable columns, with their spellings (lowercase, `:` for `::`). */
const TRANSLATABLE: Record<string, string[]> = {
  label: ['label', 'caption'],
  hint: ['hint'],
  guidance_hint: ['guidance_hint', 'guidance hint'],
  required_message: [
    'required_message',
    'required message',
    'bind:jr:requiredmsg',
    'jr:requiredmsg',
    'requiredmsg',
  ],
  constraint_message: [
    'constraint_message',
    'constraint message',
    'constraining_message',
    'bind:jr:constraintmsg',
    'jr:constraintmsg',
    'constraintmsg',
  ],
  'media:image': ['media:image', 'image'],
  'media:big-image': ['media:big-image', 'big-image'],
  'media:audio': ['media:audio', 'audio'],
  'media:video': ['media:video', 'video'],
};

/** Canonical keys of the other columns, with their spellings. */
const PLAIN: Record<string, string[]> = {
  type: ['type'],
  name: ['name', 'value'],
  list_name: ['list_name', 'list name'],
  required: ['required', 'bind:required'],
  relevant: ['relevant', 'relevance', 'bind:relevant'],
  constraint: ['constraint', 'bind:constraint'],
  default: ['default'],
  calculation: ['calculation', 'calculate', 'bind:calculate'],
  read_only: ['read_only', 'readonly', 'read only', 'bind:readonly'],
  choice_filter: ['choice_filter', 'choice filter'],
  appearance: ['appearance', 'control:appearance'],
  parameters: ['parameters'],
  trigger: ['trigger'],
  repeat_count: ['repeat_count', 'repeat count', 'count', 'control:jr:count', 'jr:count'],
  hxl: ['hxl', 'instance:hxl'],
  // Terrain's own (neither ODK nor KoboToolbox has one): pyxform keeps unknown columns out of the XForm, so a
  // form carrying it still converts there; `instance::` would put it in the XForm's instance, as Kobo's hxl.
  personal_data: ['personal_data', 'personal data', 'personal-data', 'instance:personal_data'],
};

const normalize = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/\s*::?\s*/g, ':');

const PLAIN_BY_SPELLING = new Map(
  Object.entries(PLAIN).flatMap(([key, spellings]) => spellings.map((s) => [s, key] as const)),
);
/** Longest spellings first, so `media:image:english` is read as media:image in English, not as `media`. */
const TRANSLATABLE_SPELLINGS = Object.entries(TRANSLATABLE)
  .flatMap(([key, spellings]) => spellings.map((s) => ({ key, spelling: s })))
  .sort((a, b) => b.spelling.length - a.spelling.length);

/** The meaning of a header, or undefined for a column Terrain does not use. */
export function parseColumn(header: string): Column | undefined {
  const norm = normalize(header);
  const plain = PLAIN_BY_SPELLING.get(norm);
  if (plain) return { header, key: plain, translatable: false };
  for (const { key, spelling } of TRANSLATABLE_SPELLINGS) {
    if (norm === spelling) return { header, key, translatable: true };
    if (norm.startsWith(`${spelling}:`)) {
      // The language as written (case and accents kept): the segments after the spelling's own.
      const segments = header.trim().split(/\s*::?\s*/);
      const written = segments.slice(spelling.split(':').length).join(':');
      return { header, key, translatable: true, lang: languageCode(written) };
    }
  }
  return undefined;
}
