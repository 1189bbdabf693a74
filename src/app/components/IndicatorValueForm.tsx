import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { pickText } from '../../core/i18n/localized';
import type { IndicatorRecord } from '../db/schema';
import { useSaveIndicatorValue } from '../hooks/useSaveIndicatorValue';
import { useSignedIn } from '../hooks/useSignedIn';
import '../i18n/coordinationStrings';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { DateField } from './edit/DateField';
import { IndicatorFormActions } from './IndicatorFormActions';
import {
  IndicatorValueInvalidError,
  indicatorValueProblems,
  type IndicatorValueIdentity,
  type IndicatorValueProblems,
} from '../repositories/indicatorValues';

interface Entry {
  periodStart: string;
  periodEnd: string;
  /** One select per disaggregation; '' is the total. */
  categories: Record<string, string>;
  /** As typed: a decimal comma is accepted (French keyboards). */
  value: string;
  comment: string;
}

function identityOf(indicator: IndicatorRecord, entry: Entry): IndicatorValueIdentity {
  const categories = Object.fromEntries(Object.entries(entry.categories).filter(([, code]) => code !== ''));
  return {
    indicatorId: indicator.id,
    projectId: indicator.projectId,
    periodStart: entry.periodStart,
    periodEnd: entry.periodEnd,
    categories,
  };
}

function numberOf(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** Where each problem is shown: a period problem goes under its end, a comment problem under the comment. */
const FIELD_OF: Record<keyof IndicatorValueProblems, keyof Entry> = {
  period: 'periodEnd',
  value: 'value',
  comment: 'comment',
  reviewStatus: 'value',
};

function errorsOf(problems: IndicatorValueProblems) {
  const errors: Record<string, { type: string; message: string }> = {};
  for (const [key, message] of Object.entries(problems) as [keyof IndicatorValueProblems, string][])
    errors[FIELD_OF[key]] = { type: 'validate', message };
  return errors;
}

/**
 * A focal point enters a value by hand for a period (and a category). The same rules as the repository
 * (indicatorValueProblems, zod) run as react-hook-form's resolver, so errors show beside their fields
 * before anything is written.
 */
export function IndicatorValueForm({
  indicator,
  period,
  onDone,
}: {
  indicator: IndicatorRecord;
  period: { start: string; end: string } | null;
  onDone: () => void;
}) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const save = useSaveIndicatorValue();
  const [failure, setFailure] = useState<string | null>(null);
  const role = session.user.role;
  const resolver: Resolver<Entry> = (values) => {
    const problems = indicatorValueProblems(
      identityOf(indicator, values),
      { value: numberOf(values.value), comment: values.comment },
      role,
    );
    const errors = errorsOf(problems);
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
  const { register, handleSubmit, formState, setError, control } = useForm<Entry>({
    resolver,
    defaultValues: {
      periodStart: period?.start ?? '',
      periodEnd: period?.end ?? '',
      categories: Object.fromEntries(indicator.disaggregations.map((d) => [d.name, ''])),
      value: '',
      comment: '',
    },
  });
  const errors = formState.errors;
  const message = (name: keyof Entry) => {
    const error = errors[name] as { message?: string } | undefined;
    return error?.message ? (
      <span className="field-error" role="alert" id={`ind-${name}-error`}>
        {t(error.message as MessageKey)}
      </span>
    ) : null;
  };
  const onSubmit = async (entry: Entry) => {
    setFailure(null);
    try {
      await save(identityOf(indicator, entry), { value: numberOf(entry.value), comment: entry.comment });
      onDone();
    } catch (error) {
      if (error instanceof IndicatorValueInvalidError)
        for (const [name, e] of Object.entries(errorsOf(error.problems))) setError(name as keyof Entry, e);
      else setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="indicator-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <h3>{t('ind.enter')}</h3>
      <DateField label={t('ind.periodStart')} control={control} name="periodStart" />
      <DateField
        label={t('ind.periodEnd')}
        control={control}
        name="periodEnd"
        aria={errors.periodEnd ? { 'aria-invalid': true, 'aria-describedby': 'ind-periodEnd-error' } : {}}
      >
        {message('periodEnd')}
      </DateField>
      {indicator.disaggregations.map((d) => (
        <label key={d.name}>
          {t('ind.category', { name: pickText(d.label, lang) })}
          <select {...register(`categories.${d.name}`)}>
            <option value="">{t('ind.total')}</option>
            {d.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {pickText(c.label, lang)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        {t('ind.value')}
        <input inputMode="decimal" aria-invalid={errors.value ? true : undefined} {...register('value')} />
        {message('value')}
      </label>
      <label>
        {t('ind.comment')}
        <textarea aria-invalid={errors.comment ? true : undefined} {...register('comment')} />
        {message('comment')}
      </label>
      <IndicatorFormActions failure={failure} submitting={formState.isSubmitting} onDone={onDone} />
    </form>
  );
}
