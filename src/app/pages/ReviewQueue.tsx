import { useMemo, useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { QueueDataLinks } from '../components/dataTable/QueueDataLinks';
import { personText } from '../components/personText';
import { ReviewBadge } from '../components/ReviewBadge';
import { usePeople } from '../hooks/usePeople';
import { useReviewQueue } from '../hooks/useReviewQueue';
import { dateTime, days } from '../i18n/format';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/coordinationStrings';
import '../i18n/readingStrings';
import '../styles/coordination.css';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

/** Items shown at first and added by each "show more": a queue of hundreds stays quick to render. */
const STEP = 50;

/** `#/review`: what waits for the focal point's review, oldest first, each linked to its page. Offline. */
export function ReviewQueue() {
  const { t, lang } = useT();
  const queue = useReviewQueue();
  const people = usePeople();
  const [shown, setShown] = useState(STEP);
  // How many submissions of each form wait, by project and form: shown beside the links to the tables.
  const waiting = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of queue?.items ?? []) {
      if (item.kind !== 'submission') continue;
      const key = `${item.submission.projectId}\n${item.submission.formId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }, [queue]);
  return (
    <main id="main" className="page">
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.intro')}</p>
      {!queue ? (
        <p>{t('app.loading')}</p>
      ) : queue.items.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <>
          <p>{t('queue.count', { count: queue.items.length })}</p>
          <ol className="card-list">
            {queue.items.slice(0, shown).map((item) => {
              if (item.kind === 'submission') {
                const { submission, review } = item;
                return (
                  <li className="card" key={`s-${submission.id}`}>
                    <div className="card-text">
                      <a className="card-title" href={hrefOf({ name: 'submission', id: submission.id })}>
                        {t('queue.submission', { date: dateTime(submission.finalizedAt, lang) })}
                      </a>
                      <span className="card-meta">
                        {t('people.by', { name: personText(submission.createdBy, people, t) })}
                        {/* A new version: the correction of a submission a reviewer had sent back. */}
                        {submission.replaces !== null ? <> · {t('queue.correction')}</> : null}
                      </span>
                    </div>
                    <ReviewBadge status={review && !review.deleted ? review.status : null} />
                  </li>
                );
              }
              const { value } = item;
              const indicator = queue.indicators.get(value.indicatorId);
              return (
                <li className="card" key={`v-${value.id}`}>
                  <div className="card-text">
                    <a className="card-title" href={hrefOf({ name: 'indicator', id: value.indicatorId })}>
                      {t('queue.value', {
                        value: value.value?.toLocaleString(lang) ?? '',
                        indicator: indicator ? pickText(indicator.title, lang) : value.indicatorId,
                        period: days(value.periodStart, value.periodEnd, lang),
                      })}
                    </a>
                  </div>
                  <ReviewBadge status={value.reviewStatus} />
                </li>
              );
            })}
          </ol>
          {queue.items.length > shown ? (
            <button type="button" onClick={() => setShown(shown + STEP)}>
              {t('queue.more', { count: Math.min(STEP, queue.items.length - shown) })}
            </button>
          ) : null}
        </>
      )}
      <QueueDataLinks waiting={waiting} />
    </main>
  );
}
