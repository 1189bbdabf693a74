import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import {
  ORGANISATION_ROLES,
  ORGANISATION_TYPES,
  PROJECT_STATUSES,
} from '../../../src/core/records/iatiCodes';
import type { Indicator } from '../../../src/core/records/indicator';
import type { IndicatorValue } from '../../../src/core/records/indicatorValue';
import { NO_CONTACT, type Organisation } from '../../../src/core/records/organisation';
import type { PlannedDisbursement } from '../../../src/core/records/plannedDisbursement';
import { Project } from '../../../src/core/records/project';
import { MAX_AMOUNT, TRANSACTION_TYPES, type Transaction } from '../../../src/core/records/transaction';

/** The official schema sits with the shared fixtures, beside the repository (`../shared` from its root). */
const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/iati');
const file = (fileName: string) => ({ fileName, contents: readFileSync(`${DIR}/${fileName}`, 'utf8') });
const SCHEMA = file('iati-activities-schema.xsd');
const PRELOAD = [file('iati-common.xsd'), file('xml.xsd')];

/** The official IATI 2.03 schema's verdict on `xml`, with xmllint's messages. */
export async function validateIati(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: { fileName: 'activities.xml', contents: xml },
    schema: SCHEMA,
    preload: PRELOAD,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

const ORGANISATIONS_SCHEMA = file('iati-organisations-schema.xsd');

/** The official IATI 2.03 organisation schema's verdict on `xml`. */
export async function validateIatiOrganisations(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: { fileName: 'organisations.xml', contents: xml },
    schema: ORGANISATIONS_SCHEMA,
    preload: PRELOAD,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

/**
 * IATI's reference rulesets (IATI-Rulesets' own Python implementation, with the shared fixtures) on `xml`:
 * check.py prints each failed rule and `iati-rulesets: F failed of N checks`. Debian's python3 has the lxml
 * and dateutil it needs (.ci/run installs them); a pyenv `python3` on PATH may not, hence /usr/bin/python3.
 */
export function checkIatiRulesets(xml: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-iati-'));
  try {
    writeFileSync(join(dir, 'file.xml'), xml);
    const run = spawnSync(
      '/usr/bin/python3',
      [`${DIR}/rulesets/check.py`, `${DIR}/rulesets/standard_py.json`, join(dir, 'file.xml')],
      { encoding: 'utf8' },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}${run.error?.message ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const gao: Organisation = {
  id: 'org-1',
  name: 'Association Sahel & Développement <ASD>',
  acronym: 'ASD',
  iatiId: 'ML-NIF-123456',
  type: '22',
  contactPerson: 'Aminata Traoré',
  contactJobTitle: 'Chargée de suivi & évaluation',
  contactDepartment: 'Suivi-évaluation',
  contactEmail: 'suivi@asd-sahel.org',
  contactTelephone: '+223 20 00 00 00',
  contactWebsite: 'https://asd-sahel.org/?lang=fr&p=1',
  contactAddress: 'BP 100, Gao, Mali',
  deleted: false,
};
export const donor: Organisation = {
  id: 'org-2',
  name: 'ECHO',
  acronym: 'ECHO',
  iatiId: 'XI-IATI-EC_ECHO',
  type: '10',
  ...NO_CONTACT,
  deleted: false,
};

export const demoProject: Project = Project.parse({
  id: 'p-1',
  code: 'SNG-01',
  title: { fr: 'Sécurité alimentaire à Gao', en: 'Food security in Gao' },
  description: { fr: 'Distribution de semences "améliorées"', en: 'Seed distribution' },
  organisationId: 'org-1',
  status: 'active',
  participatingOrgs: [
    { organisationId: 'org-2', role: '1' },
    { organisationId: 'org-1', role: '4' },
  ],
  plannedStart: '2026-01-01',
  plannedEnd: '2027-12-31',
  actualStart: '2026-02-15',
  sectors: [
    { code: '31120', percentage: 70 },
    { code: '72040', percentage: 30 },
  ],
  locations: [
    { name: 'Gao', adm1: 'ML07', adm2: 'ML0701', adm3: null, point: { lat: 16.27, lon: -0.04 } },
    { name: 'Ansongo', adm1: 'ML07', adm2: null, adm3: null, point: null },
  ],
  budgets: [
    {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      value: 125000000,
      currency: 'XOF',
      type: 'original',
    },
  ],
});

export const demoIndicator: Indicator = {
  id: 'i-1',
  projectId: 'p-1',
  code: 'HH',
  title: { fr: 'Ménages assistés', en: 'Households assisted' },
  unit: 'households',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: { year: 2025, value: 0 },
  targets: [{ period: { start: '2026-01-01', end: '2026-06-30' }, value: 500 }],
  computation: null,
  deleted: false,
};

export function value(over: Partial<IndicatorValue>): IndicatorValue {
  return {
    id: 'v-1',
    indicatorId: 'i-1',
    projectId: 'p-1',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    categories: {},
    value: 320,
    comment: '',
    enteredBy: 'u-1',
    reviewStatus: null,
    reviewComment: '',
    reviewedBy: null,
    deleted: false,
    ...over,
  };
}

const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Any text, controls and lone surrogates included: escaping must make all of it valid XML. */
const text = fc.string({ unit: 'binary', maxLength: 30 });
const localized = fc.dictionary(fc.constantFrom('fr', 'en', 'bm', 'fr-ML', 'not a lang'), text, {
  maxKeys: 3,
});
const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 });
const id = fc.constantFrom('a', 'b', 'c', 'd');

export const organisationArb: fc.Arbitrary<Organisation> = fc.record({
  id,
  name: text.filter((s) => s.length > 0),
  acronym: fc.constant(''),
  iatiId: fc.option(fc.constantFrom('ML-NIF-1', 'XM-DAC-41114', 'GB-COH-0_1.x'), { freq: 5 }),
  type: fc.constantFrom(...ORGANISATION_TYPES),
  // Free texts of any characters; the email and website as the schema lets them be.
  contactPerson: fc.oneof(fc.constant(''), text),
  contactJobTitle: fc.oneof(fc.constant(''), text),
  contactDepartment: fc.oneof(fc.constant(''), text),
  contactEmail: fc.constantFrom('', 'a@b.org', 'x.y+z@sub.example.org'),
  contactTelephone: fc.oneof(fc.constant(''), text),
  contactWebsite: fc.constantFrom('', 'https://a.org', 'http://b.example.org/p?q=1&r=<2>'),
  contactAddress: fc.oneof(fc.constant(''), text),
  deleted: fc.boolean(),
});

export const projectArb: fc.Arbitrary<Project> = fc
  .record({
    id: fc.constantFrom('p1', 'p2'),
    code: text.filter((s) => s.length > 0),
    title: localized,
    description: fc.option(localized, { nil: undefined }),
    organisationId: fc.option(id, { freq: 5 }),
    status: fc.constantFrom(...PROJECT_STATUSES),
    participatingOrgs: fc.array(
      fc.record({ organisationId: id, role: fc.constantFrom(...ORGANISATION_ROLES) }),
      { maxLength: 3 },
    ),
    plannedStart: fc.option(date),
    plannedEnd: fc.option(date),
    actualStart: fc.option(date),
    actualEnd: fc.option(date),
    sectors: fc.array(
      fc.record({
        code: fc.stringMatching(/^\d{5}$/),
        percentage: fc.double({ min: 0, max: 100, noNaN: true }),
      }),
      { maxLength: 3 },
    ),
    locations: fc.array(
      fc.record({
        name: text.filter((s) => s.length > 0),
        adm1: fc.option(fc.constantFrom('ML07', 'ML0701')),
        adm2: fc.option(fc.constantFrom('ML0701', '')),
        adm3: fc.option(fc.constant('ML070101')),
        point: fc.option(
          fc.record({
            lat: fc.double({ min: -90, max: 90, noNaN: true }),
            lon: fc.double({ min: -180, max: 180, noNaN: true }),
          }),
        ),
      }),
      { maxLength: 2 },
    ),
    budgets: fc.array(
      fc.record({
        periodStart: date,
        periodEnd: date,
        value: fc.double({ min: 0, max: 1e25, noNaN: true }),
        currency: fc.constantFrom('XOF', 'EUR'),
        type: fc.constantFrom('original' as const, 'revised' as const),
      }),
      { maxLength: 2 },
    ),
    deleted: fc.boolean(),
  })
  .map((p) => Project.parse(p));

export const indicatorArb: fc.Arbitrary<Indicator> = fc.record({
  id: fc.constantFrom('i1', 'i2'),
  projectId: fc.constantFrom('p1', 'p2'),
  code: fc.constant('X'),
  title: localized,
  unit: fc.constant(''),
  measure: fc.constantFrom('unit' as const, 'percentage' as const),
  direction: fc.constantFrom('increase' as const, 'decrease' as const),
  disaggregations: fc.constant([]),
  baseline: fc.option(fc.record({ year: fc.integer({ min: 1900, max: 2200 }), value: number })),
  targets: fc.array(fc.record({ period: fc.record({ start: date, end: date }), value: number }), {
    maxLength: 2,
  }),
  computation: fc.constant(null),
  deleted: fc.boolean(),
});

export const valueArb: fc.Arbitrary<IndicatorValue> = fc
  .record({
    id: fc.uuid(),
    indicatorId: fc.constantFrom('i1', 'i2'),
    periodStart: date,
    periodEnd: date,
    categories: fc.dictionary(fc.constantFrom('sex', 'age'), fc.constantFrom('f', 'm', '<5')),
    value: fc.option(number),
    reviewStatus: fc.constantFrom(null, 'approved' as const, 'rejected' as const),
    deleted: fc.boolean(),
  })
  .map((v) => value({ ...v, projectId: 'p1' }));

export function transaction(over: Partial<Transaction>): Transaction {
  return {
    id: 't-1',
    projectId: 'p-1',
    type: '3',
    date: '2026-03-10',
    value: 50_000,
    currency: 'EUR',
    valueDate: '2026-03-10',
    providerOrgId: 'org-2',
    receiverOrgId: 'org-1',
    sector: '31120',
    region: 'Gao',
    description: 'Premier décaissement & avance',
    deleted: false,
    ...over,
  };
}

export function plannedDisbursement(over: Partial<PlannedDisbursement>): PlannedDisbursement {
  return {
    id: 'pd-1',
    projectId: 'p-1',
    type: '1',
    periodStart: '2026-04-01',
    periodEnd: '2026-06-30',
    value: 30_000_000,
    currency: 'XOF',
    valueDate: '2026-04-01',
    providerOrgId: 'org-2',
    receiverOrgId: 'org-1',
    deleted: false,
    ...over,
  };
}

/** Transactions of the generated projects (p1, p2), dated on both sides of any file's date. */
export const transactionArb: fc.Arbitrary<Transaction> = fc.record({
  id: fc.uuid(),
  projectId: fc.constantFrom('p1', 'p2'),
  type: fc.constantFrom(...TRANSACTION_TYPES),
  date,
  value: fc.double({ min: -MAX_AMOUNT, max: MAX_AMOUNT, noNaN: true }),
  currency: fc.constantFrom('XOF', 'EUR', 'USD'),
  valueDate: date,
  providerOrgId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'gone')),
  receiverOrgId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'gone')),
  sector: fc.option(fc.stringMatching(/^\d{5}$/)),
  region: text,
  description: text,
  deleted: fc.boolean(),
});

export const plannedDisbursementArb: fc.Arbitrary<PlannedDisbursement> = fc.record({
  id: fc.uuid(),
  projectId: fc.constantFrom('p1', 'p2'),
  type: fc.constantFrom('1' as const, '2' as const),
  periodStart: date,
  periodEnd: date,
  value: fc.double({ min: 0, max: MAX_AMOUNT, noNaN: true }),
  currency: fc.constantFrom('XOF', 'EUR'),
  valueDate: date,
  providerOrgId: fc.option(fc.constantFrom('a', 'b', 'gone')),
  receiverOrgId: fc.option(fc.constantFrom('c', 'd', 'gone')),
  deleted: fc.boolean(),
});
