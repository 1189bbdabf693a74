import { describe, expect, it } from 'vitest';
import { rewriteChoiceFilter } from '../../../../src/core/forms/engine/choiceFilter';
import { createFormEngine } from '../../../../src/core/forms/engine';
import { choices, engine, form, formWith, q, repeat } from './dsl';

const lists = {
  state: choices('north', 'south'),
  city: choices(
    ['tombouctou', { state: 'north' }],
    ['gao', { state: 'north' }],
    ['sikasso', { state: 'south' }],
  ),
  crop: choices('millet', 'rice', 'maize', 'none'),
};

const e = engine(
  formWith(
    lists,
    q.selectOne('state', 'state'),
    q.selectOne('city', 'city', { choiceFilter: 'state=${state}' }),
    q.selectMultiple('grown', 'crop'),
    q.selectOne('main', 'crop', { choiceFilter: "selected(${grown}, name) and name != 'none'" }),
    repeat(
      'plot',
      q.selectOne('plot_state', 'state'),
      q.selectOne('plot_city', 'city', { choiceFilter: 'state = ${plot_state}' }),
    ),
    q.text('greet', { label: { en: 'Hello ${city}, ${main}!', fr: 'Bonjour ${city} !' } }),
    q.text('named', { label: { en: 'Crop: ${main_label}' }, hint: { en: '${grown} grown' } }),
    q.calculate('main_label', "jr:choice-name(${main}, '${main}')"),
  ),
);

const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('choice filters', () => {
  it('compare extra columns with answers (cascading selects)', () => {
    expect(names(e.evaluate({ state: 'north' }, 'en').choices(['city']))).toEqual(['tombouctou', 'gao']);
    expect(names(e.evaluate({ state: 'south' }, 'en').choices(['city']))).toEqual(['sikasso']);
    expect(names(e.evaluate({}, 'en').choices(['city']))).toEqual([]);
    expect(names(e.evaluate({}, 'en').choices(['state']))).toEqual(['north', 'south']);
  });

  it('read a column the list does not have as empty, as ODK does', () => {
    const lacking = engine(
      formWith(
        { crop: choices('millet', 'rice') },
        q.selectOne('none', 'crop', { choiceFilter: "state != ''" }),
        q.selectOne('all', 'crop', { choiceFilter: "state = ''" }),
      ),
    ).evaluate({}, 'en');
    expect(names(lacking.choices(['none']))).toEqual([]);
    expect(names(lacking.choices(['all']))).toEqual(['millet', 'rice']);
  });

  it('read the choice name and call functions', () => {
    const s = e.evaluate({ grown: ['rice', 'none', 'maize'] }, 'en');
    expect(names(s.choices(['main']))).toEqual(['rice', 'maize']);
  });

  it('work per repeat instance', () => {
    const s = e.evaluate({ plot: [{ plot_state: 'south' }, { plot_state: 'north' }] }, 'en');
    expect(names(s.choices(['plot', 0, 'plot_city']))).toEqual(['sikasso']);
    expect(names(s.choices(['plot', 1, 'plot_city']))).toEqual(['tombouctou', 'gao']);
  });

  it('are rewritten with bare names turned into choice columns, leaving strings, calls and operators', () => {
    expect(rewriteChoiceFilter("state=${state} and name != 'name' or selected(${a}, cf) div 2")).toBe(
      "${__choice_state}=${state} and ${__choice_name} != 'name' or selected(${a}, ${__choice_cf}) div 2",
    );
    expect(rewriteChoiceFilter('jr:choice-name(x, "${y}") = .5 and not (true())')).toBe(
      'jr:choice-name(${__choice_x}, "${y}") = .5 and not (true())',
    );
  });
});

describe('labels', () => {
  it('replace ${field} with current values, in the language asked for', () => {
    const s = e.evaluate({ city: 'gao', main: 'rice' }, 'en');
    expect(s.label(['greet'], 'en')).toBe('Hello gao, rice!');
    expect(s.label(['greet'], 'fr')).toBe('Bonjour gao !');
    expect(s.label(['greet'], 'de')).toBe('Hello gao, rice!'); // the form's default language
    expect(s.label(['state'], 'en')).toBe('');
  });

  it('show calculated choice labels and hints', () => {
    const s = e.evaluate({ main: 'rice', grown: ['rice', 'millet'] }, 'fr');
    expect(s.label(['named'], 'en')).toBe('Crop: rice (fr)');
    expect(s.hint(['named'], 'en')).toBe('rice millet grown');
  });

  it('show a field the form does not have as nothing, as ODK does; an expression still refuses it', () => {
    const s = engine(form(q.text('a', { label: { en: 'Hello ${ghost}!' }, hint: { en: '${ghost}${a}' } })));
    const state = s.evaluate({ a: 'x' }, 'en');
    expect(state.label(['a'], 'en')).toBe('Hello !');
    expect(state.hint(['a'], 'en')).toBe('x');
    expect(() => createFormEngine(form(q.text('a', { relevant: "${ghost} = ''" })))).toThrow(
      '${ghost} is not a field of this form',
    );
  });
});
