import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT } from '../../i18n/useT';
import { DateField } from './DateField';
import { Field, FieldError, invalidProps, ListFieldset, ListItem } from './EditParts';
import type { IndicatorFormValues } from './indicatorFormValues';

/** The lists of the indicator form: targets per period, and disaggregations with their categories. */

export function TargetsList() {
  const { t } = useT();
  const { control, register, formState } = useFormContext<IndicatorFormValues>();
  const list = useFieldArray({ control, name: 'targets' });
  const errors = formState.errors;
  return (
    <ListFieldset
      legend={t('edit.ind.targets')}
      addLabel={t('edit.ind.addTarget')}
      onAdd={() => list.append({ period: { start: '', end: '' }, value: '' })}
      errors={errors}
      path="targets"
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <DateField
            label={t('edit.periodStart')}
            control={control}
            name={`targets.${i}.period.start`}
            aria={invalidProps(errors, `targets.${i}.period.start`)}
          >
            <FieldError errors={errors} path={`targets.${i}.period.start`} />
          </DateField>
          <DateField
            label={t('edit.periodEnd')}
            control={control}
            name={`targets.${i}.period.end`}
            aria={invalidProps(errors, `targets.${i}.period.end`)}
          >
            <FieldError errors={errors} path={`targets.${i}.period.end`} />
          </DateField>
          <Field label={t('ind.target')} errors={errors} path={`targets.${i}.value`}>
            <input
              inputMode="decimal"
              {...register(`targets.${i}.value`)}
              {...invalidProps(errors, `targets.${i}.value`)}
            />
          </Field>
        </ListItem>
      ))}
    </ListFieldset>
  );
}

function CategoriesList({ index }: { index: number }) {
  const { t } = useT();
  const { control, register, formState } = useFormContext<IndicatorFormValues>();
  const list = useFieldArray({ control, name: `disaggregations.${index}.categories` });
  const errors = formState.errors;
  const base = `disaggregations.${index}.categories` as const;
  return (
    <ListFieldset
      legend={t('edit.ind.categories')}
      addLabel={t('edit.ind.addCategory')}
      onAdd={() => list.append({ code: '', label: { fr: '', en: '' } })}
      errors={errors}
      path={base}
    >
      {list.fields.map((item, j) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(j)}>
          <Field label={t('edit.ind.categoryCode')} errors={errors} path={`${base}.${j}.code`}>
            <input {...register(`${base}.${j}.code`)} {...invalidProps(errors, `${base}.${j}.code`)} />
          </Field>
          <Field label={t('edit.label.fr')} errors={errors} path={`${base}.${j}.label.fr`}>
            <input
              {...register(`${base}.${j}.label.fr`)}
              {...invalidProps(errors, `${base}.${j}.label.fr`)}
            />
          </Field>
          <label>
            {t('edit.label.en')}
            <input {...register(`${base}.${j}.label.en`)} />
          </label>
        </ListItem>
      ))}
    </ListFieldset>
  );
}

export function DisaggregationsList() {
  const { t } = useT();
  const { control, register, formState } = useFormContext<IndicatorFormValues>();
  const list = useFieldArray({ control, name: 'disaggregations' });
  const errors = formState.errors;
  return (
    <ListFieldset
      legend={t('edit.ind.disaggregations')}
      addLabel={t('edit.ind.addDisaggregation')}
      onAdd={() => list.append({ name: '', label: { fr: '', en: '' }, field: '', categories: [] })}
      errors={errors}
      path="disaggregations"
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <Field label={t('edit.ind.dimension')} errors={errors} path={`disaggregations.${i}.name`}>
            <input
              placeholder="sexe"
              {...register(`disaggregations.${i}.name`)}
              {...invalidProps(errors, `disaggregations.${i}.name`)}
            />
          </Field>
          <Field label={t('edit.label.fr')} errors={errors} path={`disaggregations.${i}.label.fr`}>
            <input {...register(`disaggregations.${i}.label.fr`)} />
          </Field>
          <label>
            {t('edit.label.en')}
            <input {...register(`disaggregations.${i}.label.en`)} />
          </label>
          <Field label={t('edit.ind.categoryField')} errors={errors} path={`disaggregations.${i}.field`}>
            <input
              list="edit-form-fields"
              {...register(`disaggregations.${i}.field`)}
              {...invalidProps(errors, `disaggregations.${i}.field`)}
            />
          </Field>
          <CategoriesList index={i} />
          <FieldError errors={errors} path={`disaggregations.${i}`} />
        </ListItem>
      ))}
    </ListFieldset>
  );
}
