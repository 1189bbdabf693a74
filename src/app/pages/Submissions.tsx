import { projectFormKey } from '../../core/records/formVersion';
import { useState } from 'react';
import { submissionSummary } from '../../core/forms/summary';
import { pickText } from '../../core/i18n/localized';
import { hasRole } from '../../core/records/user';
import { FlashMessage } from '../components/FlashMessage';
import { SubmissionRow } from '../components/SubmissionRow';
import { useLatestForms } from '../hooks/useLatestForms';
import { usePeople } from '../hooks/usePeople';
import { useReviewStatuses } from '../hooks/useReviewStatuses';
import { useSignedIn } from '../hooks/useSignedIn';
import { useSubmissionsPage } from '../hooks/useSubmissionsPage';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';

const PAGE_SIZE = 50;

/** `#/submissions`: finalized submissions, newest first, 50 per page, mine and pulled ones. */
export function Submissions() {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const [page, setPage] = useState(0);
  const data = useSubmissionsPage(page, PAGE_SIZE);
  const forms = useLatestForms();
  const people = usePeople();
  const reviews = useReviewStatuses(data?.rows.map((r) => r.id) ?? []);
  // Form ids are each project's own: the title is that of the submission's project's form.
  const byKey = new Map((forms ?? []).map((f) => [projectFormKey(f.projectId, f.formId), f]));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <main id="main" className="page">
      <h1>{t('subs.title')}</h1>
      {hasRole(session.user.role, 'supervisor') ? (
        <p>
          <a href={hrefOf({ name: 'conflicts' })}>{t('conflicts.title')}</a>
        </p>
      ) : null}
      <FlashMessage />
      {!data ? (
        <p>{t('app.loading')}</p>
      ) : data.total === 0 ? (
        <p className="empty">{t('subs.empty')}</p>
      ) : (
        <>
          <p className="lead">{t('subs.count', { count: data.total })}</p>
          <ul className="card-list">
            {data.rows.map((row) => {
              const form = byKey.get(projectFormKey(row.projectId, row.formId));
              return (
                <SubmissionRow
                  key={row.id}
                  row={row}
                  title={
                    form ? pickText(form.definition.title, lang) : t('subs.unknownForm', { id: row.formId })
                  }
                  summary={form ? submissionSummary(form.definition, row.data) : ''}
                  userId={session.user.id}
                  reviewStatus={reviews.get(row.id) ?? null}
                  people={people}
                />
              );
            })}
          </ul>
          {pages > 1 ? (
            <nav className="pager" aria-label={t('subs.page', { page: page + 1, pages })}>
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('subs.previous')}
              </button>
              <span>{t('subs.page', { page: page + 1, pages })}</span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                {t('subs.next')}
              </button>
            </nav>
          ) : null}
        </>
      )}
    </main>
  );
}
