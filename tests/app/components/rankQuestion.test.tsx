import fc from 'fast-check';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FormProvider, useForm } from 'react-hook-form';
import { beforeAll, describe, expect, it } from 'vitest';
import { moveItem, rankOrder } from '../../../src/app/components/questions/rankOrder';
import { RankQuestion } from '../../../src/app/components/questions/RankQuestion';
import { FillContext } from '../../../src/app/components/questions/fillContext';
import { I18nContext } from '../../../src/app/i18n/context';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import type { Answers } from '../../../src/core/forms/answersSchema';
import { FormDefinition, type Question } from '../../../src/core/forms/definition';
import { createFormEngine } from '../../../src/core/forms/engine';

describe('rank order', () => {
  const names = fc.uniqueArray(fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });

  it('shows every offered choice once: the answer’s order first, then the rest in list order', () => {
    fc.assert(
      fc.property(names, fc.array(fc.constantFrom<string>('a', 'b', 'c', 'x')), (offered, answer) => {
        const order = rankOrder(offered, answer);
        expect([...order].sort()).toEqual([...offered].sort());
        const answered = order.filter((n) => answer.includes(n));
        expect(order.slice(0, answered.length)).toEqual(answered);
      }),
    );
    expect(rankOrder(['a', 'b', 'c'], ['c', 'a'])).toEqual(['c', 'a', 'b']);
  });

  it('moves one item and keeps the others in their order', () => {
    fc.assert(
      fc.property(names, fc.nat(7), fc.nat(7), (order, from, to) => {
        const next = moveItem(order, from, to);
        expect([...next].sort()).toEqual([...order].sort());
        if (order.length === 0) return;
        const item = order[Math.min(from, order.length - 1)];
        expect(next[Math.min(to, order.length - 1)]).toBe(item);
        expect(next.filter((n) => n !== item)).toEqual(order.filter((n) => n !== item));
      }),
    );
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
  });
});

const formWith = (props: Partial<Question>) =>
  FormDefinition.parse({
    id: 'rank',
    version: '1',
    title: { fr: 'Classement' },
    defaultLanguage: 'fr',
    languages: ['fr'],
    choiceLists: {
      crops: [
        { name: 'mil', label: { fr: 'Mil' } },
        { name: 'riz', label: { fr: 'Riz' } },
        { name: 'mais', label: { fr: 'Maïs' } },
      ],
    },
    items: [
      {
        kind: 'question',
        type: 'rank',
        name: 'order',
        label: { fr: 'Vos cultures' },
        listName: 'crops',
        ...props,
      },
    ],
  });

function Filled({
  form,
  answers,
  children,
}: {
  form: FormDefinition;
  answers: Answers;
  children: ReactNode;
}) {
  const methods = useForm<Answers>({ defaultValues: answers });
  const engine = createFormEngine(form);
  const fill = { form, engine, state: engine.evaluate(answers, 'fr') };
  const i18n = { lang: 'fr' as const, setLang: () => undefined, t: translator('fr') };
  return (
    <I18nContext value={i18n}>
      <FillContext value={fill}>
        <FormProvider {...methods}>{children}</FormProvider>
      </FillContext>
    </I18nContext>
  );
}

/** The question rendered as the fill page renders it, with these answers (HTML, no DOM needed). */
function render(answers: Answers, props: Partial<Question> = {}): string {
  const form = formWith(props);
  return renderToStaticMarkup(
    <Filled form={form} answers={answers}>
      <RankQuestion question={form.items[0] as Question} path={['order']} />
    </Filled>,
  );
}

const labels = (html: string) => [...html.matchAll(/class="rank-label">([^<]*)</g)].map((m) => m[1]);

describe('RankQuestion', () => {
  beforeAll(() => loadDictionary('fr'));
  it('lists the choices in list order until ranked, with a way to accept that order', () => {
    const html = render({});
    expect(labels(html)).toEqual(['Mil', 'Riz', 'Maïs']);
    expect(html).toContain('Pas encore classé');
    expect(html).toContain('Valider cet ordre');
    expect(html).toContain('<legend class="question-label">Vos cultures</legend>');
  });

  it('shows the answer’s order with labelled up and down buttons; the ends say they cannot move', () => {
    const html = render({ order: ['riz', 'mais', 'mil'] });
    expect(labels(html)).toEqual(['Riz', 'Maïs', 'Mil']);
    expect(html).not.toContain('Pas encore classé');
    expect(html).toContain('Effacer le classement');
    expect(html).toContain('aria-label="Monter Maïs"');
    expect(html).toContain('aria-label="Descendre Maïs"');
    expect(html).toMatch(/aria-label="Monter Riz" aria-disabled="true"/);
    expect(html).toMatch(/aria-label="Descendre Mil" aria-disabled="true"/);
    expect(html.match(/<button/g)).toHaveLength(7);
  });

  it('shows the order without buttons when read-only', () => {
    const html = render({ order: ['riz', 'mais', 'mil'] }, { readOnly: true });
    expect(labels(html)).toEqual(['Riz', 'Maïs', 'Mil']);
    expect(html).not.toContain('<button');
  });
});
