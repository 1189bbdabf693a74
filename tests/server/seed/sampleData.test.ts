import { afterEach, describe, expect, it } from 'vitest';
import { formVersionKey } from '../../../src/core/records/formVersion';
import { Indicator } from '../../../src/core/records/indicator';
import { IndicatorValue } from '../../../src/core/records/indicatorValue';
import { Organisation } from '../../../src/core/records/organisation';
import { Project } from '../../../src/core/records/project';
import { Submission } from '../../../src/core/records/submission';
import { ExchangeRate } from '../../../src/core/records/exchangeRate';
import { PlannedDisbursement } from '../../../src/core/records/plannedDisbursement';
import { Transaction } from '../../../src/core/records/transaction';
import { rateBook, totalOf } from '../../../src/core/flows/totals';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { SAMPLE_SUBMISSIONS } from '../../../src/server/seed/sampleData';
import { pullScope } from '../../../src/server/sync/pull';
import { answersValidator } from '../../../src/server/sync/formValidators';
import type { EntityRecord } from '../../../src/server/storage/Storage';
import { buildExport } from '../../../src/server/export/buildExport';
import { validateIati } from '../../core/export/iatiFixtures';
import { backends, type TestDatabase } from '../backends';

/** The demo's optional sample data: it seeds whole, and every record passes its schema and its form. */

describe.each(backends)('sample data on $name', (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.cleanup();
  });

  it('seeds organisations, four projects, indicators, values and surveys valid against their form', async () => {
    db = await backend.create();
    const { storage } = db;
    const now = new Date('2026-11-24T08:00:00.000Z');
    expect(
      await seedDemo(storage, {
        password: 'sample-pass-1',
        now,
        passwordCost: TEST_PASSWORD_COST,
        sampleData: true,
      }),
    ).not.toBeNull();

    const admin = await storage.userByUsername('admin');
    const rows: EntityRecord[] = [];
    for (let cursor = 0; ;) {
      const page = await storage.pullChanges(pullScope(admin!), cursor, 1000);
      rows.push(...page);
      if (page.length < 1000) break;
      cursor = page.at(-1)!.serverSeq;
    }
    const of = (tbl: string) => rows.filter((r) => r.tbl === tbl);

    expect(of('organisations').map((r) => Organisation.parse(r.data).acronym)).toHaveLength(6);
    const projects = of('projects').map((r) => Project.parse(r.data));
    expect(projects).toHaveLength(4);
    for (const p of projects) {
      expect(p.sectors.reduce((n, s) => n + s.percentage, 0)).toBe(100);
      expect(p.budgets[0]?.currency).toBe('XOF');
      expect(p.locations[0]?.point).not.toBeNull();
    }
    const indicators = of('indicators').map((r) => Indicator.parse(r.data));
    expect(indicators.length).toBeGreaterThanOrEqual(12);
    expect(indicators.filter((i) => i.computation !== null).length).toBeGreaterThanOrEqual(8);
    const values = of('indicatorValues').map((r) => IndicatorValue.parse(r.data));
    expect(values.some((v) => v.reviewStatus === 'verified')).toBe(true);
    expect(values.some((v) => v.reviewStatus === 'has_issues')).toBe(true);
    expect(values.every((v) => v.enteredBy !== null && v.periodEnd < '2026-11-24')).toBe(true);

    // Aid flows: every transaction converts with the seeded rates, in XOF and USD.
    const transactions = of('transactions').map((r) => Transaction.parse(r.data));
    expect(new Set(transactions.map((t) => t.projectId)).size).toBe(4);
    expect(new Set(transactions.map((t) => t.currency))).toEqual(new Set(['XOF', 'EUR', 'USD']));
    expect(new Set(transactions.map((t) => t.type))).toEqual(new Set(['2', '3', '4']));
    const planned = of('plannedDisbursements').map((r) => PlannedDisbursement.parse(r.data));
    expect(planned.every((p) => p.periodStart <= p.periodEnd)).toBe(true);
    const book = rateBook(of('exchangeRates').map((r) => ExchangeRate.parse(r.data)));
    for (const totals of [totalOf(transactions, book), totalOf(planned, book)]) {
      expect(totals.missing).toEqual([]);
      expect(totals.xof).toBeGreaterThan(0);
    }

    const forms = new Map(of('forms').map((f) => [f.id, f]));
    const submissions = of('submissions').map((r) => Submission.parse(r.data));
    expect(submissions).toHaveLength(SAMPLE_SUBMISSIONS);
    expect(new Set(submissions.map((s) => s.projectId)).size).toBe(4);
    for (const s of submissions) {
      const form = forms.get(formVersionKey(s.projectId, s.formId, s.formVersion));
      expect(form?.projectId).toBe(s.projectId);
      const result = answersValidator(storage, form!)!.safeParse(s.data);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      expect(String(s.data.visit_date).startsWith('2026-')).toBe(true);
    }

    // The demo publishes as IATI whole: every project, valid against the official 2.03 schema.
    const [iati] = await buildExport(
      storage,
      'operator',
      { format: 'iati', lang: 'fr', codes: false, includePersonal: false },
      now,
    );
    const xml = String(iati!.body);
    expect(xml.match(/<iati-activity /g)).toHaveLength(4);
    expect(xml).toContain('<result');
    expect(xml).not.toContain('Left out');
    const verdict = await validateIati(xml);
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);
  }, 60_000);
});
