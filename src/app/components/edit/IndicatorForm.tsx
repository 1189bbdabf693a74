import { useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { allQuestions } from '../../../core/forms/definition';
import { pickText } from '../../../core/i18n/localized';
import type { FormRecord, IndicatorRecord } from '../../db/schema';
import { useSaveIndicator } from '../../hooks/useSaveIndicator';
import { useSignedIn } from '../../hooks/useSignedIn';
import { useT } from '../../i18n/useT';
import { indicatorProblems } from '../../repositories/indicatorEdits';
import { EditInvalidError } from '../../repositories/mergedEdit';
import { EditActions, Field, FieldError, invalidProps } from './EditParts';
import { indicatorChangeOf, indicatorFormValues, type IndicatorFormValues } from './indicatorFormValues';
import { DisaggregationsList, TargetsList } from './IndicatorLists';
import { problemResolver, showProblems } from './problemResolver';

/**
 * Creates (no `indicator`) or edits an indicator of `projectId`: what it measures, its baseline and targets,
 * and, optionally, how its values are computed from one of the project's forms (src/core/indicators/compute.ts).
 */
export function IndicatorForm({
  projectId,
  indicator: opened,
  forms,
  cancelHref,
  onDone,
}: {
  projectId: string;
  indicator: IndicatorRecord | undefined;
  forms: FormRecord[];
  cancelHref: string;
  onDone: (saved: IndicatorRecord) => void;
}) {
  // The record as the form opened it: what the form shows, and what a save compares with (a pull may
  // bring a colleague's edit meanwhile: it is not written back over).
  const [indicator] = useState(opened);
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const save = useSaveIndicator();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<IndicatorFormValues>({
    resolver: problemResolver((v) => indicatorProblems(indicatorChangeOf(v, indicator), session.user.role)),
    defaultValues: indicatorFormValues(indicator),
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const errors = formState.errors;
  const [formId, aggregate] = useWatch({ control, name: ['computation.formId', 'computation.aggregate'] });
  const computedFrom = forms.find((f) => f.formId === formId);
  const fieldNames = computedFrom ? allQuestions(computedFrom.definition).map((q) => q.name) : [];
  const onSubmit = async (values: IndicatorFormValues) => {
    setFailure(null);
    try {
      onDone(await save(projectId, indicator?.id ?? null, indicatorChangeOf(values, indicator), indicator));
    } catch (error) {
      if (!(error instanceof EditInvalidError))
        setFailure(error instanceof Error ? error.message : String(error));
      else showProblems(setError, error.problems);
    }
  };
  return (
    <FormProvider {...form}>
      <form className="edit-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
        <Field label={t('edit.ind.code')} errors={errors} path="code">
          <input placeholder="R1.1" {...register('code')} {...invalidProps(errors, 'code')} />
        </Field>
        <Field label={t('edit.title.fr')} errors={errors} path="title.fr">
          <input {...register('title.fr')} {...invalidProps(errors, 'title.fr')} />
        </Field>
        <Field label={t('edit.title.en')} errors={errors} path="title.en">
          <input {...register('title.en')} {...invalidProps(errors, 'title.fr')} />
        </Field>
        <Field label={t('edit.ind.unit')} errors={errors} path="unit">
          <input placeholder="ménages" {...register('unit')} {...invalidProps(errors, 'unit')} />
        </Field>
        <Field label={t('edit.ind.measure')} errors={errors} path="measure">
          <select {...register('measure')}>
            <option value="unit">{t('edit.ind.measure.unit')}</option>
            <option value="percentage">{t('edit.ind.measure.percentage')}</option>
          </select>
        </Field>
        <Field label={t('edit.ind.direction')} errors={errors} path="direction">
          <select {...register('direction')}>
            <option value="increase">{t('edit.ind.direction.increase')}</option>
            <option value="decrease">{t('edit.ind.direction.decrease')}</option>
          </select>
        </Field>
        <fieldset className="edit-list">
          <legend>{t('edit.ind.baseline')}</legend>
          <div className="edit-item">
            <Field label={t('edit.ind.baselineYear')} errors={errors} path="baseline.year">
              <input
                inputMode="numeric"
                {...register('baseline.year')}
                {...invalidProps(errors, 'baseline.year')}
              />
            </Field>
            <Field label={t('ind.value')} errors={errors} path="baseline.value">
              <input
                inputMode="decimal"
                {...register('baseline.value')}
                {...invalidProps(errors, 'baseline.value')}
              />
            </Field>
          </div>
          <FieldError errors={errors} path="baseline" />
        </fieldset>
        <TargetsList />
        <DisaggregationsList />
        <fieldset className="edit-list">
          <legend>{t('edit.ind.computation')}</legend>
          <Field label={t('edit.ind.form')} errors={errors} path="computation.formId">
            <select {...register('computation.formId')} {...invalidProps(errors, 'computation.formId')}>
              <option value="">{t('edit.ind.byHand')}</option>
              {forms.map((f) => (
                <option key={f.formId} value={f.formId}>
                  {pickText(f.definition.title, lang)}
                </option>
              ))}
              {/* A form not (or no longer) on this device stays chosen. */}
              {formId && !computedFrom ? <option value={formId}>{formId}</option> : null}
            </select>
          </Field>
          {formId ? (
            <>
              <Field label={t('edit.ind.aggregate')} errors={errors} path="computation.aggregate">
                <select {...register('computation.aggregate')}>
                  <option value="count">{t('edit.ind.aggregate.count')}</option>
                  <option value="sum">{t('edit.ind.aggregate.sum')}</option>
                  <option value="average">{t('edit.ind.aggregate.average')}</option>
                </select>
              </Field>
              {aggregate !== 'count' ? (
                <Field label={t('edit.ind.field')} errors={errors} path="computation.field">
                  <input
                    list="edit-form-fields"
                    {...register('computation.field')}
                    {...invalidProps(errors, 'computation.field')}
                  />
                </Field>
              ) : null}
              <Field label={t('edit.ind.filter')} errors={errors} path="computation.filter">
                <textarea
                  placeholder="${village} = 'gao'"
                  {...register('computation.filter')}
                  {...invalidProps(errors, 'computation.filter')}
                />
              </Field>
              <Field label={t('edit.ind.dateField')} errors={errors} path="computation.dateField">
                <input
                  list="edit-form-fields"
                  {...register('computation.dateField')}
                  {...invalidProps(errors, 'computation.dateField')}
                />
              </Field>
            </>
          ) : null}
        </fieldset>
        <datalist id="edit-form-fields">
          {fieldNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <EditActions
          errors={errors}
          failure={failure}
          submitting={formState.isSubmitting}
          cancelHref={cancelHref}
        />
      </form>
    </FormProvider>
  );
}
