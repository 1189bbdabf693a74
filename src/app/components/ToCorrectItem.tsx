import { useState } from 'react';
import { allQuestions, type FormDefinition } from '../../core/forms/definition';
import { submissionSummary } from '../../core/forms/summary';
import { pickText } from '../../core/i18n/localized';
import { useStartCorrection } from '../hooks/useStartCorrection';
import { dateTime } from '../i18n/format';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';
import type { Person } from '../repositories/members';
import type { ToCorrect } from '../repositories/toCorrect';
import { hrefOf, navigate } from '../state/router';
import { personText } from './personText';
import { ReviewBadge } from './ReviewBadge';

/**
 * One submission a reviewer sent back: what it is, the reviewer's comment and question comments (by the
 * questions' labels), and "Correct", which opens the correction draft (a new version replacing this one,
 * so the review and the correction stay linked: the reviewer finds the new version in their queue).
 */
export function ToCorrectItem({
  item,
  form,
  people,
}: {
  item: ToCorrect;
  /** The latest version of the submission's form, for its title and question labels. */
  form: FormDefinition | undefined;
  people: ReadonlyMap<string, Person>;
}) {
  const { t, lang } = useT();
  const start = useStartCorrection();
  const [failure, setFailure] = useState<string | null>(null);
  const { submission, review } = item;
  const title = form ? pickText(form.title, lang) : t('subs.unknownForm', { id: submission.formId });
  const summary = form ? submissionSummary(form, submission.data) : '';
  const labelOf = (name: string) => {
    const question = form ? allQuestions(form).find((q) => q.name === name) : undefined;
    return (question && pickText(question.label, lang)) || name;
  };
  const reviewer = personText(review.reviewedBy, people, t);
  const comments = Object.entries(review.fieldComments).filter(([, text]) => text.trim() !== '');

  const correct = async () => {
    setFailure(null);
    try {
      const draft = await start(submission.id);
      navigate({ name: 'draft', id: draft.id });
    } catch (error) {
      setFailure(t('fix.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <li className="card to-correct" data-submission={submission.id}>
      <div className="card-text">
        <a className="card-title" href={hrefOf({ name: 'submission', id: submission.id })}>
          {summary ? `${summary} — ${title}` : title}
        </a>
        <span className="card-meta">
          {t('subs.finalizedAt', { date: dateTime(submission.finalizedAt, lang) })}
        </span>
        {review.comment.trim() ? (
          <p className="review-comment">{t('fix.comment', { name: reviewer, text: review.comment })}</p>
        ) : (
          <p className="card-meta">{t('people.by', { name: reviewer })}</p>
        )}
        {comments.length > 0 ? (
          <ul className="field-comments">
            {comments.map(([name, text]) => (
              <li key={name}>{t('fix.fieldComment', { field: labelOf(name), text })}</li>
            ))}
          </ul>
        ) : null}
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
      <div className="card-actions">
        <ReviewBadge status={review.status} />
        <button type="button" className="button-primary" onClick={() => void correct()}>
          {t('fix.correct')}
        </button>
      </div>
    </li>
  );
}
