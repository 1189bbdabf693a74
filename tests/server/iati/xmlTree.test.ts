import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIatiText } from '../../../src/server/iati/commands';
import { IatiFileError, parseXml } from '../../../src/server/iati/xmlTree';

const SAMPLE = readFileSync(new URL('./files/sample.xml', import.meta.url), 'utf8');

function refusal(text: string): IatiFileError {
  try {
    readIatiText(text);
  } catch (err) {
    if (err instanceof IatiFileError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('IATI XML reading', () => {
  it('refuses XML that is not well-formed with its line and column', () => {
    const err = refusal('<iati-activities>\n  <iati-activity>\n  </iati-activities>');
    expect(err.line).toBe(3);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/^line 3, column \d+: /);
    expect(err).toMatchObject({ code: 'xml_unexpected_close_tag', params: {} });
  });

  it('gives each parser error a code, its English sentence, and the parser’s own sentence when it has none', () => {
    expect(refusal('<iati-activities>\n<iati-activity>')).toMatchObject({
      code: 'xml_unclosed_tag',
      params: { name: 'iati-activity' },
      reason: 'unclosed tag: iati-activity',
    });
    const other = refusal('<iati-activities a="1" a="2"/>');
    expect(other).toMatchObject({ code: 'xml_malformed', params: { detail: other.reason } });
    expect(other.reason).toMatch(/duplicate attribute/);
  });

  it('refuses any DOCTYPE: no external entity, no entity expansion', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<iati-activities>&x;</iati-activities>';
    expect(refusal(xxe).reason).toMatch(/DOCTYPE/);
    expect(refusal(xxe).code).toBe('doctype_refused');
    const laughs =
      '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><iati-activities>&b;</iati-activities>';
    expect(refusal(laughs).reason).toMatch(/DOCTYPE/);
    expect(refusal('<iati-activities>&b;</iati-activities>')).toMatchObject({
      code: 'xml_undefined_entity',
      reason: 'undefined entity.',
    });
  });

  it('refuses an activity without an identifier, naming it and its line', () => {
    const err = refusal(
      '<iati-activities>\n<iati-activity><iati-identifier>A-1</iati-identifier></iati-activity>\n' +
        '<iati-activity>\n<iati-identifier> </iati-identifier></iati-activity></iati-activities>',
    );
    expect(err.reason).toBe('activity 2 has no iati-identifier');
    expect(err).toMatchObject({ code: 'missing_identifier', params: { activity: 2 }, line: 3, column: null });
  });

  it('refuses a file that is not an activity file', () => {
    expect(refusal('<iati-organisations/>')).toMatchObject({
      code: 'wrong_root',
      params: { name: 'iati-organisations' },
      reason: 'the root element is <iati-organisations>, not <iati-activities>',
    });
  });

  it('keeps predefined entities, CDATA and xml:lang; skips extensions', () => {
    const root = parseXml('<a xml:lang="fr" xmlns:x="urn:x"><x:b/>&lt;<![CDATA[&]]></a>');
    expect(root.text).toBe('<&');
    expect(root.attrs['xml:lang']).toBe('fr');
    expect(root.children[0]?.name).toBe('x:b');
  });

  it('maps an activity to Terrain fields and notes what it leaves out', () => {
    const file = readIatiText(SAMPLE);
    expect(file.version).toBe('2.03');
    expect(file.organisations.map((o) => o.ref).sort()).toEqual(['ML-NIF-0042', 'XM-DAC-41114']);
    const [a] = file.activities;
    expect(a?.identifier).toBe('ML-NIF-0042-WASH-01');
    expect(a?.project).toMatchObject({
      code: 'ML-NIF-0042-WASH-01',
      title: { fr: 'Eau potable à Gao', en: 'Drinking water in Gao' },
      description: { fr: 'Forages et latrines' },
      status: 'active',
      plannedStart: '2026-01-01',
      actualStart: '2026-01-15',
      plannedEnd: '2027-12-31',
      actualEnd: null,
      sectors: [
        { code: '14030', percentage: 60 },
        { code: '14031', percentage: 40 },
      ],
      locations: [
        { name: 'Gao', adm1: 'ML07', adm2: 'ML0701', adm3: null, point: { lat: 16.2717, lon: -0.0447 } },
      ],
      budgets: [
        {
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          value: 50000000,
          currency: 'XOF',
          type: 'original',
        },
      ],
    });
    expect(a?.orgRefs.participating).toEqual([
      { ref: 'XM-DAC-41114', role: '1' },
      { ref: 'ML-NIF-0042', role: '4' },
    ]);
    expect(a?.transactions[0]?.fields).toMatchObject({ type: '2', value: 76000, currency: 'EUR' });
    expect(a?.indicators[0]?.fields).toMatchObject({
      measure: 'unit',
      direction: 'increase',
      baseline: { year: 2025, value: 120 },
      targets: [{ period: { start: '2026-01-01', end: '2026-06-30' }, value: 800 }],
    });
    expect(a?.values[0]?.fields).toMatchObject({ value: 650 });
    expect(a?.notes).toEqual([
      {
        code: 'participating_org_invalid',
        params: { line: 10 },
        message: 'participating-org on line 10 left out (no valid ref or role)',
      },
      {
        code: 'sectors_other_vocabulary',
        params: { count: 1 },
        message: '1 sector(s) of other vocabularies left out',
      },
    ]);
  });
});
