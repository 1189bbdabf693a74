import { useMemo, useState } from 'react';
import { buildReport } from '../../core/indicators/report';
import { annualPeriod, bimonthlyPeriod } from '../../core/indicators/periods';
import { ReportControls, type ReportSelection } from '../components/report/ReportControls';
import { ReportDocument } from '../components/report/ReportDocument';
import { useReportData } from '../hooks/useReportData';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/reportStrings';
// For the link to the aid-flow report (its strings are few).
import '../i18n/flowReportStrings';
// The print stylesheet (A4) ships with this page's chunk, not with the start-up CSS.
import '../styles/report.css';
import { useT } from '../i18n/useT';

/** The current year and bimonthly period, in UTC like the periods themselves. */
function currentSelection(now: Date): ReportSelection {
  return {
    kind: 'bimonthly',
    year: now.getUTCFullYear(),
    index: Math.floor(now.getUTCMonth() / 2) + 1,
    projectId: null,
  };
}

/**
 * `#/reports` (focal points and up, loaded only when opened): the bimonthly or annual result-verification
 * report of one project or all, built on the device from what it holds, so it works offline. Print / PDF
 * uses the browser's print dialogue with the A4 stylesheet.
 */
export function Report() {
  const { t } = useT();
  const [generatedAt] = useState(() => new Date());
  const [selection, setSelection] = useState(() => currentSelection(generatedAt));
  const { kind, year, index } = selection;
  const period = useMemo(
    () => (kind === 'annual' ? annualPeriod(year) : bimonthlyPeriod(year, index)),
    [kind, year, index],
  );
  const data = useReportData(period);

  const report = useMemo(() => {
    if (!data) return null;
    return buildReport({
      kind: selection.kind,
      period,
      projectId: selection.projectId,
      projects: data.projects,
      indicators: data.indicators,
      values: data.values,
      submissions: data.submissions,
      received: data.received,
      reviews: data.reviews,
    });
  }, [data, selection, period]);

  // This year, the four before and the next (targets are often set ahead).
  const thisYear = generatedAt.getUTCFullYear();
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4];

  return (
    <main id="main" className="page report-page">
      <h1 className="no-print">{t('report.title')}</h1>
      <p className="no-print">
        <a href="#/reports/flows">{t('flowReport.link')}</a>
      </p>
      {!data || !report ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <ReportControls
            selection={selection}
            onChange={setSelection}
            projects={data.projects}
            years={years}
          />
          <ReportDocument
            report={report}
            projects={data.projects}
            organisations={data.organisations}
            generatedAt={generatedAt}
          />
        </>
      )}
    </main>
  );
}
