import { Geopoint } from '../../../core/forms/answersSchema';
import type { Choice, Question } from '../../../core/forms/definition';
import { pickText } from '../../../core/i18n/localized';
import type { UiLanguage } from '../../../core/i18n/uiLanguages';
import type { Translate } from '../../i18n/types';

/** How an answer is read: choice labels in `lang`, or their codes when the reader asked for codes. */
export interface ReadingOptions {
  lang: UiLanguage;
  codes: boolean;
  t: Translate;
}

const number = (value: number, lang: UiLanguage, digits = 6) =>
  value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });

/** A point as coordinates (latitude, longitude, in decimal degrees), with its accuracy when known. */
export function pointText(point: Geopoint, { lang, t }: ReadingOptions): string {
  const at = t('read.point', { lat: number(point.latitude, lang), lon: number(point.longitude, lang) });
  return point.accuracy === undefined
    ? at
    : `${at} (${t('read.accuracyValue', { meters: number(point.accuracy, lang, 1) })})`;
}

function choiceText(code: string, choices: readonly Choice[], { lang, codes }: ReadingOptions): string {
  if (codes) return code;
  return pickText(choices.find((c) => c.name === code)?.label, lang) || code;
}

/**
 * The text of one answer (files apart: they are shown, not written). Selects by their choices' labels,
 * points as coordinates, lines and shapes as their number of points and first point, numbers by language.
 */
export function answerText(
  question: Question | undefined,
  value: unknown,
  choices: readonly Choice[],
  options: ReadingOptions,
): string {
  if (value === null || value === undefined || value === '') return options.t('read.unanswered');
  const type = question?.type;
  if (type === 'geopoint') {
    const point = Geopoint.safeParse(value);
    if (point.success) return pointText(point.data, options);
  }
  if ((type === 'geotrace' || type === 'geoshape') && Array.isArray(value)) {
    const points = value.map((p) => Geopoint.safeParse(p)).filter((p) => p.success);
    return [
      options.t('read.points', { count: points.length }),
      ...points.map((p) => pointText(p.data, options)),
    ].join(' · ');
  }
  if (Array.isArray(value)) return value.map((v) => answerText(question, v, choices, options)).join(', ');
  if (typeof value === 'string') return choices.length > 0 ? choiceText(value, choices, options) : value;
  if (typeof value === 'number') return number(value, options.lang, 10);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${answerText(undefined, v, [], options)}`)
      .join(', ');
  return '';
}
