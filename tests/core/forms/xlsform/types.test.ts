import { describe, expect, it } from 'vitest';
import { choices, convert, issues, ok, question, sheet, survey } from './dsl';

const Q = ['type', 'name', 'label'];

describe('XLSForm question types', () => {
  it('maps every type and its aliases', () => {
    const rows: [string, string][] = [
      ['text', 'text'],
      ['string', 'text'],
      ['integer', 'integer'],
      ['int', 'integer'],
      ['decimal', 'decimal'],
      ['range', 'range'],
      ['date', 'date'],
      ['time', 'time'],
      ['dateTime', 'dateTime'],
      ['datetime', 'dateTime'],
      ['geopoint', 'geopoint'],
      ['geotrace', 'geotrace'],
      ['geoshape', 'geoshape'],
      ['image', 'image'],
      ['photo', 'image'],
      ['audio', 'audio'],
      ['video', 'video'],
      ['file', 'file'],
      ['barcode', 'barcode'],
      ['note', 'note'],
      ['acknowledge', 'acknowledge'],
      ['trigger', 'acknowledge'],
      ['hidden', 'hidden'],
    ];
    const form = ok(survey(Q, ...rows.map(([type], i) => [type, `q${i}`, 'L'])));
    rows.forEach(([, type], i) => expect(question(form, `q${i}`).type, rows[i]?.[0]).toBe(type));
  });

  it('reads select_one / select_multiple with new and old spellings, keeping the list name', () => {
    const form = ok({
      survey: sheet(
        Q,
        ['select_one Yes_No', 'a', 'A'],
        ['select one from Yes_No', 'b', 'B'],
        ['select_multiple  Yes_No', 'c', 'C'],
        ['select all that apply from Yes_No', 'd', 'D'],
      ),
      choices: choices(['Yes_No', 'yes', 'Yes'], ['Yes_No', 'no', 'No']),
    });
    expect(['a', 'b', 'c', 'd'].map((n) => [question(form, n).type, question(form, n).listName])).toEqual([
      ['select_one', 'Yes_No'],
      ['select_one', 'Yes_No'],
      ['select_multiple', 'Yes_No'],
      ['select_multiple', 'Yes_No'],
    ]);
  });

  it('expands or_other: an other choice per language and a text question shown when it is chosen', () => {
    const form = ok({
      survey: sheet(
        ['type', 'name', 'label::English (en)', 'label::Français (fr)'],
        ['select_one water or_other', 'water', 'Water', 'Eau'],
        ['select all that apply from crops or specify other', 'crops', 'Crops', 'Cultures'],
      ),
      choices: sheet(
        ['list_name', 'name', 'label::English (en)', 'label::Français (fr)'],
        ['water', 'well', 'Well', 'Puits'],
        ['crops', 'millet', 'Millet', 'Mil'],
        ['crops', 'other', 'Something else', 'Autre chose'],
      ),
    });
    expect(form.choiceLists.water?.at(-1)).toEqual({ name: 'other', label: { en: 'Other', fr: 'Autre' } });
    // A list that already has `other` keeps its own.
    expect(form.choiceLists.crops?.map((c) => c.name)).toEqual(['millet', 'other']);
    const names = form.items.map((i) => i.name);
    expect(names).toEqual(['water', 'water_other', 'crops', 'crops_other']);
    expect(question(form, 'water_other')).toMatchObject({
      type: 'text',
      relevant: "selected(${water}, 'other')",
      row: 2,
    });
  });

  it('turns start, end, today, deviceid and username into hidden questions the engine fills', () => {
    const form = ok(
      survey(
        ['type', 'name'],
        ['start', 'start'],
        ['end', 'end'],
        ['today', 'today'],
        ['deviceid', 'device'],
        ['username', 'user'],
        ['uri:deviceid', 'dev2'],
      ),
    );
    expect(form.items.map((i) => i.kind === 'question' && [i.type, i.appearance])).toEqual([
      ['hidden', 'meta:start'],
      ['hidden', 'meta:end'],
      ['hidden', 'meta:today'],
      ['hidden', 'meta:deviceid'],
      ['hidden', 'meta:username'],
      ['hidden', 'meta:deviceid'],
    ]);
  });

  it('keeps metadata a browser cannot collect as empty hidden fields, with a warning', () => {
    const result = convert(
      survey(
        ['type', 'name', 'label'],
        ['simserial', 'sim'],
        ['audit', 'audit'],
        ['note', 'n', 'SIM: ${sim}'],
      ),
    );
    expect(
      result.ok && result.form.items.map((i) => [i.name, 'appearance' in i ? i.appearance : '']),
    ).toEqual([
      ['sim', 'meta:simserial'],
      ['audit', 'meta:audit'],
      ['n', ''],
    ]);
    expect(result.warnings.map((w) => [w.row, w.message.split(' ')[0]])).toEqual([
      [2, 'simserial'],
      [3, 'audit'],
    ]);
  });

  it('maps phone number to a text question with the numbers appearance', () => {
    expect(question(ok(survey(Q, ['phone number', 'tel', 'Tel'])), 'tel')).toMatchObject({
      type: 'text',
      appearance: 'numbers',
    });
  });

  it('refuses unsupported and unknown types, naming them', () => {
    const found = issues(
      survey(
        Q,
        ['select_one_from_file villages.txt', 'v', 'V'],
        ['rank', 'r', 'R'],
        ['select_one_external villages', 'x', 'X'],
        ['bogus', 'b', 'B'],
        ['select_one', 's', 'S'],
      ),
    );
    expect(found.map((i) => `${i.row} ${i.column}: ${i.message}`)).toEqual([
      '2 type: select_one_from_file villages.txt: name the choices file: a .csv, .xml or .geojson file',
      '3 type: rank: name the choice list: rank LIST',
      '4 type: select_one_external villages needs an external_choices sheet with the list villages',
      '5 type: Unknown question type bogus',
      '6 type: select_one: name the choice list: select_one LIST',
    ]);
  });

  it('reads rank LIST as a rank question over that list', () => {
    const form = ok({
      ...survey(Q, ['rank crops', 'r', 'R']),
      choices: choices(['crops', 'millet', 'Mil'], ['crops', 'rice', 'Riz']),
    });
    expect(question(form, 'r')).toMatchObject({ type: 'rank', listName: 'crops' });
    expect(issues(survey(Q, ['rank crops', 'r', 'R']))[0]?.message).toBe(
      'Choice list crops is not in the choices sheet',
    );
  });

  it('reads select_*_from_file with the file named and its rows as the list (see itemsetFiles.test.ts)', () => {
    const villages = sheet(['name', 'label'], ['gao', 'Gao']);
    const form = ok({
      ...survey(
        Q,
        ['select_one_from_file villages.csv', 'v', 'V'],
        ['select_multiple_from_file villages.csv', 'w', 'W'],
      ),
      attachments: { 'villages.csv': villages },
    });
    expect(question(form, 'v')).toMatchObject({
      type: 'select_one',
      listName: 'villages',
      itemsetFile: 'villages.csv',
    });
    expect(question(form, 'w')).toMatchObject({ type: 'select_multiple', listName: 'villages' });
    expect(form.choiceLists).toEqual({ villages: [{ name: 'gao', label: { und: 'Gao' } }] });
  });

  it('reads calculate with its calculation, and requires one', () => {
    const form = ok(survey(['type', 'name', 'calculation'], ['calculate', 'c', '1 + 1']));
    expect(question(form, 'c')).toMatchObject({ type: 'calculate', calculation: '1 + 1' });
    expect(issues(survey(['type', 'name', 'calculation'], ['calculate', 'c', '']))).toEqual([
      { sheet: 'survey', row: 2, column: 'calculation', message: 'A calculate question needs a calculation' },
    ]);
  });

  it('treats select types case-insensitively and whitespace-tolerantly', () => {
    const form = ok({
      survey: sheet(Q, ['  Select_One   yn ', 'a', 'A']),
      choices: choices(['yn', 'y', 'Y']),
    });
    expect(question(form, 'a')).toMatchObject({ type: 'select_one', listName: 'yn' });
  });
});
