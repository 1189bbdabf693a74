import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useMemo } from 'react';
import { pickText } from '../../core/i18n/localized';
import { REVIEW_STATUSES } from '../../core/records/review';
import {
  hasGeoQuestion,
  MAP_STATUSES,
  STATUS_COLOURS,
  senders,
  submissionsOnMap,
  type MapFilter,
  type MapStatus,
  type MapSubmission,
} from '../../core/geo/submissionMap';
import type { StatusFilter } from '../../core/table/dataTable';
import { agentName } from '../components/dataTable/agentName';
import {
  dataMapRoute,
  dataRoute,
  parseDataFilter,
  parseDataMapHash,
  type DataTarget,
} from '../components/dataTable/dataRoute';
import { useLatestForms } from '../hooks/useLatestForms';
import { usePeople } from '../hooks/usePeople';
import { useSignedIn } from '../hooks/useSignedIn';
import { readFormSource } from '../repositories/formTable';
import '../i18n/pageStrings';
import '../i18n/dataTableStrings';
import '../i18n/dataMapStrings';
import '../styles/dataTable.css';
import { day } from '../i18n/format';
import { useT } from '../i18n/useT';
import { hrefOf, navigate } from '../state/router';
import { NotFound } from './NotFound';

// MapLibre loads only when there is something to draw: no request for it otherwise (tests/e2e/data-maps).
const SubmissionsMap = lazy(() =>
  import('../maps/SubmissionsMap').then((m) => ({ default: m.SubmissionsMap })),
);

const pad = (n: number) => String(n).padStart(2, '0');
/** The device's own day of a date-time (`YYYY-MM-DD`), as the date inputs and the list's dates read it. */
function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The list under the map names this many submissions at most; the data table has them all. */
const LIST_MAX = 200;

/**
 * `#/data/:projectId/:formId/map`: the submissions of one form the device holds on a map (offline too), for
 * focal points and up: points clustered when dense, lines and areas, coloured by review status (with a
 * legend in words), filtered by dates, agent and status. A tap opens the submission; the list beside the
 * map does the same with a keyboard or a screen reader.
 */
export function DataMap({ hash }: { hash: string }) {
  const target = parseDataMapHash(hash);
  if (!target) return <NotFound />;
  return <FormDataMap {...target} hash={hash} />;
}

function FormDataMap({ projectId, formId, hash }: DataTarget & { hash: string }) {
  const { t, lang } = useT();
  const { db, session } = useSignedIn();
  const forms = useLatestForms();
  const form = forms?.find((f) => f.projectId === projectId && f.formId === formId);
  const definition = form?.definition;
  const people = usePeople();
  const source = useLiveQuery(() => readFormSource(db, projectId, formId), [db, projectId, formId]);
  // The filters live in the hash, shared with the form's data table (dataRoute.ts): switching keeps them.
  const filter = useMemo(() => parseDataFilter(hash), [hash]);

  const submissions = useMemo(
    (): MapSubmission[] =>
      source?.submissions.map((s, i) => ({
        id: s.id,
        createdBy: s.createdBy,
        finalizedAt: s.finalizedAt,
        day: localDay(s.finalizedAt),
        data: s.data,
        status: source.statuses[i] ?? null,
      })) ?? [],
    [source],
  );
  const shown = useMemo(
    () => (definition ? submissionsOnMap(definition.items, submissions, filter) : undefined),
    [definition, submissions, filter],
  );

  if (forms === undefined) return <p role="status">{t('table.loading')}</p>;
  const title = definition ? pickText(definition.title, lang) : formId;
  const back = (
    <p>
      <a href={hrefOf(dataRoute({ projectId, formId }, filter))}>{t('dmap.back')}</a>
    </p>
  );
  if (!definition)
    return (
      <main id="main" className="page">
        {back}
        <h1>{t('dmap.title', { form: title })}</h1>
        <p>{t('table.formMissing')}</p>
      </main>
    );

  const name = (id: string) => agentName(id, session.user, people, t);
  const statusText = (s: MapStatus) => (s === 'none' ? t('dmap.status.none') : t(`review.status.${s}`));
  const set = (part: Partial<MapFilter>) =>
    navigate(dataMapRoute({ projectId, formId }, { ...filter, ...part }), { replace: true });
  const located = shown?.located ?? [];
  if (!hasGeoQuestion(definition.items))
    return (
      <main id="main" className="page">
        {back}
        <h1>{t('dmap.title', { form: title })}</h1>
        <p>{t('dmap.noGeoQuestion')}</p>
      </main>
    );

  return (
    <main id="main" className="page">
      {back}
      <h1>{t('dmap.title', { form: title })}</h1>
      <p className="lead">{t('dmap.intro')}</p>
      <fieldset className="data-tools">
        <legend>{t('dmap.filters')}</legend>
        <div>
          <label htmlFor="dmap-from">{t('dmap.from')}</label>
          <input
            id="dmap-from"
            type="date"
            value={filter.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="dmap-to">{t('dmap.to')}</label>
          <input id="dmap-to" type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div>
          <label htmlFor="dmap-agent">{t('dmap.agent')}</label>
          <select id="dmap-agent" value={filter.agent} onChange={(e) => set({ agent: e.target.value })}>
            <option value="">{t('dmap.agent.all')}</option>
            {senders(submissions).map((id) => (
              <option key={id} value={id}>
                {name(id)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dmap-status">{t('table.status')}</label>
          <select
            id="dmap-status"
            value={filter.status}
            onChange={(e) => set({ status: e.target.value as StatusFilter })}
          >
            <option value="all">{t('table.status.all')}</option>
            <option value="none">{t('table.status.none')}</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`review.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <p role="status">
        {source && shown
          ? t('dmap.count', { located: located.length, matching: shown.matching, total: submissions.length })
          : t('table.loading')}
      </p>
      {shown && shown.features.length > 0 ? (
        <>
          <h2 id="dmap-legend">{t('dmap.legend')}</h2>
          <ul className="map-legend" aria-labelledby="dmap-legend">
            {MAP_STATUSES.map((s) => (
              <li key={s}>
                <span className="map-swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
                {statusText(s)}
              </li>
            ))}
          </ul>
          <Suspense fallback={<p role="status">{t('table.loading')}</p>}>
            <SubmissionsMap
              label={t('dmap.mapLabel', { form: title })}
              features={shown.features}
              onOpen={(id) => navigate({ name: 'submission', id })}
            />
          </Suspense>
        </>
      ) : null}
      {source && shown && located.length === 0 ? (
        <p>
          {shown.matching === 0 ? t('dmap.noneKept') : t('dmap.nothingToDraw', { count: shown.matching })}
        </p>
      ) : null}
      {located.length > 0 ? (
        <>
          <h2 id="dmap-list">{t('dmap.list')}</h2>
          <ul aria-labelledby="dmap-list" className="dmap-list">
            {located.slice(0, LIST_MAX).map((s) => (
              <li key={s.id}>
                <span
                  className="map-swatch"
                  style={{ background: STATUS_COLOURS[s.status ?? 'none'] }}
                  aria-hidden="true"
                />
                <a href={hrefOf({ name: 'submission', id: s.id })}>
                  {t('dmap.item', {
                    date: day(s.finalizedAt, lang),
                    agent: name(s.createdBy),
                    status: statusText(s.status ?? 'none'),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {located.length > LIST_MAX ? <p>{t('dmap.more', { count: located.length - LIST_MAX })}</p> : null}
    </main>
  );
}
