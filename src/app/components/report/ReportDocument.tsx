import { pickText } from '../../../core/i18n/localized';
import type { ReportTotals, ResultReport } from '../../../core/indicators/report';
import type { OrganisationRecord, ProjectRecord } from '../../db/schema';
import { dateTime, day } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { DataGaps } from './DataGaps';
import { IndicatorTable } from './IndicatorTable';
import { SubmissionCounts } from './SubmissionCounts';
import { periodName } from './reportFormat';

interface Props {
  report: ResultReport;
  projects: readonly ProjectRecord[];
  organisations: readonly OrganisationRecord[];
  generatedAt: Date;
}

function Totals({ totals }: { totals: ReportTotals }) {
  const { t } = useT();
  return (
    <p className="report-totals">
      {t('report.totalsLine', {
        indicators: totals.indicators,
        met: totals.met,
        onTrack: totals.onTrack,
        offTrack: totals.offTrack,
        unknown: totals.unknown,
        verified: totals.verified,
        withGaps: totals.withGaps,
      })}
    </p>
  );
}

/**
 * The report itself, what prints: the reporting body (the reporting organisation of the projects reported
 * on), the period and the date it was generated, then per project its indicators, totals, the review of its
 * submissions and its data gaps.
 */
export function ReportDocument({ report, projects, organisations, generatedAt }: Props) {
  const { t, lang } = useT();
  const reported = new Set(report.projects.map((p) => p.projectId));
  const orgIds = new Set(
    projects.flatMap((p) => (reported.has(p.id) && p.organisationId ? [p.organisationId] : [])),
  );
  const bodies = organisations
    .filter((o) => orgIds.has(o.id))
    .map((o) => o.name)
    .sort();
  return (
    <article className="report-document">
      <header className="report-header">
        <h2>{t(`report.heading.${report.kind}`)}</h2>
        {bodies.length > 0 ? <p>{t('report.body', { name: bodies.join(', ') })}</p> : null}
        <p>
          {t('report.periodLine', {
            period: periodName(report.period, lang),
            start: day(report.period.start, lang),
            end: day(report.period.end, lang),
          })}
        </p>
        <p>{t('report.generatedAt', { date: dateTime(generatedAt, lang) })}</p>
      </header>
      {report.projects.length === 0 ? <p className="empty">{t('report.noProjects')}</p> : null}
      {report.projects.map((project) => (
        <section
          key={project.projectId}
          className="report-project"
          aria-labelledby={`rp-${project.projectId}`}
        >
          <h3 id={`rp-${project.projectId}`}>
            {project.code} · {pickText(project.title, lang)}
          </h3>
          {project.indicators.length === 0 ? (
            <p className="empty">{t('report.noIndicators')}</p>
          ) : (
            <>
              <IndicatorTable rows={project.indicators} labelledBy={`rp-${project.projectId}`} />
              <h4>{t('report.totals')}</h4>
              <Totals totals={project.totals} />
            </>
          )}
          <SubmissionCounts counts={project.submissions} />
          <DataGaps
            rows={project.indicators}
            submissions={project.submissions}
            submissionGaps={project.submissionGaps}
          />
        </section>
      ))}
      {report.projectId === null && report.projects.length > 1 ? (
        <section className="report-project">
          <h3>{t('report.allTotals')}</h3>
          <Totals totals={report.totals} />
          <SubmissionCounts counts={report.submissions} />
        </section>
      ) : null}
    </article>
  );
}
