import { z } from 'zod/mini';

/**
 * What an IATI import (src/server/iati) says about a file: what it left out (notes) and why it refused the
 * file (refusals), as a stable code with parameters, so that the admin page says it in the user's language
 * (src/app/i18n/iatiStrings.ts), plus the English message for the CLI and logs. The templates below are that
 * English; `{name}` is replaced by the parameter `name`. A code is never renamed or reused for another
 * meaning: an older page shows the message of a code it does not know.
 */
export const IATI_NOTE_EN = {
  participating_org_invalid: 'participating-org on line {line} left out (no valid ref or role)',
  activity_date_invalid: 'activity-date on line {line} left out (type or date not valid)',
  sectors_other_vocabulary: '{count} sector(s) of other vocabularies left out',
  sectors_percentages: 'sectors left out: their percentages do not add up to 100',
  location_point_invalid: 'location on line {line}: point left out (not "lat lon")',
  budget_invalid: 'budget on line {line} left out (period, value or currency missing or not valid)',
  indicator_measure: 'indicator on line {line} left out (measure {measure}: only 1 unit, 2 percentage)',
  transaction_incomplete: 'transaction on line {line} left out (date, value or currency missing)',
  planned_disbursement_incomplete:
    'planned-disbursement on line {line} left out (period, value or currency missing)',
  field_invalid: '{field} left out: not a valid value',
  record_invalid: 'not a valid record once mapped',
  deleted_in_terrain: 'deleted in Terrain',
} as const;
export type IatiNoteCode = keyof typeof IATI_NOTE_EN;

/** Why a file is refused. The xml_* messages are the XML parser's own (saxes), kept word for word. */
export const IATI_REFUSAL_EN = {
  doctype_refused: 'a DOCTYPE is not allowed (no DTD or entity is read)',
  no_element: 'the file holds no XML element',
  wrong_root: 'the root element is <{name}>, not <iati-activities>',
  missing_identifier: 'activity {activity} has no iati-identifier',
  identifier_too_long: 'activity {activity}: iati-identifier longer than {max}',
  duplicate_identifier: 'activity {activity} repeats iati-identifier {identifier}',
  xml_unexpected_close_tag: 'unexpected close tag.',
  xml_unclosed_tag: 'unclosed tag: {name}',
  xml_unmatched_close_tag: 'unmatched closing tag: {name}.',
  xml_unexpected_end: 'unexpected end.',
  xml_undefined_entity: 'undefined entity.',
  xml_no_root: 'document must contain a root element.',
  xml_text_outside_root: 'text data outside of root node.',
  /** Any other parse error: the parser's sentence as the detail. */
  xml_malformed: '{detail}',
} as const;
export type IatiRefusalCode = keyof typeof IATI_REFUSAL_EN;

export type IatiParams = Record<string, string | number>;

/** A note or refusal as it travels: the code, its parameters and the English sentence. */
export const IatiMessage = z.object({
  code: z.string().check(z.maxLength(64)),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type IatiMessage = z.infer<typeof IatiMessage>;

/** `{name}` in `template` replaced by `params.name` (left as is when there is no such parameter). */
export function fillTemplate(template: string, params: IatiParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function iatiNote(code: IatiNoteCode, params: IatiParams = {}): IatiMessage {
  return { code, params, message: fillTemplate(IATI_NOTE_EN[code], params) };
}

export function iatiRefusal(code: IatiRefusalCode, params: IatiParams = {}): IatiMessage {
  return { code, params, message: fillTemplate(IATI_REFUSAL_EN[code], params) };
}

/** saxes' messages that have a code of their own; any other is `xml_malformed` with the message as detail. */
const XML_ERRORS: [RegExp, IatiRefusalCode, string[]][] = [
  [/^unexpected close tag\.$/, 'xml_unexpected_close_tag', []],
  [/^unclosed tag: (.+)$/, 'xml_unclosed_tag', ['name']],
  [/^unmatched closing tag: (.+)\.$/, 'xml_unmatched_close_tag', ['name']],
  [/^unexpected end\.$/, 'xml_unexpected_end', []],
  [/^undefined entity\.$/, 'xml_undefined_entity', []],
  [/^document must contain a root element\.$/, 'xml_no_root', []],
  [/^text data outside of root node\.$/, 'xml_text_outside_root', []],
];

export function xmlRefusal(parserMessage: string): IatiMessage {
  for (const [pattern, code, names] of XML_ERRORS) {
    const match = pattern.exec(parserMessage);
    if (match) return iatiRefusal(code, Object.fromEntries(names.map((n, i) => [n, match[i + 1] ?? ''])));
  }
  return iatiRefusal('xml_malformed', { detail: parserMessage });
}
