import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetsPerYear, toIatiOrganisationsXml } from '../../../src/core/export/iatiOrganisations';
import { Project } from '../../../src/core/records/project';
import {
  checkIatiRulesets,
  demoProject,
  donor,
  gao,
  organisationArb,
  projectArb,
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

  it('writes nothing when no project has a reporting organisation with an IATI identifier', () => {
    const out = toIatiOrganisationsXml({
      projects: [demoProject],
      organisations: [{ ...gao, iatiId: null }],
      generatedAt: AT,
    });
    expect(out).toEqual({ xml: null, organisations: 0 });
  });

  it('always validates for generated projects and organisations', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(projectArb, { minLength: 1, maxLength: 3 }),
        fc.tuple(...['a', 'b', 'c', 'd'].map((id) => organisationArb.map((o) => ({ ...o, id })))),
        async (projects, organisations) => {
          const { xml } = toIatiOrganisationsXml({ projects, organisations, generatedAt: AT });
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
