import { describe, expect, it } from 'vitest';
import { convertXlsForm, formatIssue, localizeIssue } from '../../../../src/core/forms/xlsform';
import { convert, issues, item, ok, question, sheet, survey } from './dsl';

/** pyxform's rules the conformance suite brought in (issue 13), each on a small form. */
describe('names, as pyxform', () => {
  it('allows a group and its question to share a name, and a name again in another repeat', () => {
    const form = ok(
      survey(
        ['type', 'name', 'label'],
        ['begin group', 'permission', 'Permission'],
        ['acknowledge', 'permission', 'I agree'],
        ['end group'],
        ['begin repeat', 'child', 'Child'],
        ['text', 'name', 'Name'],
        ['end repeat'],
        ['begin repeat', 'adult', 'Adult'],
        ['text', 'name', 'Name'],
        ['end repeat'],
      ),
    );
    expect(item(form, 'permission').kind).toBe('group');
  });

  it('refuses two siblings of one name, and a reference to a name several rows carry, with its rows', () => {
    const found = issues(
      survey(
        ['type', 'name', 'label', 'relevant'],
        ['begin repeat', 'child', 'Child'],
        ['text', 'name', 'Name'],
        ['text', 'name', 'Again'],
        ['end repeat'],
        ['begin repeat', 'adult', 'Adult'],
        ['text', 'name', 'Name'],
        ['note', 'n', 'Hi', "${name} != ''"],
        ['end repeat'],
      ),
    );
    expect(found.map(formatIssue)).toEqual([
      'survey!4 name: Duplicate name name (first at row 3): items of group child must have different names',
      'survey!8 relevant: ${name} is ambiguous: rows 3, 7 are all named name; rename them so each name is used once',
    ]);
  });

  it('warns of a label or hint inserting a name the form does not have, and still refuses it in a trigger', () => {
    const result = convert(
      survey(
        ['type', 'name', 'label', 'hint'],
        ['text', 'q1', 'Hello ${q1x}', 'See ${q1x}'],
        ['note', 'n', '${q1}'],
      ),
    );
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
    expect(result.warnings.map(formatIssue)).toEqual([
      'survey!2 label: ${q1x} is not a field of this form: the text shows nothing in its place',
      'survey!2 hint: ${q1x} is not a field of this form: the text shows nothing in its place',
    ]);
    expect(localizeIssue(result.warnings[0]!, 'fr').message).toBe(
      '${q1x} n’est pas un champ de ce formulaire : le texte n’affiche rien à sa place',
    );
    const trigger = issues(
      survey(['type', 'name', 'calculation', 'trigger'], ['calculate', 'c', 'now()', '${q1x}']),
    );
    expect(trigger.map((i) => i.message)).toEqual(['${q1x} is not a field of this form']);
  });

  it('reserves meta at the top of the form only', () => {
    expect(issues(survey(['type', 'name'], ['text', 'meta']))[0]?.message).toMatch(/meta is reserved/);
    const nested = survey(
      ['type', 'name', 'label'],
      ['begin repeat', 'r1', 'R1'],
      ['begin repeat', 'meta', 'G1'],
      ['text', 'q1', 'Q1'],
      ['end repeat'],
      ['end repeat'],
    );
    expect(item(ok(nested), 'meta').kind).toBe('repeat');
  });
});

describe('legacy and alias types', () => {
  it('reads pyxform alias types as the types they stand for', () => {
    const form = ok({
      ...survey(
        ['type', 'name', 'label'],
        ['imei', 'device'],
        ['gps', 'where', 'Where'],
        ['add select one prompt using yn', 'a', 'A'],
        ['select one from yn', 'b', 'B'],
        ['select all that apply from yn', 'c', 'C'],
        ['percentage', 'p', 'Share'],
        ['q int', 'n', 'N'],
        ['get start time', 'began'],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 'yes', 'Yes'], ['yn', 'no', 'No']),
    });
    expect(question(form, 'device')).toMatchObject({ type: 'hidden', appearance: 'meta:deviceid' });
    expect(question(form, 'where').type).toBe('geopoint');
    expect(question(form, 'a')).toMatchObject({ type: 'select_one', listName: 'yn' });
    expect(question(form, 'b')).toMatchObject({ type: 'select_one', listName: 'yn' });
    expect(question(form, 'c')).toMatchObject({ type: 'select_multiple', listName: 'yn' });
    expect(question(form, 'p')).toMatchObject({ type: 'integer', constraint: '. >= 0 and . <= 100' });
    expect(question(form, 'n').type).toBe('integer');
    expect(question(form, 'began').appearance).toBe('meta:start');
  });

  it('reads csv-external as an attached list, and osm as a file upload with a warning', () => {
    const result = convertXlsForm({
      survey: sheet(
        ['type', 'name', 'label'],
        ['csv-external', 'fruits'],
        ['osm building_tags', 'building', 'Building'],
      ),
      choices: [],
      settings: [],
    });
    expect(result.ok).toBe(true);
    expect(result.missingFiles).toEqual(['fruits.csv']);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/OpenMapKit/);
  });

  it('accepts a form of csv-/xml-external declarations alone, as pyxform: nothing to fill, its files declared', () => {
    const result = convertXlsForm({
      survey: sheet(['type', 'name'], ['csv-external', 'mydata'], ['xml-external', 'places']),
      choices: [],
      settings: [],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.items).toEqual([]);
    expect(result.missingFiles).toEqual(['mydata.csv', 'places.xml']);
  });
});

describe('select_one_external, as pyxform', () => {
  const form = (external: string[][] | undefined, sheetNames?: string[]) =>
    convertXlsForm({
      survey: sheet(
        ['type', 'name', 'label', 'choice_filter'],
        ['select_one regions', 'region', 'Region'],
        ['select_one_external villages', 'village', 'Village', 'region=${region}'],
      ),
      choices: sheet(['list_name', 'name', 'label'], ['regions', 'north', 'North']),
      settings: [],
      ...(external ? { external_choices: sheet(external[0] ?? [], ...external.slice(1)) } : {}),
      ...(sheetNames ? { sheetNames } : {}),
    });

  it('takes the list from the external_choices sheet, whose columns the choice filter uses', () => {
    const converted = form([
      ['list_name', 'name', 'label', 'region'],
      ['villages', 'v1', 'Village 1', 'north'],
      ['villages', 'v2', 'Village 2', 'south'],
    ]);
    if (!converted.ok) return expect.fail(JSON.stringify(converted.issues));
    const result = converted.form;
    expect(question(result, 'village')).toMatchObject({
      type: 'select_one',
      listName: 'villages',
      choiceFilter: 'region=${region}',
    });
    expect(result.choiceLists.villages?.map((c) => [c.name, c.extra])).toEqual([
      ['v1', { region: 'north' }],
      ['v2', { region: 'south' }],
    ]);
  });

  it('refuses a list that is not there, points at a misspelled sheet, and warns of a column it lacks', () => {
    const messages = (result: ReturnType<typeof form>) =>
      result.ok ? result.warnings.map(formatIssue) : result.issues.map(formatIssue);
    expect(messages(form(undefined, ['survey', 'choices', 'extrenal_choices']))).toEqual([
      "survey!3 type: select_one_external villages needs an external_choices sheet with the list villages; the workbook has 'extrenal_choices': rename it external_choices?",
    ]);
    expect(
      messages(
        form([
          ['list_name', 'name'],
          ['towns', 't1'],
        ]),
      ),
    ).toEqual(['survey!3 type: Choice list villages is not in the external_choices sheet']);
    expect(
      messages(
        form([
          ['list_name', 'name'],
          ['villages', 'v1'],
        ]),
      ),
    ).toEqual([
      'survey!3 choice_filter: region is not a column of the choice list (columns: name, label): every choice reads it as empty',
    ]);
  });

  it('reads a column no list has as empty, as ODK does, warning in French too', () => {
    const result = convertXlsForm({
      survey: sheet(['type', 'name', 'label', 'choice_filter'], ['select_one c', 'q', 'Q', "state != ''"]),
      choices: sheet(['list_name', 'name', 'label'], ['c', 'a', 'A']),
      settings: [],
    });
    if (!result.ok) return expect.fail(JSON.stringify(result.issues));
    expect(result.warnings.map((w) => localizeIssue(w, 'fr').message)).toEqual([
      'state n’est pas une colonne de la liste de choix (colonnes : name, label) : chaque choix la lit comme vide',
    ]);
  });
});

describe('parameters, checked where pyxform checks them', () => {
  const one = (type: string, parameters: string) =>
    convertXlsForm({
      survey: sheet(['type', 'name', 'label', 'parameters'], [type, 'q', 'Q', parameters]),
      choices: sheet(['list_name', 'name', 'label'], ['yn', 'yes', 'Yes']),
      settings: [],
    });
  const problems = (type: string, parameters: string) => {
    const result = one(type, parameters);
    return result.ok ? [] : result.issues.map((i) => `${i.column}: ${i.message}`);
  };

  it('accepts what ODK accepts, and keeps the values as written', () => {
    const result = one('select_one yn', 'randomize=True seed=${q}');
    // The seed names the question itself here: a reference is all the parameter check asks.
    expect(result.ok && question(result.form, 'q').parameters).toEqual({ randomize: 'True', seed: '${q}' });
    for (const [type, parameters] of [
      ['geopoint', 'capture-accuracy=5 warning-accuracy=10.5 allow-mock-accuracy=true'],
      ['image', 'max-pixels=1024'],
      ['audio', 'quality=voice-only'],
      ['range', 'start=0; end=10; step=2'],
      ['integer', 'anything=goes'],
    ] as const)
      expect(problems(type, parameters), `${type} ${parameters}`).toEqual([]);
  });

  it('refuses what pyxform refuses, on the parameters cell', () => {
    expect(problems('select_one yn', 'seed=42')).toEqual([
      'parameters: A seed needs randomize=true: add it to the parameters',
    ]);
    expect(problems('select_one yn', 'randomize=true seed=ukanga')[0]).toMatch(
      /seed=ukanga: the seed must be a number/,
    );
    expect(problems('geopoint', 'allow-mock-accuracy=foo')[0]).toMatch(/write true or false/);
    expect(problems('geotrace', 'warning-accuracy=5')[0]).toMatch(
      /^parameters: warning-accuracy: not a parameter/,
    );
    expect(problems('geopoint', 'capture-accuracy=near')[0]).toMatch(/must be a number of metres/);
    expect(problems('image', 'max-pixels=foo')[0]).toMatch(/whole number of pixels/);
    expect(problems('image', 'max-pixels=640 foo=bar')[0]).toMatch(/^parameters: foo: not a parameter/);
    expect(problems('audio', 'quality=foo')[0]).toMatch(/quality=foo: write voice-only or low/);
    expect(problems('range', 'start=0 end=5 step=0')[0]).toMatch(/step=0/);
    expect(problems('range', 'start=0 end=5 step=10')[0]).toMatch(/wider than the range/);
  });

  it('checks the audit log’s parameters, and names it audit', () => {
    const audit = (parameters: string, name = '') =>
      convertXlsForm({
        survey: sheet(['type', 'name', 'parameters'], ['audit', name, parameters], ['text', 't']),
        choices: [],
        settings: [],
      });
    expect(audit('').ok).toBe(true);
    const bad = audit('location-priority=balanced, location-min-interval=2, location-max-age=1');
    expect(!bad.ok && bad.issues[0]?.message).toMatch(/location-max-age must be greater than or equal/);
    const other = audit('', 'log');
    expect(!other.ok && other.issues[0]?.message).toMatch(/always named audit/);
  });
});

describe('columns and sheets, as pyxform reads them', () => {
  it('reads headers in any case and pyxform’s column aliases', () => {
    const form = ok(
      survey(
        ['Type', 'Name', 'Label::English (en)', 'calculate', 'Relevance'],
        ['integer', 'n', 'N'],
        ['calculate', 'twice', '', '${n} * 2', '${n} > 0'],
      ),
    );
    expect(question(form, 'n').label).toEqual({ en: 'N' });
    expect(question(form, 'twice')).toMatchObject({ calculation: '${n} * 2', relevant: '${n} > 0' });
  });

  it('refuses a row filling two spellings of one column, a lone guidance hint and a lone big image', () => {
    const found = issues(
      survey(
        ['type', 'name', 'value', 'label', 'guidance_hint', 'media::big-image'],
        ['text', 'a', 'b', 'A'],
        ['text', 'c', '', '', 'as on the card'],
        ['text', 'd', '', 'D', '', 'big.png'],
      ),
    );
    expect(found.map((i) => `${i.row} ${i.column}`)).toEqual([
      '2 value',
      '3 guidance_hint',
      '4 media::big-image',
    ]);
  });

  it('names a misspelled sheet when the one it needs is missing', () => {
    const result = convertXlsForm({
      survey: sheet(['type', 'name', 'label'], ['select_one l1', 'q1', 'Q1']),
      choices: [],
      settings: [],
      sheetNames: ['survey', 'chioces'],
    });
    expect(!result.ok && result.issues[0]?.message).toBe(
      "Choice list l1 is not in the choices sheet; the workbook has 'chioces': rename it choices?",
    );
  });
});
