import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormIssueTable } from '../../../src/app/components/forms/FormIssueTable';
import { I18nContext } from '../../../src/app/i18n/context';
import '../../../src/app/i18n/formsPageStrings';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import type { FormIssue } from '../../../src/core/sync/formAdmin';
import type { UiLanguage } from '../../../src/core/i18n/localized';

const issues: FormIssue[] = [
  { sheet: 'file', message: 'photo.png: only .csv, .geojson and .xml files can be attached' },
  { sheet: 'survey', row: 3, column: 'relevant', message: '${kitz} is not a field of this form' },
];

function cells(lang: UiLanguage): string[][] {
  const i18n = { lang, setLang: () => undefined, t: translator(lang) };
  const html = renderToStaticMarkup(
    <I18nContext value={i18n}>
      <FormIssueTable caption="Problems" issues={issues} />
    </I18nContext>,
  );
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1] ?? ''),
  );
}

describe('FormIssueTable', () => {
  beforeAll(() => Promise.all([loadDictionary('fr'), loadDictionary('en')]));

  it('gives each problem its sheet, row and column, the whole file named in the interface’s language', () => {
    expect(cells('fr')).toEqual([
      ['Feuille', 'Ligne', 'Colonne', 'Message'],
      ['(fichier)', '', '', 'photo.png: only .csv, .geojson and .xml files can be attached'],
      ['survey', '3', 'relevant', '${kitz} is not a field of this form'],
    ]);
    expect(cells('en')[1]?.[0]).toBe('(file)');
    expect(cells('en')[0]).toEqual(['Sheet', 'Row', 'Column', 'Message']);
  });
});
