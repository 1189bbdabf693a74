import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetsPerYear,
  expenditurePerYear,
  toIatiOrganisationsXml,
} from '../../../src/core/export/iatiOrganisations';
import { Project } from '../../../src/core/records/project';
import {
  checkIatiRulesets,
  demoProject,
  donor,
  gao,
  organisationArb,
  projectArb,
  transaction,
  transactionArb,
  validateIatiOrganisations,
} from './iatiFixtures';

const AT = '2026-12-02T10:00:00Z';
const line = (periodStart: string, periodEnd: string, value: number, over: object = {}) => ({
  periodStart,
  periodEnd,
  value,
  currency: 'XOF',
  type: 'original' as const,
  ...over,
});
const withBudgets = (id: string, budgets: ReturnType<typeof line>[], over: object = {}) =>
  Project.parse({ ...demoProject, id, budgets, ...over });

describe('IATI organisation file', () => {
  it('sums budgets per calendar year and currency; a revised line replaces the original of its period', () => {
    const years = budgetsPerYear([
      withBudgets('a', [
        line('2026-01-01', '2026-12-31', 100),
        line('2026-01-01', '2026-12-31', 150, { type: 'revised' }),
        // 365 days in 2027 and 366 in 2028: shared in proportion.
        line('2027-01-01', '2028-12-31', 731),
      ]),
      withBudgets('b', [
        line('2026-07-01', '2026-12-31', 50),
        line('2026-01-01', '2026-12-31', 10, { currency: 'EUR' }),
      ]),
    ]);
    expect(years).toEqual([
      { year: 2026, currency: 'EUR', value: 10 },
      { year: 2026, currency: 'XOF', value: 200 },
      { year: 2027, currency: 'XOF', value: 365 },
      { year: 2028, currency: 'XOF', value: 366 },
    ]);
  });

  it('writes one organisation per reporting organisation, valid and passing the IATI rulesets', async () => {
    const { xml, organisations } = toIatiOrganisationsXml({
      projects: [
        withBudgets('p-1', [line('2026-01-01', '2026-12-31', 125_000_000)]),
        withBudgets('p-2', [line('2026-01-01', '2026-12-31', 75_000_000)]),
        withBudgets('p-3', [line('2026-01-01', '2026-12-31', 999)], { status: 'cancelled' }),
        withBudgets('p-4', [line('2027-01-01', '2027-12-31', 5)], { organisationId: 'org-2' }),
        withBudgets('p-5', [line('2027-01-01', '2027-12-31', 7)], { deleted: true }),
      ],
      organisations: [gao, donor, { ...gao, id: 'org-3', iatiId: 'ML-NIF-9' }],
      generatedAt: AT,
      defaults: { recipientCountry: 'NE' },
    });
    expect(organisations).toBe(2);
    expect((await validateIatiOrganisations(xml!)).errors).toEqual([]);
    expect(xml).toContain(
      '<iati-organisation xml:lang="fr" default-currency="XOF"><organisation-identifier>ML-NIF-123456</organisation-identifier>' +
        '<name><narrative>Association Sahel &amp; Développement &lt;ASD&gt;</narrative></name>' +
        '<reporting-org ref="ML-NIF-123456" type="22">',
    );
    expect(xml).toContain(
      '<recipient-country-budget><recipient-country code="NE"/><period-start iso-date="2026-01-01"/>' +
        '<period-end iso-date="2026-12-31"/><value currency="XOF" value-date="2026-01-01">200000000</value>',
    );
    expect(xml).toContain('<value currency="XOF" value-date="2027-01-01">5</value>');
    expect(xml).not.toContain('999');
    expect(xml).not.toContain('ML-NIF-9');
    const check = checkIatiRulesets(xml!);
    expect(check.status, check.output).toBe(0);
  });

  it('sums expenditures (type 4) per year of their date and currency, corrections included', () => {
    const spent = (id: string, date: string, value: number, over: object = {}) =>
      transaction({ id, type: '4', date, valueDate: date, value, currency: 'XOF', ...over });
    expect(
      expenditurePerYear(
        [
          spent('a', '2026-03-31', 100.005),
          spent('b', '2026-09-30', -0.005),
          spent('c', '2025-12-31', 40),
          spent('d', '2026-05-01', 7, { currency: 'EUR' }),
          spent('e', '2026-05-01', 1000, { type: '3' }),
          spent('f', '2026-05-01', 1000, { deleted: true }),
          spent('g', '2026-12-03', 1000),
        ],
        '2026-12-02',
      ),
    ).toEqual([
      { year: 2025, currency: 'XOF', value: 40 },
      { year: 2026, currency: 'EUR', value: 7 },
      { year: 2026, currency: 'XOF', value: 100 },
    ]);
  });

  it('writes each reporting organisation’s total expenditure, from its own projects only', async () => {
    const { xml } = toIatiOrganisationsXml({
      projects: [
        withBudgets('p-1', [line('2026-01-01', '2026-12-31', 1000)]),
        withBudgets('p-2', [], { status: 'cancelled' }),
        withBudgets('p-3', [], { organisationId: 'org-2' }),
      ],
      organisations: [gao, donor],
      transactions: [
        transaction({ id: 't-1', projectId: 'p-1', type: '4', currency: 'XOF', value: 300 }),
        // Spent before the cancellation: spent all the same.
        transaction({ id: 't-2', projectId: 'p-2', type: '4', currency: 'XOF', value: 50 }),
        transaction({ id: 't-3', projectId: 'p-1', type: '4', currency: 'EUR', value: 2 }),
        transaction({ id: 't-4', projectId: 'p-3', type: '4', currency: 'XOF', value: 9999 }),
        transaction({ id: 't-5', projectId: 'p-9', type: '4', currency: 'XOF', value: 8888 }),
      ],
      generatedAt: AT,
    });
    expect((await validateIatiOrganisations(xml!)).errors).toEqual([]);
    const gaoOrg =
      /<iati-organisation [^>]*><organisation-identifier>ML-NIF-123456<.*?<\/iati-organisation>/.exec(
        xml!,
      )![0];
    expect(gaoOrg).toContain(
      '</recipient-country-budget><total-expenditure><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>' +
        '<value currency="EUR" value-date="2026-01-01">2</value></total-expenditure><total-expenditure>' +
        '<period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>' +
        '<value currency="XOF" value-date="2026-01-01">350</value></total-expenditure></iati-organisation>',
    );
    expect(xml).toContain('9999');
    expect(xml).not.toContain('8888');
    const check = checkIatiRulesets(xml!);
    expect(check.status, check.output).toBe(0);
  });

  it('writes nothing when no project has a reporting organisation with an IATI identifier', () => {
    const out = toIatiOrganisationsXml({
      projects: [demoProject],
      organisations: [{ ...gao, iatiId: null }],
      generatedAt: AT,
    });
    expect(out).toEqual({ xml: null, organisations: 0 });
  });

  it('always validates for generated projects, organisations and transactions', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(projectArb, { minLength: 1, maxLength: 3 }),
        fc.tuple(...['a', 'b', 'c', 'd'].map((id) => organisationArb.map((o) => ({ ...o, id })))),
        fc.array(transactionArb, { maxLength: 6 }),
        async (projects, organisations, transactions) => {
          const { xml } = toIatiOrganisationsXml({ projects, organisations, transactions, generatedAt: AT });
          if (xml === null) return;
          written++;
          expect((await validateIatiOrganisations(xml)).errors).toEqual([]);
        },
      ),
      { numRuns: 40, seed: Number(process.env.IATI_SEED ?? 20261206) },
    );
    expect(written).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
