import type { ReviewStatus } from '../../core/records/review';
import type { SubmissionRecord } from '../db/schema';
import type { Person } from '../repositories/members';
import { dateTime } from '../i18n/format';
import type { MessageKey } from '../i18n/types';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import { personText } from './personText';
import { ReviewBadge } from './ReviewBadge';

function stateKey(row: SubmissionRecord): MessageKey {
  if (row.discardedAt) return 'subs.state.discarded';
  return `subs.state.${row.syncState}`;
}

/**
 * One submission (its current version): form title, linked to its page and history, when it was finalized,
 * who sent it (by name and role, from the synced members), whether it was corrected or has concurrent
 * corrections, and its sync state.
 */
export function SubmissionRow({
  row,
  title,
  summary,
  userId,
  reviewStatus,
  people,
}: {
  row: SubmissionRecord;
  title: string;
  /** What tells this submission apart, e.g. the respondent's name; may be empty. */
  summary: string;
  userId: string;
  /** The submission's review status (null: not reviewed); absent where reviews are not shown. */
  reviewStatus?: ReviewStatus | null;
  /** The people of the user's projects (usePeople), to name the sender. */
  people: ReadonlyMap<string, Person>;
}) {
  const { t, lang } = useT();
  const mine = row.origin === 'local' || row.createdBy === userId;
  return (
    <li className="card">
      <div className="card-text">
        <a className="card-title" href={hrefOf({ name: 'submission', id: row.id })}>
          {summary ? `${summary} — ${title}` : title}
        </a>
        <span className="card-meta">
          {t('subs.finalizedAt', { date: dateTime(row.finalizedAt, lang) })} ·{' '}
          {mine ? t('subs.byYou') : t('people.by', { name: personText(row.createdBy, people, t) })}
          {/* A version that replaces another has earlier ones; the history shows them. */}
          {row.replaces !== null ? <> · {t('versions.edited')}</> : null}
        </span>
        {row.versionConflicts ? <span className="version-conflict">{t('versions.conflict')}</span> : null}
      </div>
      <span className="badges">
        {reviewStatus !== undefined ? <ReviewBadge status={reviewStatus} /> : null}
        <span className={`badge badge-${row.discardedAt ? 'discarded' : row.syncState}`}>
          {t(stateKey(row))}
        </span>
      </span>
    </li>
  );
}
