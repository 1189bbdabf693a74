import { useState } from 'react';
import { allQuestions } from '../../core/forms/definition';
import { submissionSummary } from '../../core/forms/summary';
import { pickText } from '../../core/i18n/localized';
import { canCorrect } from '../components/correctionRights';
import { ReviewHistory } from '../components/ReviewHistory';
import { ReviewPanel } from '../components/ReviewPanel';
import { personText } from '../components/personText';
import { CorrectedReview } from '../components/reading/CorrectedReview';
import { SubmissionAnswers } from '../components/reading/SubmissionAnswers';
import { VersionHistory } from '../components/VersionHistory';
import { useFormVersion } from '../hooks/useFormVersion';
import { usePeople } from '../hooks/usePeople';
import { useReview } from '../hooks/useReview';
import { useReviewHistory } from '../hooks/useReviewHistory';
import { useSignedIn } from '../hooks/useSignedIn';
import { useStartCorrection } from '../hooks/useStartCorrection';
import { useSubmissionVersions } from '../hooks/useSubmissionVersions';
import { dateTime } from '../i18n/format';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import { hrefOf, navigate } from '../state/router';

/**
 * `#/submissions/:id`: one version of a submission, read-only, with its history and, for who may, "Edit":
 * a correction draft on the same form version that becomes a new version when finalized.
 */
export function SubmissionDetail({ id }: { id: string }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const versions = useSubmissionVersions(id);
  const shown = versions?.find((v) => v.record.id === id);
  const form = useFormVersion(shown?.record.projectId, shown?.record.formId, shown?.record.formVersion);
  const history = useReviewHistory('submissions', [id]);
  const review = useReview(id);
  const people = usePeople();
  const start = useStartCorrection();
  const [opening, setOpening] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (!versions) {
    return (
      <main id="main" className="page">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  if (!shown) {
    return (
      <main id="main" className="page">
        <h1>{t('versions.title')}</h1>
        <p className="alert alert-error" role="alert">
          {t('versions.notFound')}
        </p>
        <a href={hrefOf({ name: 'submissions' })}>{t('versions.back')}</a>
      </main>
    );
  }

  const { record, state } = shown;
  const current = versions.find((v) => v.state === 'current');
  const title = form ? pickText(form.definition.title, lang) : t('subs.unknownForm', { id: record.formId });
  const summary = form ? submissionSummary(form.definition, record.data) : '';
  const editable = canCorrect(session.user, shown, versions);
  const questionLabel = (name: string) => {
    const question = form ? allQuestions(form.definition).find((q) => q.name === name) : undefined;
    return (question && pickText(question.label, lang)) || name;
  };

  const edit = async () => {
    setOpening(true);
    setFailure(null);
    try {
      const draft = await start(record.id);
      navigate({ name: 'draft', id: draft.id });
    } catch (error) {
      setFailure(
        t('versions.editError', { message: error instanceof Error ? error.message : String(error) }),
      );
      setOpening(false);
    }
  };

  return (
    <main id="main" className="page">
      <h1>{summary ? `${summary} — ${title}` : title}</h1>
      <p className="card-meta">
        {t('subs.finalizedAt', { date: dateTime(record.finalizedAt, lang) })} ·{' '}
        {record.createdBy === session.user.id
          ? t('subs.byYou')
          : t('people.by', { name: personText(record.createdBy, people, t) })}{' '}
        · <span className={`badge badge-version-${state}`}>{t(`versions.state.${state}`)}</span>
      </p>
      {state === 'superseded' || state === 'conflicting' ? (
        <p className="alert alert-warning">
          {t(state === 'superseded' ? 'versions.supersededNote' : 'versions.conflictingNote')}{' '}
          {current ? (
            <a href={hrefOf({ name: 'submission', id: current.record.id })}>{t('versions.showCurrent')}</a>
          ) : null}
        </p>
      ) : record.versionConflicts ? (
        <p className="alert alert-warning">
          {t('versions.conflictNote', { count: record.versionConflicts })}
        </p>
      ) : null}
      {editable && form ? (
        <div>
          <button
            type="button"
            className="button-primary"
            disabled={opening}
            aria-describedby="edit-hint"
            onClick={() => void edit()}
          >
            {opening ? t('app.loading') : t('versions.edit')}
          </button>
          <p className="hint" id="edit-hint">
            {t('versions.editHint')}
          </p>
        </div>
      ) : null}
      {editable && form === null ? (
        <p className="alert alert-warning">{t('versions.formMissing', { version: record.formVersion })}</p>
      ) : null}
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
      {record.replaces !== null ? <CorrectedReview replaces={record.replaces} people={people} /> : null}
      <h2>{t('versions.answers')}</h2>
      <SubmissionAnswers
        answers={record.data}
        form={form?.definition}
        fieldComments={review && !review.deleted ? review.fieldComments : {}}
      />
      <ReviewPanel submission={record} role={session.user.role} questionLabel={questionLabel} />
      {history && history.length > 0 ? (
        <section aria-labelledby="review-history-title">
          <h3 id="review-history-title">{t('history.title')}</h3>
          <ReviewHistory entries={history} questionLabel={questionLabel} />
        </section>
      ) : null}
      {versions.length > 1 ? (
        <VersionHistory versions={versions} shownId={record.id} userId={session.user.id} />
      ) : null}
      <p>
        <a href={hrefOf({ name: 'submissions' })}>{t('versions.back')}</a>
      </p>
    </main>
  );
}
