import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../../../src/core/forms/answersSchema';
import { createFormEngine } from '../../../../src/core/forms/engine';
import { formatIssue, type SheetRow } from '../../../../src/core/forms/xlsform';
import { choices, convert, ok, sheet, survey, type Tables } from './dsl';

const Q = ['type', 'name', 'label', 'choice_filter'];

const VILLAGES = sheet(
  ['name', 'label::Français (fr)', 'label::English (en)', 'region', 'population'],
  ['gao', 'Gao', 'Gao town', 'north', '86000'],
  ['ansongo', 'Ansongo', 'Ansongo', 'north', ''],
  ['segou', 'Ségou', 'Segou', 'centre', '130000'],
);

const problems = (tables: Tables): string[] => {
  const result = convert(tables);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('select_*_from_file with an attached CSV (missing files: any format)', () => {
  it('embeds the rows as a choice list: labels per language, other columns kept for filters', () => {
    const form = ok({
      ...survey(
        Q,
        ['select_one regions', 'region', 'Région', ''],
        ['select_one_from_file villages.csv', 'village', 'Village', 'region=${region}'],
      ),
      choices: choices(['regions', 'north', 'Nord'], ['regions', 'centre', 'Centre']),
      attachments: { 'villages.csv': VILLAGES },
    });
    expect(form.choiceLists.villages).toEqual([
      {
        name: 'gao',
        label: { fr: 'Gao', en: 'Gao town' },
        extra: { region: 'north', population: '86000' },
      },
      { name: 'ansongo', label: { fr: 'Ansongo', en: 'Ansongo' }, extra: { region: 'north' } },
      {
        name: 'segou',
        label: { fr: 'Ségou', en: 'Segou' },
        extra: { region: 'centre', population: '130000' },
      },
    ]);
    // The device filters them offline like any list, and validates answers against them.
    const engine = createFormEngine(form);
    const offered = (region: string) =>
      engine
        .evaluate({ region }, 'fr')
        .choices(['village'])
        .map((c) => c.name);
    expect(offered('north')).toEqual(['gao', 'ansongo']);
    expect(offered('centre')).toEqual(['segou']);
    expect(engine.finalize({ region: 'north', village: 'gao' }, 'fr').ok).toBe(true);
    expect(answersSchema(form, 'en').safeParse({ village: 'timbuktu' }).error?.issues[0]?.message).toBe(
      'Not a valid choice.',
    );
  });

  it('makes the list readable with instance(), columns included', () => {
    const form = ok({
      survey: sheet(
        ['type', 'name', 'label', 'calculation'],
        ['select_one_from_file villages.csv', 'village', 'Village', ''],
        ['calculate', 'pop', '', "instance('villages')/root/item[name=${village}]/population"],
      ),
      attachments: { 'villages.csv': VILLAGES },
    });
    expect(createFormEngine(form).evaluate({ village: 'segou' }, 'fr').answers.pop).toBe('130000');
  });

  it('accepts plain name and label columns, in any order, as the default language', () => {
    const form = ok({
      ...survey(Q, ['select_multiple_from_file wells.csv', 'wells', 'Puits', '']),
      attachments: { 'wells.csv': sheet(['label', 'name'], ['Puits nord', 'w1'], ['Puits sud', 'w2']) },
    });
    expect(form.choiceLists.wells).toEqual([
      { name: 'w1', label: { und: 'Puits nord' } },
      { name: 'w2', label: { und: 'Puits sud' } },
    ]);
  });

  it('converts without a missing file, with one warning per file; the question waits for it', () => {
    const result = convert(
      survey(
        Q,
        ['select_one_from_file villages.csv', 'v', 'V', ''],
        ['text', 'ok', 'OK', ''],
        ['select_multiple_from_file villages.csv', 'w', 'W', ''],
        ['select_one_from_file wells.xml', 'x', 'X', ''],
      ),
    );
    if (!result.ok) return expect.fail(result.issues.map(formatIssue).join('\n'));
    expect(result.warnings.map(formatIssue)).toEqual([
      'survey!2 type: Choices come from villages.csv, which is not attached: these questions (rows 2, 4) have no choices until it is',
      'survey!5 type: Choices come from wells.xml, which is not attached: this question has no choices until it is',
    ]);
    expect(result.missingFiles).toEqual(['villages.csv', 'wells.xml']);
    const form = result.form;
    expect(form.items[0]).toMatchObject({ listName: 'villages', itemsetFile: 'villages.csv' });
    expect(form.choiceLists).toEqual({});
    // Nothing to choose from, so nothing can be answered until a version with the file is published.
    expect(createFormEngine(form).evaluate({}, 'fr').choices(['v'])).toEqual([]);
  });

  it('converts instance() reads of a missing file too, which only the file can check', () => {
    const tables = {
      survey: sheet(
        ['type', 'name', 'label', 'calculation'],
        ['select_one_from_file villages.csv', 'v', 'V', ''],
        ['calculate', 'pop', '', "instance('villages')/root/item[name=${v}]/population"],
      ),
    };
    expect(convert(tables).ok).toBe(true);
    expect(problems({ ...tables, requireAttachments: true })).toEqual([
      'survey!2 type: Choices come from villages.csv, which is not attached: add it to the import with the form',
    ]);
    expect(problems({ ...tables, attachments: { 'villages.csv': VILLAGES } })).toEqual([]);
    expect(
      problems({ ...tables, attachments: { 'villages.csv': sheet(['name', 'label'], ['gao', 'Gao']) } }),
    ).toEqual([
      "survey!3 calculation: instance('villages'): population is not a column of the choices sheet",
    ]);
  });

  it('refuses a missing file when publishing, once per file with the rows that need it', () => {
    const tables = survey(
      Q,
      ['select_one_from_file villages.csv', 'v', 'V', ''],
      ['text', 'ok', 'OK', ''],
      ['select_multiple_from_file villages.csv', 'w', 'W', ''],
      ['select_one_from_file cities.geojson', 'c', 'C', ''],
    );
    const result = convert({ ...tables, requireAttachments: true });
    expect(!result.ok && result.issues.map(formatIssue)).toEqual([
      'survey!2 type: Choices come from villages.csv, which is not attached (rows 2, 4): add it to the import with the form',
      'survey!5 type: Choices come from cities.geojson, which is not attached: add it to the import with the form',
    ]);
    expect(result.missingFiles).toEqual(['villages.csv', 'cities.geojson']);
  });

  it('refuses a CSV without name or label column, listing the columns it has', () => {
    const one = (rows: SheetRow[]) =>
      problems({
        ...survey(Q, ['select_one_from_file villages.csv', 'v', 'V', '']),
        attachments: { 'villages.csv': rows },
      });
    expect(one(sheet(['code', 'title'], ['gao', 'Gao']))).toEqual([
      'survey!2 type: villages.csv has no name and label columns (its columns: code, title)',
    ]);
    expect(one(sheet(['name', 'region'], ['gao', 'north']))).toEqual([
      'survey!2 type: villages.csv has no label column (its columns: name, region)',
    ]);
    expect(one(sheet(['name;label'], ['gao;Gao']))[0]).toContain('has no name and label columns');
    expect(one(sheet(['name', 'label']))).toEqual(['survey!2 type: villages.csv has no choices']);
  });

  it('refuses rows without a name and duplicate names, with their line, and counts problems past 20', () => {
    expect(
      problems({
        ...survey(Q, ['select_one_from_file villages.csv', 'v', 'V', '']),
        attachments: {
          'villages.csv': sheet(['name', 'label'], ['gao', 'Gao'], ['', 'Sans nom'], ['gao', 'Gao bis']),
        },
      }),
    ).toEqual([
      'survey!2 type: villages.csv line 3: this choice has no name',
      'survey!2 type: villages.csv line 4: duplicate choice gao (first at line 2)',
    ]);
    const many = sheet(['name', 'label'], ...Array.from({ length: 25 }, () => ['', 'x']));
    const found = problems({
      ...survey(Q, ['select_one_from_file villages.csv', 'v', 'V', '']),
      attachments: { 'villages.csv': many },
    });
    expect(found).toHaveLength(21);
    expect(found.at(-1)).toBe('survey!2 type: villages.csv: 5 more problems like these');
  });

  it('allows duplicate names when the settings allow choice duplicates', () => {
    const form = ok({
      ...survey(Q, ['select_one_from_file villages.csv', 'v', 'V', '']),
      settings: sheet(['allow_choice_duplicates'], ['yes']),
      attachments: { 'villages.csv': sheet(['name', 'label'], ['gao', 'Gao'], ['gao', 'Gao bis']) },
    });
    expect(form.choiceLists.villages).toHaveLength(2);
  });

  it('refuses two files that make the same list', () => {
    expect(
      problems({
        ...survey(
          Q,
          ['select_one_from_file cities.csv', 'a', 'A', ''],
          ['select_one_from_file cities.xml', 'b', 'B', ''],
        ),
        attachments: { 'cities.csv': VILLAGES, 'cities.xml': '<root><item><name>x</name></item></root>' },
      }),
    ).toEqual(['survey!3 type: cities.xml and cities.csv make the same list cities: rename one of them']);
  });

  it('checks choice filters against the columns of the file, not of the choices sheet', () => {
    const tables = (filter: string): Tables => ({
      ...survey(Q, ['text', 'region', 'R', ''], ['select_one_from_file villages.csv', 'v', 'V', filter]),
      choices: choices(['other', 'x', 'X']),
      attachments: { 'villages.csv': VILLAGES },
    });
    expect(problems(tables('region=${region} and population > 1000'))).toEqual([]);
    expect(convert(tables('district=${region}')).warnings.map(formatIssue)).toEqual([
      'survey!3 choice_filter: district is not a column of the choice list (columns: name, label, region, population): every choice reads it as empty',
    ]);
  });

  it('checks only the syntax of a filter on a file that is missing, so its one warning is the file', () => {
    const result = convert(
      survey(Q, ['text', 'r', 'R', ''], ['select_one_from_file villages.csv', 'v', 'V', 'region=${r}']),
    );
    expect(result.ok && result.warnings.map(formatIssue)).toEqual([
      'survey!3 type: Choices come from villages.csv, which is not attached: this question has no choices until it is',
    ]);
    expect(problems(survey(Q, ['select_one_from_file villages.csv', 'v', 'V', 'region=(('])).length).toBe(1);
  });

  it('refuses a file whose base name is also a list of the choices sheet', () => {
    expect(
      problems({
        ...survey(
          Q,
          ['select_one villages', 'a', 'A', ''],
          ['select_one_from_file villages.csv', 'b', 'B', ''],
        ),
        choices: choices(['villages', 'x', 'X']),
        attachments: { 'villages.csv': VILLAGES },
      }),
    ).toEqual(['survey!3 type: villages.csv: the choices sheet has a list villages too; rename one of them']);
  });

  it('warns about attached files no question uses', () => {
    const result = convert({
      ...survey(Q, ['text', 't', 'T', '']),
      attachments: { 'unused.csv': VILLAGES },
    });
    expect(result.ok && result.warnings.map(formatIssue)).toEqual([
      'file: unused.csv is attached but no select_one_from_file or select_multiple_from_file question uses it: ignored',
    ]);
  });

  it('lists every problem of the form at once, files included, and converts nothing', () => {
    const result = convert({
      requireAttachments: true,
      ...survey(
        Q,
        ['select_one_from_file villages.csv', 'v', 'V', ''],
        ['integer', 'meta', 'Meta', ''],
        ['select_one nowhere', 's', 'S', ''],
      ),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'type'],
      [3, 'name'],
      [4, 'type'],
    ]);
  });

  it('keeps every row of any CSV with a name and a label as one choice, in file order', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 30 }), (names) => {
        const rows = sheet(['name', 'label'], ...names.map((n) => [n, n.toUpperCase()]));
        const form = ok({
          ...survey(Q, ['select_one_from_file list.csv', 'v', 'V', '']),
          attachments: { 'list.csv': rows },
        });
        expect(form.choiceLists.list?.map((c) => c.name)).toEqual(names);
      }),
      { numRuns: 50 },
    );
  });
});
