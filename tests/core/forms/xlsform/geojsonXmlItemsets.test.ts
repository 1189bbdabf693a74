import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFormEngine } from '../../../../src/core/forms/engine';
import { formatIssue } from '../../../../src/core/forms/xlsform';
import { convert, ok, sheet, survey, type Tables } from './dsl';

const Q = ['type', 'name', 'label', 'choice_filter'];

/** Wells of two villages: a point with its id on the feature, one in properties, a line and a polygon. */
const WELLS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'w1',
      geometry: { type: 'Point', coordinates: [-0.04, 16.27, 260] },
      properties: { title: 'Puits du marché', village: 'gao', depth: 12.5, working: true, note: null },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0.35, 15.66] },
      properties: { id: 'w2', title: 'Puits nord', village: 'ansongo' },
    },
    {
      type: 'Feature',
      id: 7,
      geometry: {
        type: 'LineString',
        coordinates: [
          [-0.05, 16.2],
          [-0.04, 16.3],
        ],
      },
      properties: { title: 'Canal', village: 'gao', name: 'canal-est' },
    },
    {
      type: 'Feature',
      id: 'zone',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 16],
            [1, 16],
            [1, 17],
            [0, 16],
          ],
          [
            [0.2, 16.2],
            [0.3, 16.2],
            [0.2, 16.2],
          ],
        ],
      },
      properties: { village: 'gao' },
    },
  ],
});

const VILLAGES_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported from the registry -->
<root>
  <item>
    <name>gao</name>
    <label>Gao &amp; environs</label>
    <region>north</region>
  </item>
  <item><name>segou</name><label><![CDATA[Ségou <centre>]]></label><region>centre</region><pop>130000</pop></item>
  <item>
    <name>kati</name>
    <region>centre</region>
  </item>
</root>
`;

const problems = (tables: Tables): string[] => {
  const result = convert(tables);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('select_*_from_file with a GeoJSON file', () => {
  const wells = (filter = '', attached = WELLS) =>
    ok({
      ...survey(
        Q,
        ['select_one villages', 'village', 'Village', ''],
        ['select_one_from_file wells.geojson', 'well', 'Puits', filter],
      ),
      choices: sheet(
        ['list_name', 'name', 'label'],
        ['villages', 'gao', 'Gao'],
        ['villages', 'ansongo', 'A'],
      ),
      attachments: { 'wells.geojson': attached },
    });

  it('makes each feature a choice: its id as name, its title as label, properties and geometry as columns', () => {
    expect(wells().choiceLists.wells).toEqual([
      {
        name: 'w1',
        label: { und: 'Puits du marché' },
        extra: {
          title: 'Puits du marché',
          village: 'gao',
          depth: '12.5',
          working: 'true',
          id: 'w1',
          geometry: '16.27 -0.04 0 0',
        },
      },
      {
        name: 'w2',
        label: { und: 'Puits nord' },
        extra: { id: 'w2', title: 'Puits nord', village: 'ansongo', geometry: '15.66 0.35 0 0' },
      },
      {
        name: '7',
        label: { und: 'Canal' },
        extra: {
          title: 'Canal',
          village: 'gao',
          name: 'canal-est',
          id: '7',
          geometry: '16.2 -0.05 0 0; 16.3 -0.04 0 0',
        },
      },
      {
        // No title: the label is empty, as in ODK (the app shows the name).
        name: 'zone',
        label: {},
        extra: { village: 'gao', id: 'zone', geometry: '16 0 0 0; 16 1 0 0; 17 1 0 0; 16 0 0 0' },
      },
    ]);
  });

  it('filters on properties, reads the geometry with instance(), and answers with the feature id', () => {
    const form = ok({
      survey: sheet(
        ['type', 'name', 'label', 'choice_filter', 'calculation'],
        ['text', 'village', 'Village', '', ''],
        ['select_one_from_file wells.geojson', 'well', 'Puits', 'village=${village}', ''],
        ['calculate', 'where', '', '', "instance('wells')/root/item[id=${well}]/geometry"],
        ['calculate', 'what', '', '', "instance('wells')/root/item[id=${well}]/title"],
      ),
      attachments: { 'wells.geojson': WELLS },
    });
    const engine = createFormEngine(form);
    const state = engine.evaluate({ village: 'gao', well: '7' }, 'fr');
    expect(state.choices(['well']).map((c) => c.name)).toEqual(['w1', '7', 'zone']);
    expect(state.answers.where).toBe('16.2 -0.05 0 0; 16.3 -0.04 0 0');
    expect(state.answers.what).toBe('Canal');
    expect(engine.finalize({ village: 'gao', well: 'w1' }, 'fr').ok).toBe(true);
  });

  it('reads a `name` property as ODK does: the property, not the choice value', () => {
    const form = wells("name='canal-est' or title='Puits nord'");
    const offered = createFormEngine(form)
      .evaluate({}, 'fr')
      .choices(['well'])
      .map((c) => c.name);
    expect(offered).toEqual(['w2', '7']);
  });

  it('checks filters against the properties of the file', () => {
    const tables = (filter: string): Tables => ({
      ...survey(Q, ['text', 'v', 'V', ''], ['select_one_from_file wells.geojson', 'w', 'W', filter]),
      attachments: { 'wells.geojson': WELLS },
    });
    expect(problems(tables('village=${v} and depth > 10 and geometry != ""'))).toEqual([]);
    expect(convert(tables('district=${v}')).warnings.map(formatIssue)[0]).toBe(
      'survey!3 choice_filter: district is not a column of the choice list (columns: name, label, title, village, depth, working, id, geometry): every choice reads it as empty',
    );
  });

  it('refuses what is not a FeatureCollection, naming the question row and the file', () => {
    const one = (text: string) =>
      problems({
        ...survey(Q, ['text', 't', 'T', ''], ['select_one_from_file wells.geojson', 'w', 'W', '']),
        attachments: { 'wells.geojson': text },
      });
    expect(one('{"type": "FeatureCollection", "features": [')[0]).toMatch(
      /^survey!3 type: wells\.geojson is not valid JSON \(.+\)$/,
    );
    expect(one('[1, 2]')).toEqual([
      'survey!3 type: wells.geojson is not a GeoJSON FeatureCollection: its top level needs "type": "FeatureCollection"',
    ]);
    expect(one('{"type": "Feature", "properties": {}}')[0]).toContain('is not a GeoJSON FeatureCollection');
    expect(one('{"type": "FeatureCollection"}')).toEqual([
      'survey!3 type: wells.geojson has no "features" list',
    ]);
    expect(one('{"type": "FeatureCollection", "features": []}')).toEqual([
      'survey!3 type: wells.geojson has no choices',
    ]);
  });

  it('refuses features without id, of other geometries, with nested properties or duplicate ids', () => {
    const feature = (extra: object) => ({ type: 'Feature', geometry: null, properties: {}, ...extra });
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ id: 'a' }),
        feature({ properties: { title: 'Sans id' } }),
        feature({ id: 'b', geometry: { type: 'MultiPolygon', coordinates: [] } }),
        feature({ id: 'c', properties: { style: { color: 'red' } } }),
        feature({ id: 'a' }),
        feature({ id: 'd', geometry: { type: 'Point', coordinates: ['x', 1] } }),
        { type: 'Point', coordinates: [0, 0] },
      ],
    });
    expect(
      problems({
        ...survey(Q, ['select_multiple_from_file wells.geojson', 'w', 'W', '']),
        attachments: { 'wells.geojson': text },
      }),
    ).toEqual([
      'survey!2 type: wells.geojson feature 2 has no id: give it "id" (or an id property), the value its choice stores',
      'survey!2 type: wells.geojson feature 3: its geometry is a MultiPolygon: only Point, LineString and Polygon geometries can be read (as in ODK)',
      'survey!2 type: wells.geojson feature 4: property style is an object or a list; only text, numbers and true/false can be read',
      'survey!2 type: wells.geojson feature 5: duplicate choice a (first at feature 1)',
      'survey!2 type: wells.geojson feature 6: its Point coordinates are not [longitude, latitude] numbers',
      'survey!2 type: wells.geojson feature 7 is not a GeoJSON Feature ("type": "Feature")',
    ]);
  });

  it('keeps every feature with an id as one choice, in file order, with its point', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
    const coordinate = fc.double({ min: -90, max: 90, noNaN: true });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id, lon: coordinate, lat: coordinate }), {
          minLength: 1,
          maxLength: 30,
          selector: (f) => f.id,
        }),
        (points) => {
          const text = JSON.stringify({
            type: 'FeatureCollection',
            features: points.map((p) => ({
              type: 'Feature',
              id: p.id,
              geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
              properties: { title: p.id.toUpperCase() },
            })),
          });
          const form = ok({
            ...survey(Q, ['select_one_from_file points.geojson', 'p', 'P', '']),
            attachments: { 'points.geojson': text },
          });
          const list = form.choiceLists.points ?? [];
          expect(list.map((c) => c.name)).toEqual(points.map((p) => p.id));
          expect(list.map((c) => c.extra?.geometry)).toEqual(points.map((p) => `${p.lat} ${p.lon} 0 0`));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('select_*_from_file with an XML file', () => {
  it('makes each <item> a choice: name, label, and its other elements as columns', () => {
    const form = ok({
      ...survey(Q, ['select_one_from_file villages.xml', 'v', 'V', '']),
      attachments: { 'villages.xml': VILLAGES_XML },
    });
    expect(form.choiceLists.villages).toEqual([
      { name: 'gao', label: { und: 'Gao & environs' }, extra: { region: 'north' } },
      { name: 'segou', label: { und: 'Ségou <centre>' }, extra: { region: 'centre', pop: '130000' } },
      { name: 'kati', label: {}, extra: { region: 'centre' } },
    ]);
  });

  it('filters on the item columns and reads them with instance()', () => {
    const form = ok({
      survey: sheet(
        ['type', 'name', 'label', 'choice_filter', 'calculation'],
        ['text', 'region', 'Région', '', ''],
        ['select_multiple_from_file villages.xml', 'v', 'V', 'region=${region}', ''],
        ['calculate', 'pop', '', '', "instance('villages')/root/item[name='segou']/pop"],
      ),
      attachments: { 'villages.xml': VILLAGES_XML },
    });
    const state = createFormEngine(form).evaluate({ region: 'centre' }, 'fr');
    expect(state.choices(['v']).map((c) => c.name)).toEqual(['segou', 'kati']);
    expect(state.answers.pop).toBe('130000');
  });

  it('refuses malformed XML, another document element, items without name, and no items', () => {
    const one = (text: string) =>
      problems({
        ...survey(Q, ['select_one_from_file villages.xml', 'v', 'V', '']),
        attachments: { 'villages.xml': text },
      });
    expect(one('<root>\n<item><name>gao</item>\n</root>')).toEqual([
      'survey!2 type: villages.xml is not well-formed XML: line 2: </item> closes <name> of line 2',
    ]);
    expect(one('<root><item><name>a & b</name></item></root>')).toEqual([
      'survey!2 type: villages.xml is not well-formed XML: line 1: & must be written &amp;',
    ]);
    expect(one('<villages><item><name>gao</name></item></villages>')).toEqual([
      'survey!2 type: villages.xml: its top element is <villages>; choices files have <root> with an <item> per choice',
    ]);
    expect(one('<root>\n  <item><label>Gao</label></item>\n  <item><name>x</name></item>\n</root>')).toEqual([
      'survey!2 type: villages.xml line 2: this choice has no name',
    ]);
    expect(one('<root><row><name>x</name></row></root>')).toEqual([
      'survey!2 type: villages.xml has no choices',
    ]);
    expect(one('{"type": "FeatureCollection"}')[0]).toContain('villages.xml is not well-formed XML: line 1:');
  });

  it('keeps any names and labels, escaped in XML, exactly', () => {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(text, text), { minLength: 1, maxLength: 20, selector: (t) => t[0] }),
        (items) => {
          const xml = `<root>${items.map(([n, l]) => `<item><name>${escape(n)}</name><label>${escape(l)}</label></item>`).join('\n')}</root>`;
          const form = ok({
            ...survey(Q, ['select_one_from_file list.xml', 'v', 'V', '']),
            attachments: { 'list.xml': xml },
          });
          expect(form.choiceLists.list).toEqual(
            items.map(([name, label]) => ({ name, label: { und: label } })),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
