import type { LocalizedText } from '../../../core/i18n/localized';

/** The two interface languages of a text, as the forms edit them. */
export interface TextPair {
  fr: string;
  en: string;
}

export const pairOf = (text: LocalizedText | undefined): TextPair => ({
  fr: text?.fr ?? '',
  en: text?.en ?? '',
});

/**
 * The text with French and English as typed, other languages it had kept (a form may carry more), and
 * empty ones dropped: an empty English title is no English title.
 */
export function textOf(pair: TextPair, initial: LocalizedText | undefined): LocalizedText {
  const text: LocalizedText = { ...initial, fr: pair.fr.trim(), en: pair.en.trim() };
  for (const [lang, value] of Object.entries(text)) if (value === '') delete text[lang];
  return text;
}

/** A number as typed; a decimal comma is accepted (French keyboards). Empty or not a number: NaN. */
export function numberOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** A number shown in a text input. */
export const textOfNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : String(n);

/** '' is none. */
export const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
