import { pickText } from '../../../core/i18n/localized';
import type { PeriodKind } from '../../../core/indicators/periods';
import { bimonthlyPeriods } from '../../../core/indicators/periods';
import type { ProjectRecord } from '../../db/schema';
import { useT } from '../../i18n/useT';
import { periodName } from './reportFormat';

/** What a report is about: its kind, year, bimonthly period (1–6) and project (null: all projects). */
export interface ReportSelection {
  kind: PeriodKind;
  year: number;
  index: number;
  projectId: string | null;
}

interface Props {
  selection: ReportSelection;
  onChange: (selection: ReportSelection) => void;
  projects: readonly ProjectRecord[];
  years: readonly number[];
}

/** The report's choices, above it; hidden when printing. */
export function ReportControls({ selection, onChange, projects, years }: Props) {
  const { t, lang } = useT();
  const set = (patch: Partial<ReportSelection>) => onChange({ ...selection, ...patch });
  return (
    <form className="report-controls no-print" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('report.kind')}
        <select
          value={selection.kind}
          onChange={(e) => set({ kind: e.target.value === 'annual' ? 'annual' : 'bimonthly' })}
        >
          <option value="bimonthly">{t('report.kind.bimonthly')}</option>
          <option value="annual">{t('report.kind.annual')}</option>
        </select>
      </label>
      <label>
        {t('report.year')}
        <select value={selection.year} onChange={(e) => set({ year: Number(e.target.value) })}>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      {selection.kind === 'bimonthly' ? (
        <label>
          {t('report.period')}
          <select value={selection.index} onChange={(e) => set({ index: Number(e.target.value) })}>
            {bimonthlyPeriods(selection.year).map((period, i) => (
              <option key={period.start} value={i + 1}>
                {periodName(period, lang)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {t('report.project')}
        <select
          value={selection.projectId ?? ''}
          onChange={(e) => set({ projectId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">{t('report.allProjects')}</option>
          {projects
            .filter((p) => !p.deleted)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {pickText(p.title, lang)}
              </option>
            ))}
        </select>
      </label>
      <button type="button" className="button-primary" onClick={() => window.print()}>
        {t('report.print')}
      </button>
    </form>
  );
}
