import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { OrganisationRecord } from '../../db/schema';
import { useFlowActions } from '../../hooks/useFlowActions';
import { useSignedIn } from '../../hooks/useSignedIn';
import { useT } from '../../i18n/useT';
import { flowProblems, type FlowTable } from '../../repositories/flows';
import { EditInvalidError } from '../../repositories/mergedEdit';
import type { MergedRow } from '../../sync/mergedRows';
import { DateField } from '../edit/DateField';
import { Field, FieldError, invalidProps } from '../edit/EditParts';
import { problemResolver, showProblems } from '../edit/problemResolver';
import { changeOf, FLOW_FIELDS, formValuesOf, type FlowFormValues } from './flowFields';

/**
 * Adds (no `record`) or edits a transaction, a planned disbursement or an exchange rate. The checks are the
 * repository's (flows.ts), which run the sync's write schema: what the server would refuse shows beside
 * its field before anything is written.
 */
export function FlowForm({
  table,
  projectId,
  record: opened,
  organisations,
  legend,
  onDone,
}: {
  table: FlowTable;
  projectId: string;
  record: MergedRow | undefined;
  organisations: readonly OrganisationRecord[];
  legend: string;
  onDone: () => void;
}) {
  // The record as the form opened it: a save writes only what the user changed from it.
  const [record] = useState(opened);
  const { t } = useT();
  const { session } = useSignedIn();
  const { save } = useFlowActions();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<FlowFormValues>({
    resolver: problemResolver((v) => flowProblems(table, changeOf(table, v), session.user.role)),
    defaultValues: formValuesOf(table, record),
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const errors = formState.errors;
  const onSubmit = async (values: FlowFormValues) => {
    setFailure(null);
    try {
      await save(table, projectId, record?.id ?? null, changeOf(table, values), record);
      onDone();
    } catch (error) {
      if (error instanceof EditInvalidError) showProblems(setError, error.problems);
      else setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="edit-form flow-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <fieldset>
        <legend>{legend}</legend>
        {FLOW_FIELDS[table].map((field) => {
          const { name } = field;
          if (field.kind === 'date')
            return (
              <DateField
                key={name}
                label={t(field.label)}
                control={control}
                name={name}
                aria={invalidProps(errors, name)}
              >
                <FieldError errors={errors} path={name} />
              </DateField>
            );
          let input;
          if (field.kind === 'select' || field.kind === 'org')
            input = (
              <select {...register(name)} {...invalidProps(errors, name)}>
                {field.kind === 'org' ? <option value="">{t('flows.field.noOrg')}</option> : null}
                {field.kind === 'org'
                  ? organisations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.acronym ? `${o.acronym} — ${o.name}` : o.name}
                      </option>
                    ))
                  : field.options?.map(([value, label]) => (
                      <option key={value} value={value}>
                        {`${value} — ${t(label)}`}
                      </option>
                    ))}
              </select>
            );
          else if (field.kind === 'textarea')
            input = <textarea rows={2} {...register(name)} {...invalidProps(errors, name)} />;
          else
            input = (
              <input
                {...register(name)}
                {...invalidProps(errors, name)}
                readOnly={field.identity && record !== undefined}
                inputMode={field.kind === 'amount' ? 'decimal' : undefined}
                autoCapitalize={field.kind === 'currency' ? 'characters' : undefined}
                maxLength={field.kind === 'currency' ? 3 : undefined}
              />
            );
          return (
            <Field key={name} label={t(field.label)} errors={errors} path={name}>
              {input}
            </Field>
          );
        })}
      </fieldset>
      <FieldError errors={errors} path="form" />
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={formState.isSubmitting}>
          {t('edit.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
