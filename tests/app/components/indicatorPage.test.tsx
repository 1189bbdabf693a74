import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndicatorChart, niceMax } from '../../../src/app/components/IndicatorChart';
import { indicatorRows } from '../../../src/app/components/indicatorRows';
import { ReviewBadge } from '../../../src/app/components/ReviewBadge';
import { coordinationFr } from '../../../src/app/i18n/coordinationStrings';
import { I18nContext } from '../../../src/app/i18n/context';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import { hrefOf, parseHash, type Route } from '../../../src/app/state/router';
import type { UiLanguage } from '../../../src/core/i18n/localized';
import { indicator, valueOf } from '../repositories/coordinationFixtures';

function render(node: React.ReactNode, lang: UiLanguage): string {
  const i18n = { lang, setLang: () => undefined, t: translator(lang) };
  return renderToStaticMarkup(<I18nContext value={i18n}>{node}</I18nContext>);
}

describe('indicator rows', () => {
  it('puts targets and values of the same period on one row, categories apart, oldest first', () => {
    const rows = indicatorRows(indicator, [
      valueOf('2024-07-01', '2024-12-31', 410, { reviewStatus: 'verified' }),
      valueOf('2024-01-01', '2024-06-30', 250),
      { ...valueOf('2024-01-01', '2024-06-30', 130), id: 'f', categories: { sex: 'f' } },
      valueOf('2023-07-01', '2023-12-31', 100),
    ]);
    expect(rows.map((r) => [r.periodStart, r.target, r.actual, r.categoryValues.length])).toEqual([
      ['2023-07-01', null, 100, 0],
      ['2024-01-01', 300, 250, 1],
      ['2024-07-01', 500, 410, 0],
    ]);
    expect(rows[2]?.value?.reviewStatus).toBe('verified');
  });

  it('keeps the value computed from submissions beside the one entered, and marks when they differ', () => {
    const counted = { ...indicator, computation: { formId: 'menage', aggregate: 'count' as const } };
    const survey = (id: string, day: string) => ({
      id,
      formId: 'menage',
      projectId: indicator.projectId,
      data: {},
      finalizedAt: `${day}T10:00:00.000Z`,
      replaces: null,
    });
    const submissions = [survey('s1', '2024-02-01'), survey('s2', '2024-03-15'), survey('s3', '2024-08-01')];
    const rows = indicatorRows(
      counted,
      [valueOf('2024-01-01', '2024-06-30', 2), valueOf('2024-07-01', '2024-12-31', 40)],
      submissions,
    );
    expect(rows.map((r) => [r.periodStart, r.actual, r.computed, r.differs])).toEqual([
      ['2024-01-01', 2, 2, false],
      ['2024-07-01', 40, 1, true],
    ]);
    // Without a computation there is nothing to put beside the value.
    expect(
      indicatorRows(indicator, [valueOf('2024-01-01', '2024-06-30', 2)], submissions)[0]?.computed,
    ).toBeNull();
  });

  it('gives a computed indicator with no target and no value the bimonthly periods of its submissions', () => {
    const counted = {
      ...indicator,
      targets: [],
      computation: { formId: 'menage', aggregate: 'count' as const },
    };
    const survey = (id: string, day: string, formId = 'menage') => ({
      id,
      formId,
      projectId: indicator.projectId,
      data: {},
      finalizedAt: `${day}T10:00:00.000Z`,
      replaces: null,
    });
    const submissions = [
      survey('s1', '2024-08-01'),
      survey('s2', '2024-02-01'),
      survey('s3', '2024-03-15'),
      survey('s4', '2024-12-01', 'other-form'),
    ];
    expect(
      indicatorRows(counted, [], submissions).map((r) => [r.periodStart, r.periodEnd, r.computed]),
    ).toEqual([
      ['2024-01-01', '2024-02-29', 1],
      ['2024-03-01', '2024-04-30', 1],
      ['2024-07-01', '2024-08-31', 1],
    ]);
    // No computation, nothing to show.
    expect(indicatorRows({ ...counted, computation: null }, [], submissions)).toEqual([]);
  });

  it('property: one row per distinct period, sorted, whatever the order of values', () => {
    const period = fc.constantFrom(
      ['2024-01-01', '2024-06-30'],
      ['2024-07-01', '2024-12-31'],
      ['2025-01-01', '2025-06-30'],
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(period, fc.integer({ min: 0, max: 1000 }))), (entries) => {
        const values = entries.map(([[start, end], n]) => valueOf(start, end, n));
        const rows = indicatorRows(indicator, values);
        const keys = rows.map((r) => `${r.periodStart}/${r.periodEnd}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(keys);
        for (const t of indicator.targets) expect(keys).toContain(`${t.period.start}/${t.period.end}`);
      }),
    );
  });
});

describe('indicator chart and review badges', () => {
  beforeAll(() => Promise.all([loadDictionary('fr'), loadDictionary('en')]));

  it('draws a bar per target and per actual, labelled in the interface language', () => {
    const rows = indicatorRows(indicator, [valueOf('2024-01-01', '2024-06-30', 250)]);
    const fr = render(<IndicatorChart rows={rows} baseline={120} direction="increase" />, 'fr');
    expect(fr.match(/class="chart-target"/g)).toHaveLength(2); // one bar per target
    expect(fr.match(/class="chart-actual"/g)).toHaveLength(1);
    expect(fr).toContain('Graphique : cible et réalisé par période');
    expect(render(<IndicatorChart rows={rows} baseline={null} direction="increase" />, 'en')).toContain(
      'Chart: target and actual per period',
    );
  });

  it("has a value axis, each bar's value, period names, and the same numbers as a table", () => {
    const rows = indicatorRows(indicator, [valueOf('2024-01-01', '2024-06-30', 250)]);
    const fr = render(<IndicatorChart rows={rows} baseline={120} direction="increase" />, 'fr');
    // Ticks up to a round number above the largest value (500): 0, 125, 250, 375, 500.
    for (const tick of ['>0<', '>125<', '>250<', '>375<', '>500<']) expect(fr).toContain(tick);
    expect(fr).toContain('class="chart-value">250<');
    expect(fr).toContain('janv.–juin 2024');
    expect(fr).toContain('Référence : 120');
    expect(fr).toMatch(
      /<div class="table-scroll" tabindex="0" role="region" aria-labelledby="ind-chart-table">/,
    );
    expect(fr).toContain('<caption id="ind-chart-table">Données du graphique</caption>');
    // (250 − 120) / (300 − 120) = 72 %.
    expect(fr).toMatch(/72\s?%/);
    expect(render(<IndicatorChart rows={rows} baseline={120} direction="increase" />, 'en')).toContain(
      'Jan–Jun 2024',
    );
  });

  it('tops the value axis with a round number at most twice the largest value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e9, noNaN: true }), (v) => {
        const top = niceMax(v);
        expect(top).toBeGreaterThanOrEqual(v);
        expect(top).toBeLessThanOrEqual(2 * v * (1 + 1e-9));
      }),
    );
  });

  it('counts progress downwards for a target below the baseline', () => {
    const fewer = {
      ...indicator,
      direction: 'decrease' as const,
      targets: [{ period: { start: '2024-01-01', end: '2024-06-30' }, value: 20 }],
    };
    const rows = indicatorRows(fewer, [valueOf('2024-01-01', '2024-06-30', 30)]);
    // From 40 cases towards 20, 30 is half the way: 50 %, not the −50 % an upward reading gives.
    const html = render(<IndicatorChart rows={rows} baseline={40} direction="decrease" />, 'en');
    expect(html).toContain('>50%<');
    expect(html).not.toContain('-50%');
  });

  it('draws the computed value as the actual of a period that has no value entered by hand', () => {
    const counted = { ...indicator, computation: { formId: 'menage', aggregate: 'count' as const } };
    const survey = {
      id: 's1',
      formId: 'menage',
      projectId: indicator.projectId,
      data: {},
      finalizedAt: '2024-02-01T10:00:00.000Z',
      replaces: null,
    };
    const rows = indicatorRows(counted, [], [survey]);
    expect(rows.map((r) => [r.actual, r.computed])).toEqual([
      [null, 1],
      [null, 0],
    ]);
    expect(
      render(<IndicatorChart rows={rows} baseline={null} direction="increase" />, 'fr').match(
        /class="chart-actual"/g,
      ),
    ).toHaveLength(2);
  });

  it('names every review status, and "not reviewed", in French and English', () => {
    expect(render(<ReviewBadge status={null} />, 'fr')).toContain('Pas encore revue');
    expect(render(<ReviewBadge status="has_issues" />, 'fr')).toContain('Problèmes signalés');
    expect(render(<ReviewBadge status="verified" />, 'en')).toContain('Verified');
  });

  it('has a string for every problem a value entry can report', () => {
    const keys = Object.keys(coordinationFr);
    for (const key of [
      'ind.error.value',
      'ind.error.period',
      'ind.error.comment',
      'ind.error.issueComment',
      'ind.error.forbidden',
      'ind.error.supervisorOnly',
      'ind.error.reviewStatus',
    ])
      expect(keys).toContain(key);
  });
});

describe('coordination routes', () => {
  it('round-trip through the hash, ids with any characters', () => {
    const routes: Route[] = [
      { name: 'projects' },
      { name: 'project', id: 'p/gao é' },
      { name: 'indicator', id: 'ind|1' },
      { name: 'reviewQueue' },
    ];
    for (const route of routes) expect(parseHash(hrefOf(route))).toEqual(route);
  });
});
