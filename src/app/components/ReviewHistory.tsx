import type { ReviewHistoryEntry } from '../repositories/reviewEvents';
import { usePeople } from '../hooks/usePeople';
import { useSignedIn } from '../hooks/useSignedIn';
import { dateTime } from '../i18n/format';
// Registers the strings of the history (they load with the pages that show it, not at start).
import '../i18n/historyStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import { personText } from './personText';
import { ReviewBadge } from './ReviewBadge';

/**
 * The review history of a submission or an indicator value, newest first: who acted, when, the status they
 * set and what they wrote. An action made on this device shows at once, marked while it is not sent yet.
 */
export function ReviewHistory({
  entries,
  questionLabel = (name) => name,
}: {
  entries: readonly ReviewHistoryEntry[];
  /** A question's label in the UI language, by its name. */
  questionLabel?: (name: string) => string;
}) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const people = usePeople();
  // The synced members name the person and their role; the name the server stamped is the fallback.
  const nameOf = (e: ReviewHistoryEntry) =>
    people.has(e.by ?? '') ? personText(e.by, people, t) : (e.byName ?? personText(e.by, people, t));
  return (
    <ol className="review-history">
      {entries.map((e) => (
        <li key={e.id} data-event={e.id}>
          <span className="card-meta">
            {t('history.who', {
              name: e.by === session.user.id ? t('history.you') : nameOf(e),
              date: dateTime(e.at, lang),
            })}
          </span>{' '}
          {e.status ? <ReviewBadge status={e.status} /> : null}{' '}
          {e.sendState === 'sent' ? null : (
            <span className={`badge badge-${e.sendState === 'unsent' ? 'pending' : 'rejected'}`}>
              {t(e.sendState === 'unsent' ? 'history.unsent' : 'history.refused')}
            </span>
          )}
          {e.comment !== null ? (
            <div>{e.comment ? t('history.comment', { text: e.comment }) : t('history.commentRemoved')}</div>
          ) : null}
          {Object.entries(e.fieldComments).map(([field, text]) => (
            <div key={field}>
              {text
                ? t('history.fieldComment', { field: questionLabel(field), text })
                : t('history.fieldCommentRemoved', { field: questionLabel(field) })}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
