import type { LocalizedText } from '../i18n/localized';
import type { Organisation } from '../records/organisation';
import { escapeXml, xsdDecimal } from './xml';

/** The small XML writer the IATI activity and organisation files share. */

export type Attrs = Record<string, string | number | null | undefined>;

/** xsd:language, which xml:lang must match; other LocalizedText keys are left out rather than made invalid. */
const XSD_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const PREFERRED_LANGUAGES = ['fr', 'en'];

export function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? xsdDecimal(v) : v)}"`)
    .join('');
}

export function el(name: string, attributes: Attrs, children: string[] = []): string {
  const open = `<${name}${attrs(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

export function narrative(text: string): string {
  return `<narrative>${escapeXml(text)}</narrative>`;
}

/** The narratives of a text, French and English first; empty texts are left out. */
export function narratives(text: LocalizedText | undefined): string[] {
  if (!text) return [];
  const langs = Object.keys(text)
    .filter((lang) => XSD_LANGUAGE.test(lang) && (text[lang] ?? '').trim() !== '')
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return langs.map(
    (lang) => `<narrative xml:lang="${escapeXml(lang)}">${escapeXml(text[lang] ?? '')}</narrative>`,
  );
}

function rank(lang: string): number {
  const i = PREFERRED_LANGUAGES.indexOf(lang);
  return i < 0 ? PREFERRED_LANGUAGES.length : i;
}

/** Narratives of `text`, else one plain narrative of `fallback` (title and description require one). */
export function requiredNarratives(text: LocalizedText | undefined, fallback: string): string[] {
  const out = narratives(text);
  return out.length > 0 ? out : [narrative(fallback)];
}

export function orgElement(name: string, org: Organisation, extra: Attrs): string {
  return el(name, { ref: org.iatiId, type: org.type, ...extra }, [narrative(org.name)]);
}

/** An amount with its currency and value date (IATI's `value`). */
export function valueElement(value: number, currency: string, valueDate: string): string {
  return `<value${attrs({ currency, 'value-date': valueDate })}>${xsdDecimal(value)}</value>`;
}

/** A whole file: the declaration, comments saying what was left out, and its root element. */
export function xmlDocument(root: string, leftOut: readonly { id: string; reason: string }[]): string {
  // What is left out is said in the file itself, so whoever publishes it sees what is missing.
  const notes = leftOut.map((s) => `<!-- Left out: ${commentText(`${s.id}: ${s.reason}`)} -->\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${notes.join('')}${root}\n`;
}

/** Text safe inside an XML comment, which may not hold `--` nor end with `-`. */
function commentText(text: string): string {
  return text.replace(/-{2,}/g, '-').replace(/-$/, '');
}
