import { usePeople } from '../hooks/usePeople';
import { useReviewStatuses } from '../hooks/useReviewStatuses';
import type { VersionEntry } from '../repositories/submissionVersions';
import { dateTime } from '../i18n/format';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import { personText } from './personText';
import { ReviewBadge } from './ReviewBadge';

/**
 * Every version of a submission, oldest first: each one readable, the shown one marked, each with its own
 * review status (a correction is a new submission, reviewed anew).
 */
export function VersionHistory({
  versions,
  shownId,
  userId,
}: {
  versions: VersionEntry[];
  shownId: string;
  userId: string;
}) {
  const { t, lang } = useT();
  const reviews = useReviewStatuses(versions.map((v) => v.record.id));
  const people = usePeople();
  return (
    <section aria-labelledby="version-history">
      <h2 id="version-history">{t('versions.history')}</h2>
      <ol className="card-list">
        {versions.map(({ record, state }, i) => {
          const label = `${t('versions.number', { number: i + 1, total: versions.length })} · ${dateTime(record.finalizedAt, lang)}`;
          const mine = record.origin === 'local' || record.createdBy === userId;
          return (
            <li className="card" key={record.id}>
              <div className="card-text">
                {record.id === shownId ? (
                  <span className="card-title" aria-current="page">
                    {label} ({t('versions.viewing')})
                  </span>
                ) : (
                  <a className="card-title" href={hrefOf({ name: 'submission', id: record.id })}>
                    {label}
                  </a>
                )}
                <span className="card-meta">
                  {mine ? t('subs.byYou') : t('people.by', { name: personText(record.createdBy, people, t) })}
                </span>
              </div>
              <span className="badges">
                <ReviewBadge status={reviews.get(record.id) ?? null} />
                <span className={`badge badge-version-${state}`}>{t(`versions.state.${state}`)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
