import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReportControls } from '../../../src/app/components/report/ReportControls';
import { ReportDocument } from '../../../src/app/components/report/ReportDocument';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { ReviewRecord, SubmissionRecord } from '../../../src/app/db/schema';
import { I18nContext } from '../../../src/app/i18n/context';
import '../../../src/app/i18n/reportStrings';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import { loadReportData, type ReportData } from '../../../src/app/repositories/reportData';
import type { UiLanguage } from '../../../src/core/i18n/localized';
import { annualPeriod, bimonthlyPeriod } from '../../../src/core/indicators/periods';
import { buildReport } from '../../../src/core/indicators/report';
import type { Indicator } from '../../../src/core/records/indicator';
import type { IndicatorValue } from '../../../src/core/records/indicatorValue';
import { openTestDb, project } from '../fixtures';
import { submissionAt, valueOf } from '../repositories/coordinationFixtures';
import { NO_CONTACT } from '../../../src/core/records/organisation';

const MAR_APR = bimonthlyPeriod(2026, 2);

const indicator = (fields: Partial<Indicator> & Pick<Indicator, 'id' | 'code' | 'title'>): Indicator => ({
  projectId: project.id,
  unit: '',
  measure: 'unit',
  direction: 'increase',
  disaggregations: [],
  baseline: null,
  targets: [],
  computation: null,
  deleted: false,
  ...fields,
});

// The shared coordination records, with what this report's records say differently.
const value = (
  fields: Partial<IndicatorValue> & Pick<IndicatorValue, 'id' | 'indicatorId'>,
): IndicatorValue => valueOf(MAR_APR.start, MAR_APR.end, null, { enteredBy: null, ...fields });

const submission = (
  id: string,
  finalizedAt: string,
  extra: Partial<SubmissionRecord> = {},
): SubmissionRecord =>
  submissionAt(id, finalizedAt, {
    formVersion: '1',
    data: {},
    createdBy: 'user-amadou',
    origin: 'remote',
    ...extra,
  });

const review = (submissionId: string, status: ReviewRecord['status'], deleted = false): ReviewRecord => ({
  id: submissionId,
  submissionId,
  projectId: project.id,
  status,
  comment: '',
  fieldComments: {},
  reviewedBy: 'u-fp',
  deleted,
  server: {},
  clocks: {},
});

/**
 * A project of an organisation, with a computed indicator broken down by the sex of the head of household, a
 * manual and an empty indicator; submissions of Mar–Apr and July, some reviewed.
 */
async function seed(db: TerrainDb): Promise<void> {
  await db.organisations.put({
    id: 'o-sahel',
    name: 'ONG Sahel Eau',
    acronym: 'OSE',
    iatiId: null,
    type: '22',
    ...NO_CONTACT,
    deleted: false,
  });
  await db.projects.put({ ...project, organisationId: 'o-sahel' });
  await db.indicators.bulkPut([
    indicator({
      id: 'i-1',
      code: 'HH-01',
      title: { fr: 'Ménages visités', en: 'Households visited' },
      unit: 'ménages',
      baseline: { year: 2025, value: 0 },
      targets: [
        { period: MAR_APR, value: 4 },
        { period: annualPeriod(2026), value: 20 },
      ],
      computation: { formId: 'household', aggregate: 'count' },
      disaggregations: [
        {
          name: 'sex',
          label: { fr: 'Sexe du chef', en: 'Sex of the head' },
          field: 'head_sex',
          categories: [
            { code: 'f', label: { fr: 'Femme', en: 'Female' } },
            { code: 'm', label: { fr: 'Homme', en: 'Male' } },
          ],
        },
      ],
    }),
    indicator({
      id: 'i-2',
      code: 'WP-02',
      title: { fr: 'Points d’eau réparés', en: 'Water points repaired' },
      targets: [{ period: annualPeriod(2026), value: 10 }],
    }),
    indicator({ id: 'i-3', code: 'LAT-03', title: { fr: 'Latrines construites', en: 'Latrines built' } }),
  ]);
  await db.indicatorValues.bulkPut([
    // Entered by hand for Mar–Apr, unreviewed, and not what the submissions say (3).
    value({ id: 'v-1', indicatorId: 'i-1', value: 5 }),
    value({ id: 'v-2', indicatorId: 'i-2', value: 8, reviewStatus: 'verified', reviewedBy: 'u-fp' }),
    // Entered for women only, and approved.
    value({ id: 'v-1f', indicatorId: 'i-1', value: 2, categories: { sex: 'f' }, reviewStatus: 'approved' }),
  ]);
  await db.submissions.bulkPut([
    submission('s-1', '2026-03-02T09:00:00Z', { data: { head_sex: 'f' } }),
    submission('s-2', '2026-03-20T09:00:00Z', { data: { head_sex: 'f' } }),
    submission('s-3', '2026-04-30T17:00:00Z', { data: { head_sex: 'm' } }),
    // An earlier version of s-2 (a correction replaced it): counted once, as s-2.
    submission('s-2-old', '2026-03-10T09:00:00Z', { formId: 'visit', versionState: 'superseded' }),
    // Another form's: not computed from, but received and reviewed like any other.
    submission('s-6', '2026-04-02T09:00:00Z', { formId: 'visit' }),
    submission('s-4', '2026-07-01T10:00:00Z'),
    // Its rejected change was discarded: the server never had it, the report does not count it.
    submission('s-5', '2026-03-03T10:00:00Z', { syncState: 'rejected', discardedAt: '2026-03-04T10:00:00Z' }),
  ]);
  await db.reviews.bulkPut([
    review('s-1', 'verified'),
    review('s-2', 'has_issues'),
    review('s-4', 'approved'),
    review('s-6', 'rejected', true),
  ]);
}

function render(data: ReportData, kind: 'bimonthly' | 'annual', lang: UiLanguage): string {
  const report = buildReport({
    kind,
    period: kind === 'annual' ? annualPeriod(2026) : MAR_APR,
    projectId: null,
    projects: data.projects,
    indicators: data.indicators,
    values: data.values,
    submissions: data.submissions,
    received: data.received,
    reviews: data.reviews,
  });
  const i18n = { lang, setLang: () => undefined, t: translator(lang) };
  return renderToStaticMarkup(
    <I18nContext value={i18n}>
      <ReportDocument
        report={report}
        projects={data.projects}
        organisations={data.organisations}
        generatedAt={new Date('2026-05-04T08:00:00Z')}
      />
    </I18nContext>,
  );
}

/** The text of the markup, spaces (including the narrow ones of French numbers) made plain. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#x27;', "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ');

/** The cells of each body row, as plain text. */
const rows = (html: string) =>
  [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
    .slice(1)
    .map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => text(c[1] ?? '').trim()));

describe('result-verification report page', () => {
  let db: TerrainDb;
  let data: ReportData;
  beforeAll(() => Promise.all([loadDictionary('fr'), loadDictionary('en')]));
  beforeEach(async () => {
    db = await openTestDb();
    await seed(db);
    data = await loadReportData(db, MAR_APR);
  });
  afterEach(() => db.delete());

  it('reads only the indicators’ forms’ submissions, without discarded ones', () => {
    expect(data.submissions.map((s) => s.id).sort()).toEqual(['s-1', 's-2', 's-3', 's-4']);
    // Received in Mar–Apr, any form, current versions only, with their reviews.
    expect(data.received.map((s) => s.id).sort()).toEqual(['s-1', 's-2', 's-3', 's-6']);
    expect(data.reviews.map((r) => r.id).sort()).toEqual(['s-1', 's-2', 's-6']);
    expect(data.indicators).toHaveLength(3);
    expect(data.organisations.map((o) => o.name)).toEqual(['ONG Sahel Eau']);
  });

  it('renders a bimonthly report in French: body, period, indicators, both values when they differ, gaps', () => {
    const html = render(data, 'bimonthly', 'fr');
    const all = text(html);
    expect(all).toContain('Rapport bimestriel de vérification des résultats');
    expect(all).toContain('Organisation : ONG Sahel Eau');
    expect(all).toContain('Période : mars–avril 2026 (1 mars 2026 – 30 avr. 2026)');
    expect(all).toContain('GAO-WASH · Eau à Gao');
    expect(rows(html)).toEqual([
      [
        'HH-01',
        'Ménages visités (ménages)',
        '0',
        '4',
        '5 (saisi) calculé : 3 (3 soumission(s))',
        '125 %',
        'Atteinte',
        'Non vérifié',
      ],
      ['LAT-03', 'Latrines construites', '—', '—', '—', '—', 'Inconnu', 'Non vérifié'],
      ['WP-02', 'Points d’eau réparés', '—', '10', '8 (saisi)', '80 %', 'En bonne voie', 'Vérifiée'],
    ]);
    expect(all).toContain('HH-01 : la valeur saisie (5) diffère de la valeur calculée (3).');
    expect(all).toContain('LAT-03 : aucune valeur, ni saisie ni calculée à partir des soumissions.');
    expect(all).toContain('WP-02 : pas de valeur de référence ; le progrès est mesuré depuis 0.');
    expect(all).toContain(
      '3 indicateur(s) : 1 atteint(s), 1 en bonne voie, 0 en retard, 1 inconnu(s) ; 1 vérifié(s) ; 3 avec des données manquantes.',
    );
    expect(all).toContain(
      '4 soumission(s) reçue(s) dans la période : 1 vérifiée(s), 1 avec des problèmes, 0 approuvée(s), 0 rejetée(s), 2 pas encore revue(s).',
    );
    expect(all).toContain('2 soumission(s) pas encore revue(s), la plus ancienne du 2026-04-02.');
    expect(all).toContain('1 soumission(s) signalée(s) avec des problèmes, la plus ancienne du 2026-03-20.');
    // Under HH-01's line: women entered (and approved) beside the 2 computed, men computed.
    expect(all).toContain('Sexe du chef : Femme 2 (saisi, Approuvée) · Homme 1 (calculé)');
  });

  it('renders the same report in English', () => {
    const html = render(data, 'bimonthly', 'en');
    const all = text(html);
    expect(all).toContain('Bimonthly result-verification report');
    expect(all).toContain('Period: March–April 2026');
    expect(rows(html)[0]).toEqual([
      'HH-01',
      'Households visited (ménages)',
      '0',
      '4',
      '5 (entered) computed: 3 (3 submission(s))',
      '125%',
      'Met',
      'Not verified',
    ]);
    expect(all).toContain('HH-01: the entered value (5) differs from the computed one (3).');
    expect(all).toContain('LAT-03: no target for this period.');
    expect(all).toContain(
      '4 submission(s) received in the period: 1 verified, 1 with issues, 0 approved, 0 rejected, 2 not reviewed yet.',
    );
    expect(all).toContain('Sex of the head: Female 2 (entered, Approved) · Male 1 (computed)');
  });

  it('an annual report uses the annual target and computes over the year, not adding bimonthly entries', async () => {
    const html = render(await loadReportData(db, annualPeriod(2026)), 'annual', 'en');
    const all = text(html);
    expect(all).toContain('Annual result-verification report');
    // July's s-4 too, approved.
    expect(all).toContain('5 submission(s) received in the period: 1 verified, 1 with issues, 1 approved');
    expect(all).toContain('Period: 2026 (Jan 1, 2026 – Dec 31, 2026)');
    const [hh, , wp] = rows(html);
    // 4 submissions over the year (the discarded one left out) against the annual target of 20.
    expect(hh).toEqual([
      'HH-01',
      'Households visited (ménages)',
      '0',
      '20',
      '4 (computed)',
      '20%',
      'Off track',
      'Not verified',
    ]);
    // Only a Mar–Apr value was entered: the year has none.
    expect(wp?.[4]).toBe('—');
    expect(all).toContain('WP-02: no value, neither entered nor computed from submissions.');
  });

  it('follows a new entry: the data is read again from Dexie', async () => {
    await db.indicatorValues.put(
      value({ id: 'v-3', indicatorId: 'i-3', value: 2, reviewStatus: 'approved' }),
    );
    const html = render(await loadReportData(db, MAR_APR), 'bimonthly', 'en');
    expect(rows(html)[1]?.[4]).toBe('2 (entered)');
    expect(rows(html)[1]?.[7]).toBe('Approved');
  });

  it('the controls offer the six bimonthly periods, and none for an annual report', () => {
    const i18n = { lang: 'fr' as const, setLang: () => undefined, t: translator('fr') };
    const controls = (kind: 'bimonthly' | 'annual') =>
      renderToStaticMarkup(
        <I18nContext value={i18n}>
          <ReportControls
            selection={{ kind, year: 2026, index: 2, projectId: null }}
            onChange={() => undefined}
            projects={data.projects}
            years={[2026, 2025]}
          />
        </I18nContext>,
      );
    const bimonthly = text(controls('bimonthly'));
    expect(bimonthly).toContain('janvier–février 2026');
    expect(bimonthly).toContain('novembre–décembre 2026');
    expect(bimonthly).toContain('Tous les projets');
    expect(bimonthly).toContain('Imprimer / PDF');
    expect(text(controls('annual'))).not.toContain('mars–avril');
  });
});
