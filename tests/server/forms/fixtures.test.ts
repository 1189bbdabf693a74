import { describe, expect, it } from 'vitest';
import { allQuestions, walkItems, type FormDefinition } from '../../../src/core/forms/definition';
import { createFormEngine } from '../../../src/core/forms/engine';
import { convertXlsForm, formatIssue } from '../../../src/core/forms/xlsform';
import { readWorkbook } from '../../../src/server/forms/readWorkbook';
import { NEWER_FACTS, q, repeats } from './fixtureFacts';
import { fixture, fixtureNames } from './fixtureFiles';

const NOW = new Date('2026-11-24T08:00:00Z');
const convert = (name: string) =>
  convertXlsForm(readWorkbook(fixture(name), name), { fileName: name, now: NOW });

const ALL_TYPES = 'all-question-types-v2024091201-3.xlsx';

/** The map question of all-question-types takes its choices from cities.geojson: two cities to attach. */
const CITIES_GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'bamako',
      geometry: { type: 'Point', coordinates: [-8.0029, 12.6392] },
      properties: { title: 'Bamako', region: 'bamako' },
    },
    {
      type: 'Feature',
      id: 'gao',
      geometry: { type: 'Point', coordinates: [-0.0442, 16.2666] },
      properties: { title: 'Gao', region: 'gao' },
    },
  ],
});

/** A fixture as an author would publish it: with the files its questions name attached. */
function convertAsAuthored(name: string) {
  const sheets = readWorkbook(fixture(name), name);
  const attachments = name === ALL_TYPES ? { 'cities.geojson': CITIES_GEOJSON } : {};
  return convertXlsForm(sheets, { fileName: name, now: NOW, attachments, requireAttachments: true });
}

function load(name: string): FormDefinition {
  const result = convertAsAuthored(name);
  if (!result.ok) expect.fail(result.issues.map(formatIssue).join('\n'));
  return result.form;
}

const sizes = (form: FormDefinition) =>
  Object.fromEntries(Object.entries(form.choiceLists).map(([k, v]) => [k, v.length]));

/** The files each fixture names, which a conversion without them warns about. */
const MISSING_FILE_WARNINGS: Record<string, string[]> = {
  [ALL_TYPES]: [
    'survey!83 type: Choices come from cities.geojson, which is not attached: this question has no choices until it is',
  ],
};

describe('the shared XLSForm fixtures', () => {
  it.each(fixtureNames())('%s converts as it is, without its attached files', (name) => {
    const result = convert(name);
    if (!result.ok) return expect.fail(result.issues.map(formatIssue).join('\n'));
    const fileWarnings = result.warnings.map(formatIssue).filter((w) => w.includes('not attached'));
    expect(fileWarnings).toEqual(MISSING_FILE_WARNINGS[name] ?? []);
    // The question keeps its file, and waits for it.
    if (name === ALL_TYPES) {
      expect(q(result.form, 'map')).toMatchObject({ listName: 'cities', itemsetFile: 'cities.geojson' });
      expect(result.form.choiceLists.cities).toBeUndefined();
    }
  });

  it.each(fixtureNames())('%s: its logic compiles in the form engine (with its files attached)', (name) => {
    expect(() => createFormEngine(load(name))).not.toThrow();
  });

  it('knows every fixture', () => {
    const covered = new Set(Object.keys(FACTS));
    expect(fixtureNames().filter((n) => !covered.has(n))).toEqual([]);
  });

  const FACTS: Record<string, (form: FormDefinition) => void> = {
    ...NEWER_FACTS,
    'cascading_select_test_equivalent.xls': (form) => {
      expect(allQuestions(form)).toHaveLength(9);
      expect(form).toMatchObject({ id: 'cascading_select_test', languages: ['und'] });
      expect(q(form, 'mylga_state_in_zone_2')?.relevant).toBe("${mylga_zone}='zone_2'");
      expect(q(form, 'mylga')?.calculation).toMatch(
        /^if\(\$\{mylga_state\}='state_1', \$\{mylga_lga_in_state_1\}/,
      );
      expect(Object.keys(form.choiceLists)).toHaveLength(7);
    },
    'choice_filter_test.xlsx': (form) => {
      expect(form).toMatchObject({ id: 'cascading_selects1', title: { und: 'cascading selects' } });
      expect(q(form, 'county')?.choiceFilter).toBe('${state}=cf');
      expect(q(form, 'city')?.choiceFilter).toBe('${county}=cf');
      // allow_choice_duplicates: king appears twice in counties.
      expect(sizes(form)).toEqual({ states: 2, counties: 4, cities: 8 });
      expect(form.choiceLists.counties?.[2]).toEqual({
        name: 'king',
        label: { und: 'King' },
        extra: { cf: 'texas' },
      });
    },
    'group.xlsx': (form) => {
      expect(form.languages).toEqual(['en']);
      expect(form.items.map((i) => `${i.kind}:${i.name}`)).toEqual(['question:family_name', 'group:father']);
      expect(q(form, 'phone_number')).toMatchObject({ type: 'text', appearance: 'numbers' });
      expect(q(form, 'age')?.label).toEqual({ en: 'How old is your father?' });
    },
    'kobo_double_repeat.xls': (form) => {
      expect(allQuestions(form).map((x) => x.name)).toEqual(['name']);
      expect(repeats(form.items)).toEqual({ count: 2, depth: 2 });
    },
    'kobo_new_cascading_select.xls': (form) => {
      expect(q(form, 'county')?.choiceFilter).toBe('state=${state}');
      expect(q(form, 'city')?.choiceFilter).toBe('state=${state} and county=${county}');
      expect(form.choiceLists.cities?.[0]?.extra).toEqual({ state: 'texas', county: 'king' });
      expect(sizes(form)).toEqual({ states: 2, counties: 4, cities: 8 });
    },
    'kobo_tutorial_w_repeats.xls': (form) => {
      expect(allQuestions(form)).toHaveLength(8);
      expect(repeats(form.items)).toEqual({ count: 1, depth: 1 });
      expect(q(form, 'has_children')).toMatchObject({ type: 'select_one', listName: 'yes_no' });
      expect(q(form, 'web_browsers')).toMatchObject({ type: 'select_multiple', listName: 'browsers' });
      expect(sizes(form)).toEqual({ yes_no: 2, browsers: 4 });
    },
    'specify_other.xlsx': (form) => {
      expect(allQuestions(form).map((x) => x.name)).toEqual(['sex', 'sex_other']);
      expect(q(form, 'sex_other')?.relevant).toBe("selected(${sex}, 'other')");
      expect(form.choiceLists.sexes?.map((c) => c.name)).toEqual(['male', 'female', 'other']);
    },
    'tutorial.xls': (form) => {
      expect(allQuestions(form)).toHaveLength(10);
      expect(repeats(form.items)).toEqual({ count: 1, depth: 1 });
      expect(q(form, 'age_in_months')).toMatchObject({
        relevant: "${older_than_five}='no'",
        constraint: '. <= 72',
      });
      expect(q(form, 'pregnant')?.relevant).toMatch(/^\$\{sex\}='female' and \$\{age_in_years\}>=15/);
    },
    'widgets.xls': (form) => {
      expect(allQuestions(form)).toHaveLength(32);
      expect(q(form, 'my_int')).toMatchObject({
        type: 'integer',
        constraint: '. < 10',
        constraintMessage: { und: 'number must be less than 10' },
      });
      expect(q(form, 'my_trigger')?.type).toBe('acknowledge');
      expect(q(form, 'my_output')?.readOnly).toBe(true);
      expect(q(form, 'my_select')?.constraint).toBe("not(selected(., 'c') and selected(., 'd'))");
      expect(form.choiceLists.a_b?.[0]?.media).toEqual({ image: { und: 'a.jpg' } });
      expect(sizes(form)).toEqual({ list: 4, list2: 8, yes_no: 2, a_b: 2, happy_sad: 2 });
    },
    'xlsform_spec_test.xlsx': (form) => {
      expect(form).toMatchObject({
        id: 'spec-test',
        title: { en: 'Spec test' },
        languages: ['en', 'zh'],
        settings: { instanceName: '${my_name}' },
      });
      expect(allQuestions(form)).toHaveLength(46);
      expect(repeats(form.items)).toEqual({ count: 1, depth: 1 });
      const text = q(form, 'text_image_audio_video_test');
      expect(text?.media).toEqual({
        image: { en: 'img_test_2.jpg' },
        audio: { en: 'audio_test.wav', zh: 'chinese_audio.wav' },
        video: { en: 'test.mov' },
      });
      expect(q(form, 'required_text')).toMatchObject({
        required: true,
        requiredMessage: { en: 'Custom required message.' },
      });
      expect(q(form, 'a_decimal')?.constraint).toBe('. <= ${a_integer}');
      expect(q(form, 'start')).toMatchObject({ type: 'hidden', appearance: 'meta:start' });
      // Not collectable in a browser: kept as an empty hidden field, so ${phonenumber} in labels resolves.
      expect(q(form, 'phonenumber')).toMatchObject({ type: 'hidden', appearance: 'meta:phonenumber' });
      let repeatCount: string | undefined;
      walkItems(form.items, (item) => {
        if (item.kind === 'repeat') repeatCount = item.repeatCount;
      });
      expect(repeatCount).toBe('2');
    },
  };

  it.each(Object.keys(FACTS))('%s: facts read from the file', (name) => FACTS[name]?.(load(name)));
});
