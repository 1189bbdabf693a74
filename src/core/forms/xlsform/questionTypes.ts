import type { QuestionType } from '../definition';

/** What a `type` cell means, after XLSForm's aliases and old spellings are resolved. */
export type ParsedType =
  | { kind: 'question'; type: QuestionType; appearance?: string; constraint?: string; osm?: boolean }
  | {
      kind: 'select';
      type: 'select_one' | 'select_multiple' | 'rank';
      listName: string;
      orOther: boolean;
      /** select_*_from_file: the attached file holding the choices (listName is its base name, as in pyxform). */
      itemsetFile?: string;
      /** select_one_external: the list is in the external_choices sheet (ODK ships it as itemsets.csv). */
      external?: boolean;
    }
  /** `begin loop over LIST` names its list. */
  | { kind: 'begin' | 'end'; block: 'group' | 'repeat' | 'loop'; listName?: string }
  /** start, end, today, deviceid, username: hidden questions the engine fills (appearance `meta:<type>`). */
  | { kind: 'meta'; meta: string }
  /** Metadata a browser cannot collect (SIM serial, phone number…): kept as an empty hidden question, with a warning. */
  | { kind: 'skippedMeta'; meta: string }
  /** csv-external / xml-external: no question, the attached file `<name>.csv|xml` read by instance('<name>'). */
  | { kind: 'external'; extension: 'csv' | 'xml' }
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
  // Legacy spellings from pyxform's question type dictionary (old ODK Build and XLSForm 0.x forms).
  location: 'geopoint',
  'date time': 'dateTime',
  'q string': 'text',
  'q int': 'integer',
  'q decimal': 'decimal',
  'q date': 'date',
  'q date time': 'dateTime',
  'q datetime': 'dateTime',
  'q geopoint': 'geopoint',
  'q geoshape': 'geoshape',
  'q geotrace': 'geotrace',
  'q location': 'geopoint',
  'q barcode': 'barcode',
  'q note': 'note',
  'q calculate': 'calculate',
  'q acknowledge': 'acknowledge',
  'q image': 'image',
  'q picture': 'image',
  'q audio': 'audio',
  'q video': 'video',
  'add text prompt': 'text',
  'add integer prompt': 'integer',
  'add decimal prompt': 'decimal',
  'add date prompt': 'date',
  'add date time prompt': 'dateTime',
  'add datetime prompt': 'dateTime',
  'add location prompt': 'geopoint',
  'add barcode prompt': 'barcode',
  'add note prompt': 'note',
  'add calculate prompt': 'calculate',
  'add acknowledge prompt': 'acknowledge',
  'add image prompt': 'image',
  'add photo prompt': 'image',
  'add audio prompt': 'audio',
  'add video prompt': 'video',
  'add file prompt': 'file',
};

/** Integer questions whose legacy type carries a bound (pyxform adds the same constraint). */
const BOUNDED: Record<string, string> = {
  percentage: '. >= 0 and . <= 100',
  'number of days in last month': '. >= 0 and . <= 31',
  'number of days in last six months': '. >= 0 and . <= 183',
  'number of days in last year': '. >= 0 and . <= 365',
};

/** Legacy names of metadata (pyxform's dictionary and alias table), as the metadata they are. */
const META_ALIASES: Record<string, string> = {
  imei: 'deviceid',
  'device id': 'deviceid',
  'get device id': 'deviceid',
  'start time': 'start',
  'get start time': 'start',
  'end time': 'end',
  'get end time': 'end',
  'get today': 'today',
  'sim id': 'simserial',
  'get sim id': 'simserial',
  'subscriber id': 'subscriberid',
  'get subscriber id': 'subscriberid',
  'get phone number': 'phonenumber',
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

/** pyxform's select aliases: `select one from`, `add select one prompt using`, `q select1`… */
const SELECT =
  /^(select_one|select one|select1|q select1|select_multiple|select multiple|q select|select all that apply|add select one prompt using|add select multiple prompt using|select one using|select multiple using)\s+(?:from\s+)?(\S+)(?:\s+(or_other|or specify other|or other))?$/i;
const RANK = /^rank\s+(\S+)$/i;
/** pyxform's only external select; there is no select_multiple_external. */
const EXTERNAL_SELECT = /^(?:select_one_external|select one external)\s+(\S+)$/i;
const FROM_FILE =
  /^(select_one|select_multiple|select one|select multiple)[_ ]from[_ ]file\s+(\S+?\.(csv|xml|geojson))$/i;
/** `csv-external NAME`, `xml-external NAME`: an attached file that expressions read with instance('NAME'). */
const EXTERNAL = /^(csv|xml)-external$/i;
const BLOCK = /^(begin|end)[ _](group|repeat|loop)\b/;
const LOOP = /^begin[ _]loop\s+over\s+(\S+)$/i;

const UNSUPPORTED: [RegExp, string][] = [
  [/^select_(one|multiple)_from_file\b/, 'name the choices file: a .csv, .xml or .geojson file'],
  [/^select_one_external$/, 'name the choice list: select_one_external LIST'],
  [
    /^(select_one|select_multiple|select one|select all that apply)$/i,
    'name the choice list: select_one LIST',
  ],
  [/^rank$/, 'name the choice list: rank LIST'],
  [/^(begin|end)[ _]?(rank|table)\b/, 'this block type is not supported'],
];

/** Resolves a `type` cell (case and spacing as the author wrote them). */
export function parseType(cell: string): ParsedType {
  const text = cell.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  // Matched on the text as written: the list name keeps its case, lists are matched exactly as in pyxform.
  const select = SELECT.exec(text);
  if (select) {
    const multiple = /multiple|all that apply|^q select$/i.test(select[1] ?? '');
    const type = multiple ? 'select_multiple' : 'select_one';
    return { kind: 'select', type, listName: select[2] ?? '', orOther: !!select[3] };
  }
  const externalSelect = EXTERNAL_SELECT.exec(text);
  if (externalSelect) {
    const listName = externalSelect[1] ?? '';
    return { kind: 'select', type: 'select_one', listName, orOther: false, external: true };
  }
  const rank = RANK.exec(text);
  if (rank) return { kind: 'select', type: 'rank', listName: rank[1] ?? '', orOther: false };
  const fromFile = FROM_FILE.exec(text);
  if (fromFile) {
    const type = /one/i.test(fromFile[1] ?? '') ? 'select_one' : 'select_multiple';
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
  // OpenMapKit's questions: Collect opens the OpenMapKit app, which saves an .osm file. A browser cannot run
  // that app: the file is asked for as an upload, and the tags (`osm LIST`, the osm sheet) are not used.
  if (/^osm(\s+\S+)?$/.test(lower)) return { kind: 'question', type: 'file', osm: true };
  const bounded = BOUNDED[lower];
  if (bounded) return { kind: 'question', type: 'integer', constraint: bounded };
  const external = EXTERNAL.exec(lower);
  if (external) return { kind: 'external', extension: external[1] as 'csv' | 'xml' };
  if (lower === 'phone number' || lower === 'phone_number')
    return { kind: 'question', type: 'text', appearance: 'numbers' };
  const meta = META_ALIASES[lower] ?? lower.replace(/^uri:/, '');
  if (META.has(meta)) return { kind: 'meta', meta };
  if (SKIPPED_META.has(meta)) return { kind: 'skippedMeta', meta };
  for (const [pattern, message] of UNSUPPORTED) {
    if (pattern.test(lower)) return { kind: 'unsupported', message };
  }
  return { kind: 'unknown' };
}
