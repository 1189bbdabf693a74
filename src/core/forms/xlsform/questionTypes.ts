import type { QuestionType } from '../definition';

/** What a `type` cell means, after XLSForm's aliases and old spellings are resolved. */
export type ParsedType =
  | { kind: 'question'; type: QuestionType; appearance?: string }
  | {
      kind: 'select';
      type: 'select_one' | 'select_multiple' | 'rank';
      listName: string;
      orOther: boolean;
      /** select_*_from_file: the attached file holding the choices (listName is its base name, as in pyxform). */
      itemsetFile?: string;
    }
  /** `begin loop over LIST` names its list. */
  | { kind: 'begin' | 'end'; block: 'group' | 'repeat' | 'loop'; listName?: string }
  /** start, end, today, deviceid, username: hidden questions the engine fills (appearance `meta:<type>`). */
  | { kind: 'meta'; meta: string }
  /** Metadata a browser cannot collect (SIM serial, phone number…): kept as an empty hidden question, with a warning. */
  | { kind: 'skippedMeta'; meta: string }
  | { kind: 'unsupported'; message: string }
  | { kind: 'unknown' };

const SIMPLE: Record<string, QuestionType> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  range: 'range',
  date: 'date',
  time: 'time',
  datetime: 'dateTime',
  geopoint: 'geopoint',
  gps: 'geopoint',
  geotrace: 'geotrace',
  geoshape: 'geoshape',
  image: 'image',
  photo: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
  barcode: 'barcode',
  note: 'note',
  calculate: 'calculate',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
  hidden: 'hidden',
};

const META = new Set(['start', 'end', 'today', 'deviceid', 'username']);
const SKIPPED_META = new Set([
  'phonenumber',
  'simserial',
  'subscriberid',
  'email',
  'audit',
  'start-geopoint',
  'background-audio',
  'background-geopoint',
]);

const SELECT =
  /^(select_one|select one|select1|select_multiple|select multiple|select all that apply)\s+(?:from\s+)?(\S+)(?:\s+(or_other|or specify other))?$/i;
const RANK = /^rank\s+(\S+)$/i;
const FROM_FILE = /^(select_one|select_multiple)_from_file\s+(\S+?\.(csv|xml|geojson))$/i;
const BLOCK = /^(begin|end)[ _](group|repeat|loop)\b/;
const LOOP = /^begin[ _]loop\s+over\s+(\S+)$/i;

const UNSUPPORTED: [RegExp, string][] = [
  [/^select_(one|multiple)_from_file\b/, 'name the choices file: a .csv, .xml or .geojson file'],
  [
    /^select_(one|multiple)_external\b/,
    'external choices are not supported: copy them into the choices sheet',
  ],
  [
    /^(select_one|select_multiple|select one|select all that apply)$/i,
    'name the choice list: select_one LIST',
  ],
  [/^rank$/, 'name the choice list: rank LIST'],
  [/^(xml-external|csv-external)\b/, 'external data files are not supported'],
  [/^(begin|end)[ _]?(rank|table)\b/, 'this block type is not supported'],
];

/** Resolves a `type` cell (case and spacing as the author wrote them). */
export function parseType(cell: string): ParsedType {
  const text = cell.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  // Matched on the text as written: the list name keeps its case, lists are matched exactly as in pyxform.
  const select = SELECT.exec(text);
  if (select) {
    const multiple = /multiple|all that apply/i.test(select[1] ?? '');
    const type = multiple ? 'select_multiple' : 'select_one';
    return { kind: 'select', type, listName: select[2] ?? '', orOther: !!select[3] };
  }
  const rank = RANK.exec(text);
  if (rank) return { kind: 'select', type: 'rank', listName: rank[1] ?? '', orOther: false };
  const fromFile = FROM_FILE.exec(text);
  if (fromFile) {
    const type = fromFile[1]?.toLowerCase() === 'select_one' ? 'select_one' : 'select_multiple';
    const itemsetFile = fromFile[2] ?? '';
    return {
      kind: 'select',
      type,
      listName: itemsetFile.replace(/\.[^.]+$/, ''),
      orOther: false,
      itemsetFile,
    };
  }
  const loop = LOOP.exec(text);
  if (loop) return { kind: 'begin', block: 'loop', listName: loop[1] ?? '' };
  const block = BLOCK.exec(lower);
  if (block?.[1] === 'begin' && block[2] === 'loop')
    return { kind: 'unsupported', message: 'name the choice list: begin loop over LIST' };
  if (block) return { kind: block[1] as 'begin' | 'end', block: block[2] as 'group' | 'repeat' | 'loop' };
  const simple = SIMPLE[lower];
  if (simple) return { kind: 'question', type: simple };
  if (lower === 'phone number' || lower === 'phone_number')
    return { kind: 'question', type: 'text', appearance: 'numbers' };
  const meta = lower.replace(/^uri:/, '');
  if (META.has(meta)) return { kind: 'meta', meta };
  if (SKIPPED_META.has(meta)) return { kind: 'skippedMeta', meta };
  for (const [pattern, message] of UNSUPPORTED) {
    if (pattern.test(lower)) return { kind: 'unsupported', message };
  }
  return { kind: 'unknown' };
}
