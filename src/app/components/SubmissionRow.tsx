import type { SubmissionRecord } from '../db/schema';
import { dateTime } from '../i18n/format';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';

function stateKey(row: SubmissionRecord): MessageKey {
  if (row.discardedAt) return 'subs.state.discarded';
  return `subs.state.${row.syncState}`;
}

/**
 * One submission: form title, when it was finalized, who sent it and its sync state. Pulled submissions
 * carry only the sender's user id, so others are shown as "another team member" until names are synced.
 */
export function SubmissionRow({
  row,
  title,
  summary,
  userId,
}: {
  row: SubmissionRecord;
  title: string;
  /** What tells this submission apart, e.g. the respondent's name; may be empty. */
  summary: string;
  userId: string;
}) {
  const { t, lang } = useT();
  const mine = row.origin === 'local' || row.createdBy === userId;
  return (
    <li className="card">
      <div className="card-text">
        <span className="card-title">{summary ? `${summary} — ${title}` : title}</span>
        <span className="card-meta">
          {t('subs.finalizedAt', { date: dateTime(row.finalizedAt, lang) })} ·{' '}
          {mine ? t('subs.byYou') : t('subs.byOther')}
        </span>
      </div>
      <span className={`badge badge-${row.discardedAt ? 'discarded' : row.syncState}`}>
        {t(stateKey(row))}
      </span>
    </li>
  );
}
