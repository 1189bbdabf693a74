import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerItems, type ReadingContext } from '../../../src/app/components/reading/AnswerItems';
import { answerText } from '../../../src/app/components/reading/answerText';
import { SubmissionAnswers } from '../../../src/app/components/reading/SubmissionAnswers';
import { I18nContext } from '../../../src/app/i18n/context';
import '../../../src/app/i18n/readingStrings';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import { FormDefinition } from '../../../src/core/forms/definition';
import type { UiLanguage } from '../../../src/core/i18n/localized';

/**
 * Reading a submission (src/app/components/reading): labels and choice labels in the UI language, groups as
 * sections, a repeat as one card per instance with nested repeats inside, points as coordinates, and the
 * review's question comments beside their question.
 */
const form = FormDefinition.parse({
  id: 'menage',
  version: '1',
  title: { fr: 'Ménage', en: 'Household' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  choiceLists: {
    villages: [{ name: 'gao', label: { fr: 'Gao (ville)', en: 'Gao (town)' } }],
    needs: [
      { name: 'water', label: { fr: 'Eau', en: 'Water' } },
      { name: 'food', label: { fr: 'Nourriture', en: 'Food' } },
    ],
  },
  items: [
    {
      kind: 'group',
      name: 'where',
      label: { fr: 'Localisation', en: 'Location' },
      items: [
        {
          kind: 'question',
          type: 'select_one',
          name: 'village',
          label: { fr: 'Village', en: 'Village' },
          listName: 'villages',
        },
        { kind: 'question', type: 'geopoint', name: 'gps', label: { fr: 'Position', en: 'Position' } },
      ],
    },
    {
      kind: 'question',
      type: 'select_multiple',
      name: 'needs',
      label: { fr: 'Besoins', en: 'Needs' },
      listName: 'needs',
    },
    { kind: 'question', type: 'note', name: 'thanks', label: { fr: 'Merci', en: 'Thanks' } },
    {
      kind: 'repeat',
      name: 'person',
      label: { fr: 'Personne', en: 'Person' },
      items: [
        { kind: 'question', type: 'text', name: 'name', label: { fr: 'Nom', en: 'Name' } },
        { kind: 'question', type: 'integer', name: 'age', label: { fr: 'Âge', en: 'Age' } },
        {
          kind: 'repeat',
          name: 'visit',
          label: { fr: 'Visite', en: 'Visit' },
          items: [{ kind: 'question', type: 'date', name: 'day', label: { fr: 'Jour', en: 'Day' } }],
        },
      ],
    },
  ],
});

const answers = {
  village: 'gao',
  gps: { latitude: 16.2719, longitude: -0.0447, accuracy: 4.5 },
  needs: ['water', 'food'],
  person: [
    { name: 'Awa', age: 34, visit: [{ day: '2026-03-01' }, { day: '2026-04-01' }] },
    { name: 'Moussa', age: 12, visit: [] },
  ],
  meta: { instanceName: 'Ménage Awa' },
};

const i18n = (lang: UiLanguage) => ({ lang, setLang: () => undefined, t: translator(lang) });

function render(lang: UiLanguage, fieldComments: Record<string, string> = {}): string {
  return renderToStaticMarkup(
    <I18nContext value={i18n(lang)}>
      <SubmissionAnswers answers={answers} form={form} fieldComments={fieldComments} />
    </I18nContext>,
  );
}

/** The text of the markup, tags as spaces. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('reading a submission', () => {
  beforeAll(() => Promise.all([loadDictionary('fr'), loadDictionary('en')]));

  it('shows labels and choice labels in French, groups as sections, repeats as one card per instance', () => {
    const html = render('fr');
    const shown = text(html);
    expect(html).toContain('<h3>Localisation</h3>');
    expect(shown).toContain('Village Gao (ville)');
    expect(shown).toContain('Besoins Eau, Nourriture');
    expect(shown).toContain('Nom de la soumission Ménage Awa');
    // Repeats: the count, one card per instance, nested repeats inside their instance.
    expect(shown).toContain('Personne (2 élément(s))');
    expect(html.match(/<li class="read-instance">/g)).toHaveLength(4);
    expect(shown).toMatch(
      /Personne no 1 Nom Awa Âge 34 Visite \(2 élément\(s\)\) Visite no 1 Jour 2026-03-01/,
    );
    expect(shown).toMatch(/Personne no 2 Nom Moussa Âge 12 Visite \(0 élément\(s\)\) Aucun élément/);
    // Notes hold no answer; codes never show unless asked for.
    expect(shown).not.toContain('Merci');
    expect(shown).not.toContain('water');
    expect(html).toContain('aria-pressed="false"');
  });

  it('shows points as coordinates, in the language’s number format', () => {
    expect(text(render('fr'))).toContain('Position lat. 16,2719 ; long. -0,0447 (± 4,5 m)');
    expect(text(render('en'))).toContain('Position lat. 16.2719, long. -0.0447 (± 4.5 m)');
  });

  it('reads in English with English labels', () => {
    const shown = text(render('en'));
    expect(shown).toContain('Location');
    expect(shown).toContain('Village Gao (town)');
    expect(shown).toContain('Needs Water, Food');
    expect(shown).toContain('Person no. 1');
  });

  it('shows a question’s review comment beside the question, under its label', () => {
    const html = render('fr', { age: 'Âge improbable', gone: 'Question retirée' });
    expect(text(html)).toContain('Âge 34 Commentaire de la revue : Âge improbable');
    // A comment on a question this version lacks is still shown, under its name.
    expect(text(html)).toContain('gone Commentaire de la revue : Question retirée');
  });

  it('shows the codes of questions and choices on demand', () => {
    const ctx: ReadingContext = { form, fieldComments: {}, lang: 'fr', codes: true, t: translator('fr') };
    const html = renderToStaticMarkup(
      <I18nContext value={i18n('fr')}>
        <AnswerItems items={form.items} answers={answers} ctx={ctx} heading="h3" />
      </I18nContext>,
    );
    expect(text(html)).toContain('village — Village gao');
    expect(text(html)).toContain('needs — Besoins water, food');
    expect(html).toContain('<h3>where</h3>');
  });

  it('writes an unanswered question as a dash and a line as its points', () => {
    const options = { lang: 'en' as const, codes: false, t: translator('en') };
    expect(answerText(undefined, null, [], options)).toBe('—');
    const line = [
      { latitude: 1, longitude: 2 },
      { latitude: 3, longitude: 4 },
    ];
    const trace = { kind: 'question' as const, type: 'geotrace' as const, name: 'road' };
    expect(answerText(trace, line, [], options)).toBe('2 point(s) · lat. 1, long. 2 · lat. 3, long. 4');
  });
});
