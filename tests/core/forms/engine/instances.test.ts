import { describe, expect, it } from 'vitest';
import type { Choice } from '../../../../src/core/forms/definition';
import { choices, engine, formWith, q, repeat } from './dsl';

const seclass: Choice[] = [
  { name: '1', label: { en: 'Unknown', fr: 'Inconnu' } },
  { name: '2', label: { en: 'Lower', fr: 'Inférieur' }, extra: { band: 'low' } },
  { name: '3', label: { en: 'Middle' }, extra: { band: 'mid' } },
];
const ITEXT = "jr:itext(instance('seclass')/root/item[name = ${income}]/itextId)";

const e = engine(
  formWith(
    { seclass, income: choices('1', '2', '3') },
    q.selectOne('income', 'income'),
    q.text('klass', { calculation: ITEXT, readOnly: true }),
    q.calculate('lows', "count(instance('seclass')/root/item[band = 'low'])"),
    repeat(
      'member',
      q.selectOne('m_income', 'income'),
      q.calculate('m_class', ITEXT.replace('income', 'm_income')),
    ),
  ),
);

describe('secondary instances from choice lists', () => {
  it('resolve a choice label in the language of the evaluation', () => {
    expect(e.evaluate({ income: '2' }, 'fr').answers.klass).toBe('Inférieur');
    expect(e.evaluate({ income: '2' }, 'en').answers.klass).toBe('Lower');
    expect(e.evaluate({ income: '1' }, 'fr').answers.klass).toBe('Inconnu');
  });

  it('fall back to the default language, and give no value when nothing matches', () => {
    expect(e.evaluate({ income: '3' }, 'fr').answers.klass).toBe('Middle');
    expect(e.evaluate({}, 'fr').answers.klass).toBeUndefined();
  });

  it('filter on extra columns and run inside repeats with the instance’s own fields', () => {
    const state = e.evaluate({ member: [{ m_income: '1' }, { m_income: '2' }] }, 'fr');
    expect(state.answers.lows).toBe(1);
    expect(state.answers.member).toEqual([
      { m_income: '1', m_class: 'Inconnu' },
      { m_income: '2', m_class: 'Inférieur' },
    ]);
  });

  it('refuse a list the form does not have', () => {
    const make = () => engine(formWith({}, q.calculate('c', "instance('nope')/root/item/label")));
    expect(make).toThrow(/instance\('nope'\) is not a choice list or attached CSV of this form/);
  });
});
