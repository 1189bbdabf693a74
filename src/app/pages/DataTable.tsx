import { useMemo, useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { DEFAULT_QUERY, type StatusFilter } from '../../core/table/dataTable';
import { REVIEW_STATUSES } from '../../core/records/review';
import { hasRole } from '../../core/records/user';
import { agentName } from '../components/dataTable/agentName';
import { ColumnPicker } from '../components/dataTable/ColumnPicker';
import { defaultColumnKeys, tableColumns } from '../components/dataTable/columns';
import {
  dataMapRoute,
  dataRoute,
  parseDataFilter,
  parseDataHash,
  type DataTarget,
} from '../components/dataTable/dataRoute';
import { TableGrid, type SortState } from '../components/dataTable/TableGrid';
import { VerifyBar } from '../components/dataTable/VerifyBar';
import { useColumnChoice } from '../hooks/useColumnChoice';
import { useFormTable } from '../hooks/useFormTable';
import { useLatestForms } from '../hooks/useLatestForms';
import { usePeople } from '../hooks/usePeople';
import { useSettled } from '../hooks/useSettled';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of this page (they load with it, not at start), and its styles.
import '../i18n/pageStrings';
import '../i18n/dataTableStrings';
import '../i18n/readingStrings';
import '../i18n/dataMapStrings';
import '../styles/dataTable.css';
import { useT } from '../i18n/useT';
import { hrefOf, navigate } from '../state/router';
import { NotFound } from './NotFound';

const PAGE_SIZE = 50;

/**
 * `#/data/:projectId/:formId`: the submissions of one form the device holds as a table (offline too):
 * sort by any column, filter by review status, search the shown cells, pick the columns (remembered per
 * form on this device), 50 rows a page. Focal points and up select rows and verify them in one action.
 */
export function DataTable({ hash }: { hash: string }) {
  const target = parseDataHash(hash);
  if (!target) return <NotFound />;
  return <FormDataTable {...target} hash={hash} />;
}

function FormDataTable({ projectId, formId, hash }: DataTarget & { hash: string }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const forms = useLatestForms();
  const form = forms?.find((f) => f.projectId === projectId && f.formId === formId);
  const definition = form?.definition;
  const me = session.user;
  const people = usePeople();

  const all = useMemo(
    () => (definition ? tableColumns(definition, lang, t, (id) => agentName(id, me, people, t)) : []),
    [definition, lang, t, me, people],
  );
  const [picked, setPicked] = useColumnChoice(projectId, formId);
  const shownKeys = picked ?? defaultColumnKeys(all);
  // By their keys' text: the list from localStorage is a new array each render, the columns must not be.
  const shownText = shownKeys.join('\n');
  const columns = useMemo(() => {
    const keys = new Set(shownText.split('\n'));
    return all.filter((c) => keys.has(c.key));
  }, [all, shownText]);

  const [sort, setSort] = useState<SortState | null>(null);
  // The status filter lives in the hash, shared with the form's map (dataRoute.ts).
  const filter = parseDataFilter(hash);
  const status = filter.status;
  const setStatus = (next: StatusFilter) =>
    navigate(dataRoute({ projectId, formId }, { ...filter, status: next }), { replace: true });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const settledSearch = useSettled(search);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const sortIndex = sort ? columns.findIndex((c) => c.key === sort.key) : -1;
  const query = {
    ...DEFAULT_QUERY,
    sortColumn: sortIndex >= 0 ? sortIndex : null,
    descending: sort?.descending ?? false,
    status,
    search: settledSearch,
  };
  const data = useFormTable(projectId, formId, columns, query, page * PAGE_SIZE, PAGE_SIZE);
  const mayVerify = hasRole(me.role, 'focal_point');

  if (forms === undefined) return <p role="status">{t('table.loading')}</p>;
  const title = definition ? pickText(definition.title, lang) : formId;
  const back = (
    <p>
      <a href={hrefOf({ name: 'project', id: projectId })}>{t('table.back')}</a>
    </p>
  );
  if (!definition)
    return (
      <main id="main" className="page">
        {back}
        <h1>{t('table.title', { form: title })}</h1>
        <p>{t('table.formMissing')}</p>
      </main>
    );

  // A new query starts at its first page.
  const changed = (apply: () => void) => {
    apply();
    setPage(0);
  };
  const onSort = (key: string) =>
    changed(() => setSort((s) => ({ key, descending: s?.key === key ? !s.descending : false })));
  const onSelect = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const pages = data ? Math.max(1, Math.ceil(data.matching / PAGE_SIZE)) : 1;
  const from = data && data.matching > 0 ? page * PAGE_SIZE + 1 : 0;
  const to = data ? Math.min(data.matching, (page + 1) * PAGE_SIZE) : 0;

  return (
    <main id="main" className="page">
      {back}
      <h1>{t('table.title', { form: title })}</h1>
      <p className="lead">{t('table.intro')}</p>
      <p>
        <a href={hrefOf(dataMapRoute({ projectId, formId }, filter))}>{t('dmap.link')}</a>
      </p>
      <div className="data-tools">
        <div>
          <label htmlFor="data-search">{t('table.search')}</label>
          <input
            id="data-search"
            type="search"
            value={search}
            onChange={(event) => changed(() => setSearch(event.target.value))}
          />
        </div>
        <div>
          <label htmlFor="data-status">{t('table.status')}</label>
          <select
            id="data-status"
            value={status}
            onChange={(event) => changed(() => setStatus(event.target.value as StatusFilter))}
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
      </div>
      <ColumnPicker columns={all} shown={shownKeys} onChange={setPicked} />
      {mayVerify ? (
        <VerifyBar
          selected={selected}
          projectId={projectId}
          onDone={() => setSelected(new Set())}
          onClear={() => setSelected(new Set())}
        />
      ) : null}
      <p role="status">
        {data
          ? `${t('table.count', { matching: data.matching, total: data.total })}${
              data.matching > 0 ? ` · ${t('table.range', { from, to, matching: data.matching })}` : ''
            }`
          : t('table.loading')}
      </p>
      {data && data.rows.length > 0 ? (
        // A wide table scrolls sideways in its own region, reachable by keyboard.
        <div
          className="data-scroll"
          role="region"
          aria-label={t('table.caption', { form: title })}
          tabIndex={0}
        >
          <TableGrid
            caption={t('table.caption', { form: title })}
            columns={columns}
            rows={data.rows}
            sort={sortIndex >= 0 ? sort : null}
            onSort={onSort}
            selected={mayVerify ? selected : undefined}
            onSelect={mayVerify ? onSelect : undefined}
          />
        </div>
      ) : data ? (
        <p>{t('table.empty')}</p>
      ) : null}
      {pages > 1 ? (
        <nav className="data-pages" aria-label={t('table.caption', { form: title })}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('subs.previous')}
          </button>
          <span>{t('subs.page', { page: page + 1, pages })}</span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('subs.next')}
          </button>
        </nav>
      ) : null}
    </main>
  );
}
