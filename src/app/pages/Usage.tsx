import { useId, useMemo, useState } from 'react';
import { pickText, type UiLanguage } from '../../core/i18n/localized';
import { lastWeeks, usageStats, type UsageGroup } from '../../core/usage/usageStats';
import { useAccountNames } from '../hooks/useAccountNames';
import { useUsageData } from '../hooks/useUsageData';
import { dateTime } from '../i18n/format';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/usageStrings';
import { useT } from '../i18n/useT';
import type { Translate } from '../i18n/types';
import '../styles/admin.css';

const PERIODS = [4, 12, 26, 52] as const;
const GROUPS: readonly UsageGroup[] = ['project', 'form', 'agent'];
const HOUR_MS = 3_600_000;

/** A day (YYYY-MM-DD, a UTC date) as the UI language writes it: 5 janv. 2026 / Jan 5, 2026. */
function day(date: string, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00.000Z`),
  );
}

/** Under an hour said so, under two days in hours, else in days (one decimal). */
function duration(ms: number, lang: UiLanguage, t: Translate): string {
  const number = (n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  const hours = ms / HOUR_MS;
  if (hours < 1) return t('usage.underHour');
  return hours < 48
    ? t('usage.hours', { count: number(hours) })
    : t('usage.days', { count: number(hours / 24) });
}

/**
 * `#/usage` (supervisors and admins): the use of the database, which the coordination body reports on.
 * Computed on the device from the submissions and reviews it holds (src/core/usage/usageStats.ts), not by
 * a server route: the pull already gives a supervisor exactly what they may see (their projects; an admin
 * every project), so the figures need no other rights check and the page works offline. Printable.
 */
export function Usage() {
  const { t, lang } = useT();
  const id = useId();
  const data = useUsageData();
  const names = useAccountNames();
  const [projectId, setProjectId] = useState('');
  const [weekCount, setWeekCount] = useState<number>(12);
  const [groupBy, setGroupBy] = useState<UsageGroup>('project');
  const [now] = useState(() => new Date());

  const weeks = useMemo(() => lastWeeks(now, weekCount), [now, weekCount]);
  const stats = useMemo(
    () =>
      data &&
      usageStats({
        submissions: data.submissions,
        reviews: data.reviews,
        weeks,
        groupBy,
        ...(projectId ? { projectId } : {}),
      }),
    [data, weeks, groupBy, projectId],
  );
  if (!data || !stats)
    return (
      <main id="main" className="page">
        <h1>{t('usage.title')}</h1>
        <p>{t('usage.loading')}</p>
      </main>
    );

  const projects = data.projects.filter((p) => !p.deleted);
  const projectName = (pid: string) => {
    const project = projects.find((p) => p.id === pid);
    return project ? pickText(project.title, lang) || project.code : pid;
  };
  const label = (key: string) =>
    groupBy === 'project'
      ? projectName(key)
      : groupBy === 'form'
        ? pickText(data.formTitles.get(key), lang) || key
        : (names.get(key) ?? key);
  const percent = (part: number) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(part / stats.total);
  const lastDay = new Date(Date.parse(`${weeks.at(-1)}T00:00:00.000Z`) + 6 * 86_400_000)
    .toISOString()
    .slice(0, 10);

  return (
    <main id="main" className="page usage-page">
      <h1>{t('usage.title')}</h1>
      <p className="lead no-print">{t('usage.intro')}</p>
      <div className="filters no-print">
        <label>
          {t('usage.project')}
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">{t('usage.allProjects')}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {projectName(p.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('usage.weeks')}
          <select value={weekCount} onChange={(e) => setWeekCount(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {t('usage.weeksOption', { count: n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('usage.groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGroup)}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`usage.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          {t('usage.print')}
        </button>
      </div>
      <p>
        {projectId ? `${projectName(projectId)} · ` : ''}
        {t('usage.generatedAt', {
          date: dateTime(now, lang),
          from: day(weeks[0] ?? '', lang),
          to: day(lastDay, lang),
        })}
      </p>

      <section aria-labelledby={`${id}-summary`}>
        <h2 id={`${id}-summary`}>{t('usage.summary')}</h2>
        <dl className="usage-figures">
          <div>
            <dt>{t('usage.total')}</dt>
            <dd>{stats.total}</dd>
          </div>
          <div>
            <dt>{t('usage.active')}</dt>
            <dd>{stats.activeUsers}</dd>
            <dd className="hint">{t('usage.activeHint')}</dd>
          </div>
          <div>
            <dt>{t('usage.median')}</dt>
            <dd>
              {stats.medianVerifyMs === null ? t('usage.none') : duration(stats.medianVerifyMs, lang, t)}
            </dd>
            <dd className="hint">{t('usage.medianHint', { count: stats.verified })}</dd>
          </div>
          <div>
            <dt>{t('usage.flagged')}</dt>
            <dd>{stats.total === 0 ? t('usage.none') : percent(stats.flagged)}</dd>
            <dd className="hint">{t('usage.flaggedHint', { count: stats.flagged })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby={`${id}-weeks`}>
        <h2 id={`${id}-weeks`}>{t('usage.perWeek')}</h2>
        {stats.total === 0 ? (
          <p className="empty">{t('usage.empty')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby={`${id}-weeks`} tabIndex={0}>
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t(`usage.group.${groupBy}`)}</th>
                  {weeks.map((w) => (
                    <th key={w} scope="col" className="num">
                      {t('usage.weekOf', { date: day(w, lang) })}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('usage.totalCol')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{label(row.key)}</th>
                    {row.counts.map((count, i) => (
                      <td key={weeks[i]} className="num">
                        {count}
                      </td>
                    ))}
                    <td className="num">{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
