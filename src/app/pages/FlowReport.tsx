import { useMemo, useState } from 'react';
import { buildFlowReport, FLOW_DIMENSIONS, type FlowDimension, type FlowRow } from '../../core/flows/report';
import { rateBook } from '../../core/flows/totals';
import { PROJECT_STATUSES, type ProjectStatus } from '../../core/records/iatiCodes';
import { FlowBars } from '../components/flowReport/FlowBars';
import { FlowTable } from '../components/flowReport/FlowTable';
import { organisationLabel } from '../components/organisationLabel';
import { useFlowReportData } from '../hooks/useFlowReportData';
// Registers the strings of this page and of the project filters (they load with it, not at start).
import '../i18n/flowReportStrings';
import '../i18n/coordinationStrings';
import { dateTime } from '../i18n/format';
import { regionName } from '../i18n/regionNames';
import { sectorName } from '../i18n/sectorLabels';
import { useT } from '../i18n/useT';
import type { ProjectFilter } from '../repositories/projectFilter';
import { hrefOf } from '../state/router';
// The report's print stylesheet (A4), and the charts'.
import '../styles/report.css';
import '../styles/flowReport.css';
import { byLabel, FacetSelect } from '../components/FacetSelect';

/**
 * `#/reports/flows` (focal points and up, loaded only when opened): committed, disbursed and spent by donor,
 * sector, region and year (core/flows/report.ts), from the projects and transactions on this device, so it
 * works offline. The same filters as the project list, and the year. Prints with the reports' A4 stylesheet.
 */
export function FlowReport() {
  const { t, lang } = useT();
  const [generatedAt] = useState(() => new Date());
  const [filter, setFilter] = useState<ProjectFilter>({});
  const [year, setYear] = useState('');
  const data = useFlowReportData(filter);
  const set = (patch: ProjectFilter) => setFilter((f) => ({ ...f, ...patch }));
  const report = useMemo(
    () =>
      data &&
      buildFlowReport({
        transactions: data.transactions,
        projects: data.projects,
        book: rateBook(data.rates),
        year: year || null,
      }),
    [data, year],
  );
  const orgName = (id: string) => organisationLabel(data?.organisations.get(id), id);
  const labelOf =
    (dimension: FlowDimension) =>
    (row: FlowRow): string => {
      if (row.key === null) return t('flowReport.unknownKey');
      if (dimension === 'donor') return orgName(row.key);
      if (dimension === 'sector') return sectorName(row.key, lang);
      if (dimension === 'region') return regionName(row.key, lang);
      return row.key;
    };
  const rateList = (rates: readonly { currency: string; month: string; xofPerUnit?: number }[]) =>
    rates
      .map((r) =>
        r.xofPerUnit === undefined
          ? `${r.currency} ${r.month}`
          : `${r.currency} ${r.month} = ${r.xofPerUnit}`,
      )
      .join(', ');

  return (
    <main id="main" className="page report-page flow-report">
      <h1>{t('flowReport.title')}</h1>
      <p className="no-print">
        <a href={hrefOf({ name: 'reports' })}>{t('flowReport.back')}</a>
      </p>
      <form className="report-controls no-print" role="search" onSubmit={(e) => e.preventDefault()}>
        <FacetSelect
          label={t('flowReport.sector')}
          any={t('flowReport.any')}
          value={filter.sector ?? ''}
          options={(data?.facets.sectors ?? []).map((code) => [code, sectorName(code, lang)])}
          onChange={(sector) => set({ sector })}
        />
        <FacetSelect
          label={t('flowReport.organisation')}
          any={t('flowReport.any')}
          value={filter.organisationId ?? ''}
          options={byLabel((data?.facets.organisationIds ?? []).map((id) => [id, orgName(id)]))}
          onChange={(organisationId) => set({ organisationId })}
        />
        <FacetSelect
          label={t('flowReport.region')}
          any={t('flowReport.any')}
          value={filter.region ?? ''}
          options={byLabel((data?.facets.regions ?? []).map((code) => [code, regionName(code, lang)]))}
          onChange={(region) => set({ region })}
        />
        <FacetSelect
          label={t('flowReport.status')}
          any={t('flowReport.any')}
          value={filter.status ?? ''}
          options={PROJECT_STATUSES.map((s) => [s, t(`proj.status.${s}`)])}
          onChange={(status) => set({ status: status as ProjectStatus | '' })}
        />
        <FacetSelect
          label={t('flowReport.year')}
          any={t('flowReport.any')}
          value={year}
          options={(report?.years ?? []).map((y) => [y, y])}
          onChange={setYear}
        />
        <button type="button" onClick={() => window.print()}>
          {t('flowReport.print')}
        </button>
      </form>
      {!data || !report ? (
        <p>{t('app.loading')}</p>
      ) : (
        <article className="report-document">
          <header className="report-header">
            <p>{t('flowReport.intro')}</p>
            <p>{t('flowReport.generatedAt', { date: dateTime(generatedAt, lang) })}</p>
            <p>{t('flowReport.projects', { count: data.projects.length })}</p>
          </header>
          {report.total.committed.count + report.total.disbursed.count + report.total.spent.count === 0 ? (
            <p className="empty">{t('flowReport.empty')}</p>
          ) : (
            <>
              <section className="flow-rates" aria-live="polite">
                <p>
                  {report.used.length
                    ? t('flowReport.ratesUsed', { list: rateList(report.used) })
                    : t('flowReport.ratesNone')}
                </p>
                {report.missing.length ? (
                  <p className="flow-missing">
                    {t('flowReport.ratesMissing', { list: rateList(report.missing) })}{' '}
                    <a className="no-print" href="#/edit/rates">
                      {t('flowReport.ratesLink')}
                    </a>
                  </p>
                ) : null}
              </section>
              {FLOW_DIMENSIONS.map((dimension) => {
                const id = `flow-by-${dimension}`;
                const title = t(`flowReport.by.${dimension}`);
                const rows = report.by[dimension];
                return (
                  <section key={dimension} className="report-project" aria-labelledby={id}>
                    <h2 id={id}>{title}</h2>
                    <p className="flow-legend" aria-hidden="true">
                      <span className="flow-key flow-key-committed" /> {t('flowReport.col.committed')}{' '}
                      <span className="flow-key flow-key-disbursed" /> {t('flowReport.col.disbursed')} (XOF)
                    </p>
                    <FlowBars
                      rows={rows}
                      labelOf={labelOf(dimension)}
                      label={t('flowReport.chart', { currency: 'XOF', title })}
                    />
                    <FlowTable
                      dimension={dimension}
                      rows={rows}
                      total={report.total}
                      labelOf={labelOf(dimension)}
                      captionId={id}
                    />
                  </section>
                );
              })}
            </>
          )}
        </article>
      )}
    </main>
  );
}
