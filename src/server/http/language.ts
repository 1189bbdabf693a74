import type { UiLanguage } from '../../core/i18n/uiLanguages';

/**
 * The interface language a request asks for in its Accept-Language header, chosen as the app chooses from
 * the browser's languages (src/app/i18n/language.ts): French when French comes before English in the
 * client's preference (q-values first, then order), else English.
 */
export function requestLanguage(header: string | undefined): UiLanguage {
  const ranges = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { base } of ranges) {
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'en';
}
