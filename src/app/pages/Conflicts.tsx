import { useState } from 'react';
import { ReviewStatus } from '../../core/records/review';
import type { Conflict, ConflictSide } from '../../core/sync/conflicts';
import { useConflicts } from '../hooks/useConflicts';
import { dateTime } from '../i18n/format';
import type { Translate } from '../i18n/types';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

const COORDINATION_TABLES = [
  'organisations',
  'projects',
  'indicators',
  'indicatorValues',
  'transactions',
  'plannedDisbursements',
  'exchangeRates',
] as const;
type CoordinationTable = (typeof COORDINATION_TABLES)[number];
const isCoordination = (table: string): table is CoordinationTable =>
  (COORDINATION_TABLES as readonly string[]).includes(table);

/** Where a conflict's record is shown, when it has a page of its own. */
function recordHref(c: Conflict): string | null {
  if (c.table === 'reviews') return hrefOf({ name: 'submission', id: c.recordId });
  if (c.table === 'projects') return hrefOf({ name: 'project', id: c.recordId });
  if (c.table === 'indicators') return hrefOf({ name: 'indicator', id: c.recordId });
  if (c.table === 'transactions' || c.table === 'plannedDisbursements')
    return `#/edit/projects/${encodeURIComponent(c.projectId)}/finances`;
  if (c.table === 'exchangeRates') return '#/edit/rates';
  return null;
}

/** A review's field, as its label (a question comment: the question's name); other records by kind. */
function fieldLabel(c: Conflict, t: Translate): string {
  if (isCoordination(c.table)) return `${t(`conflicts.table.${c.table}`)} ${c.recordId} · ${c.field}`;
  if (c.table !== 'reviews') return `${c.table} ${c.recordId} · ${c.field}`;
  if (c.field === 'deleted') return t('review.title');
  const label =
    c.field === 'status'
      ? t('review.status')
      : c.field === 'comment'
        ? t('review.comment')
        : c.field.replace(/^fieldComments\./, '');
  return `${t('review.title')} · ${label}`;
}

/** The field's label, linked to its record's page when it has one. */
function FieldTitle({ conflict, t }: { conflict: Conflict; t: Translate }) {
  const href = recordHref(conflict);
  const label = fieldLabel(conflict, t);
  return href ? <a href={href}>{label}</a> : label;
}

function shown(c: Conflict, side: ConflictSide, t: Translate): string {
  const { value } = side;
  if (c.table === 'reviews' && c.field === 'deleted')
    return t(value === true ? 'review.withdrawn' : 'review.kept');
  if (value === null || value === undefined || value === '') return '—';
  const status = ReviewStatus.safeParse(value);
  const isStatus =
    (c.table === 'reviews' && c.field === 'status') ||
    (c.table === 'indicatorValues' && c.field === 'reviewStatus');
  if (isStatus && status.success) return t(`review.status.${status.data}`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `#/conflicts` (supervisors and admins, loaded only when opened): every value a concurrent edit lost in
 * their projects, with the value that won, and Restore to put the lost one back.
 */
export function Conflicts() {
  const { t, lang } = useT();
  const { conflicts, error, restore } = useConflicts();
  const [busy, setBusy] = useState<string | null>(null);

  const onRestore = async (id: string) => {
    setBusy(id);
    try {
      await restore(id);
    } finally {
      setBusy(null);
    }
  };

  return (
    <main id="main" className="page">
      <h1>{t('conflicts.title')}</h1>
      <p className="lead">{t('conflicts.intro')}</p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error.network ? t('sync.error.network') : t('review.failed', { message: error.message })}
        </p>
      ) : null}
      {!conflicts ? (
        error ? null : (
          <p>{t('app.loading')}</p>
        )
      ) : conflicts.length === 0 ? (
        <p className="empty">{t('conflicts.empty')}</p>
      ) : (
        <ul className="card-list">
          {conflicts.map((c) => (
            <li key={c.id} className="card">
              <div className="card-text">
                <span className="card-title">
                  <FieldTitle conflict={c} t={t} />
                </span>
                <span>
                  {t('conflicts.lost', { value: shown(c, c.losing, t), who: c.losing.byName ?? '—' })}
                </span>
                <span>
                  {t('conflicts.kept', { value: shown(c, c.winning, t), who: c.winning.byName ?? '—' })}
                </span>
                <span className="card-meta">{dateTime(c.at, lang)}</span>
              </div>
              {c.restoredAt ? (
                <span className="badge badge-synced">{t('conflicts.restored')}</span>
              ) : (
                <button
                  type="button"
                  className="button-primary"
                  disabled={busy !== null}
                  onClick={() => void onRestore(c.id)}
                >
                  {t('conflicts.restore')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
