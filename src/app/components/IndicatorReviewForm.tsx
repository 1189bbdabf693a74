import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { ReviewStatus } from '../../core/records/review';
import type { IndicatorValueRecord } from '../db/schema';
import { useSaveIndicatorValue } from '../hooks/useSaveIndicatorValue';
import { useSignedIn } from '../hooks/useSignedIn';
import '../i18n/coordinationStrings';
import '../i18n/pageStrings';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { IndicatorFormActions } from './IndicatorFormActions';
import { reviewActions } from './reviewActions';
import { IndicatorValueInvalidError, indicatorValueProblems } from '../repositories/indicatorValues';

interface ReviewEntry {
  status: ReviewStatus | '';
  comment: string;
}

/**
 * The review of one value: focal points mark it verified or flag issues (with a comment saying which),
 * supervisors also approve or reject, and reopen a decision (back to "not verified"). Only the moves the
 * review state machine allows from the value's status are offered (src/core/records/reviewTransitions.ts);
 * the page opens this form only when there is one (`mayReview`). Saved on the value's record (its review
 * fields merge like the value).
 */
export function IndicatorReviewForm({ value, onDone }: { value: IndicatorValueRecord; onDone: () => void }) {
  const { t } = useT();
  const { session } = useSignedIn();
  const save = useSaveIndicatorValue();
  const [failure, setFailure] = useState<string | null>(null);
  const role = session.user.role;
  const current = value.reviewStatus;
  // "Not verified" is a choice only as a supervisor's reopening of a decision.
  const { statuses, reopen } = reviewActions(role, current);
  const identity = {
    indicatorId: value.indicatorId,
    projectId: value.projectId,
    periodStart: value.periodStart,
    periodEnd: value.periodEnd,
    categories: value.categories,
  };
  const resolver: Resolver<ReviewEntry> = (values) => {
    if (values.status === '' && !reopen)
      return { values: {}, errors: { status: { type: 'required', message: 'ind.error.reviewStatus' } } };
    const problems = indicatorValueProblems(
      identity,
      { reviewStatus: values.status || null, reviewComment: values.comment },
      role,
    );
    const errors: Record<string, { type: string; message: string }> = {};
    if (problems.reviewStatus) errors.status = { type: 'validate', message: problems.reviewStatus };
    if (problems.comment) errors.comment = { type: 'validate', message: problems.comment };
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
  const { register, handleSubmit, formState } = useForm<ReviewEntry>({
    resolver,
    defaultValues: { status: value.reviewStatus ?? '', comment: value.reviewComment },
  });
  const errors = formState.errors;
  const onSubmit = async (entry: ReviewEntry) => {
    setFailure(null);
    try {
      await save(identity, { reviewStatus: entry.status || null, reviewComment: entry.comment });
      onDone();
    } catch (error) {
      setFailure(
        error instanceof IndicatorValueInvalidError
          ? t(Object.values(error.problems)[0] as MessageKey)
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }
  };
  return (
    <form className="indicator-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <label>
        {t('ind.reviewStatus')}
        <select aria-invalid={errors.status ? true : undefined} {...register('status')}>
          {current === null || reopen ? (
            <option value="">{reopen ? t('ind.reopen') : t('ind.notReviewed')}</option>
          ) : null}
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`review.status.${s}`)}
            </option>
          ))}
        </select>
        {errors.status?.message ? (
          <span className="field-error" role="alert">
            {t(errors.status.message as MessageKey)}
          </span>
        ) : null}
      </label>
      <label>
        {t('ind.reviewComment')}
        <textarea aria-invalid={errors.comment ? true : undefined} {...register('comment')} />
        {errors.comment?.message ? (
          <span className="field-error" role="alert">
            {t(errors.comment.message as MessageKey)}
          </span>
        ) : null}
      </label>
      <IndicatorFormActions failure={failure} submitting={formState.isSubmitting} onDone={onDone} />
    </form>
  );
}
