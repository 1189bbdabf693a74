import { expect } from 'vitest';
import {
  allQuestions,
  MEDIA_TYPES,
  type FormDefinition,
  type FormItem,
} from '../../../src/core/forms/definition';
import { createFormEngine } from '../../../src/core/forms/engine';

const NOW = new Date('2026-11-24T08:00:00Z');

/** Repeats in the form and how deep they nest (a repeat in a repeat is 2). */
export function repeats(items: FormItem[], depth = 0): { count: number; depth: number } {
  let count = 0;
  let max = depth;
  for (const item of items) {
    if (item.kind === 'question') continue;
    const inner = repeats(item.items, depth + (item.kind === 'repeat' ? 1 : 0));
    count += inner.count + (item.kind === 'repeat' ? 1 : 0);
    max = Math.max(max, inner.depth);
  }
  return { count, depth: max };
}

export const q = (form: FormDefinition, name: string) => allQuestions(form).find((x) => x.name === name);

/** Facts of the fixtures that need secondary instances, rank, choices from files and loops. */
export const NEWER_FACTS: Record<string, (form: FormDefinition) => void> = {
  'all-question-types-v2024091201-3.xlsx': (form) => {
    expect(form).toMatchObject({ id: 'all-question-types', version: '2024091201-3', languages: ['und'] });
    expect(allQuestions(form)).toHaveLength(85);
    const typed = (type: string) =>
      allQuestions(form)
        .filter((x) => x.type === type)
        .map((x) => x.name);
    expect(typed('geopoint')).toEqual(['geopoint', 'geopoint_placementmap', 'geopoint_maps']);
    expect([typed('geotrace'), typed('geoshape')]).toEqual([['geotrace'], ['geoshape']]);
    expect(MEDIA_TYPES.map((t) => typed(t).length)).toEqual([8, 2, 2, 2]);
    expect(q(form, 'rank')).toMatchObject({ type: 'rank', listName: 'opt_abcd' });
    // With the cities.geojson of fixtures.test.ts attached: its features are the list, geometry kept.
    expect(q(form, 'map')).toMatchObject({
      type: 'select_one',
      listName: 'cities',
      itemsetFile: 'cities.geojson',
      appearance: 'map',
    });
    expect(form.choiceLists.cities?.map((c) => [c.name, c.label, c.extra?.geometry])).toEqual([
      ['bamako', { und: 'Bamako' }, '12.6392 -8.0029 0 0'],
      ['gao', { und: 'Gao' }, '16.2666 -0.0442 0 0'],
    ]);
    expect(q(form, 'range_decimal')).toMatchObject({ min: 1.5, max: 5.5 });
  },
  'loop.xlsx': (form) => {
    expect(form.languages).toEqual(['en']);
    const loop = form.items[2];
    expect(loop?.kind === 'group' && loop.items.map((g) => g.name)).toEqual([
      'loop_toilet_types_pit_latrine_with_slab',
      'loop_toilet_types_open_pit_latrine',
      'loop_toilet_types_bucket_system',
      // or_other adds `other` to the list before the loop is expanded.
      'loop_toilet_types_other',
    ]);
    expect(allQuestions(form).map((x) => x.name)).toEqual([
      'available_toilet_types',
      'available_toilet_types_other',
      'number_pit_latrine_with_slab',
      'number_open_pit_latrine',
      'number_bucket_system',
      'number_other',
    ]);
    expect(q(form, 'number_bucket_system')).toMatchObject({
      type: 'integer',
      label: { en: 'How many Bucket system are on the premises?' },
    });
  },
  'socio-economic-survey-v20240515.xlsx': (form) => {
    expect(form).toMatchObject({ id: 'socio-economic-survey', version: '20240515143545' });
    expect(form.languages).toEqual(['en', 'fr']);
    expect(allQuestions(form)).toHaveLength(17);
    expect(repeats(form.items)).toEqual({ count: 1, depth: 1 });
    expect(q(form, 'internetType')?.relevant).toBe('${internetHH} = 1');
    expect(q(form, 'healthFacility')?.constraint).toBe('count-selected(.)<=3');
    expect(q(form, 'district')?.choiceFilter).toBe('region=${region}');
    expect(q(form, 'SEClass')).toMatchObject({
      readOnly: true,
      calculation: "jr:itext(instance('seclass')/root/item[name = ${householdIncome}]/itextId)",
    });
    // The label lookup runs: the income band's class, in the language the form is filled in.
    const engine = createFormEngine(form, { now: () => NOW });
    expect(engine.evaluate({ householdIncome: '3' }, 'fr').answers.SEClass).toBe('Inférieur');
    expect(engine.evaluate({ householdIncome: '7' }, 'en').answers.SEClass).toBe('Upper-middle');
  },
};
