import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { SentFields } from '../../../src/app/components/SentFields';
import { I18nContext } from '../../../src/app/i18n/context';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import type { UiLanguage } from '../../../src/core/i18n/localized';
import { FormDefinition } from '../../../src/core/forms/definition';

const form = FormDefinition.parse({
  id: 'visit',
  version: '1',
  title: { fr: 'Visite' },
  defaultLanguage: 'fr',
  languages: ['fr'],
  settings: { instanceName: "concat('Visite ', ${village})" },
  choiceLists: { villages: [{ name: 'gao', label: { fr: 'Gao' } }] },
  items: [
    { kind: 'question', type: 'select_one', name: 'village', label: { fr: 'Village' }, listName: 'villages' },
  ],
});

function render(data: Record<string, unknown>, lang: UiLanguage): string {
  const i18n = { lang, setLang: () => undefined, t: translator(lang) };
  return renderToStaticMarkup(
    <I18nContext value={i18n}>
      <SentFields fields={{ data }} form={form} />
    </I18nContext>,
  );
}

const rows = (html: string) =>
  [...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => `${m[1]}: ${m[2]}`);

describe('SentFields', () => {
  beforeAll(() => Promise.all([loadDictionary('fr'), loadDictionary('en')]));

  it('shows the submission’s name first, under its name, in both languages; never a raw meta line', () => {
    const data = { village: 'gao', meta: { instanceName: 'Visite gao' } };
    expect(rows(render(data, 'fr'))).toEqual(['Nom de la soumission: Visite gao', 'Village: Gao']);
    expect(rows(render(data, 'en'))).toEqual(['Submission name: Visite gao', 'Village: Gao']);
  });

  it('shows no meta line when the submission has no name', () => {
    expect(rows(render({ village: 'gao', meta: {} }, 'fr'))).toEqual(['Village: Gao']);
    expect(rows(render({ village: 'gao' }, 'fr'))).toEqual(['Village: Gao']);
  });
});
