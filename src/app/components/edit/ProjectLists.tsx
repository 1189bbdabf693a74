import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { ORGANISATION_ROLES } from '../../../core/records/iatiCodes';
import type { OrganisationRecord } from '../../db/schema';
import { useT } from '../../i18n/useT';
import { DateField } from './DateField';
import { Field, FieldError, invalidProps, ListFieldset, ListItem } from './EditParts';
import { numberOf } from './formValues';
import type { ProjectFormValues } from './projectFormValues';

/** The lists of the project form (one merge field each: a list is replaced whole). */

/**
 * The organisations to choose from, and `current` too when this device does not hold it (a record not
 * pulled yet): the choice then stays as it was instead of going blank.
 */
export function OrganisationOptions({
  organisations,
  current,
}: {
  organisations: OrganisationRecord[];
  current: string;
}) {
  return (
    <>
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.acronym ? `${o.acronym} — ${o.name}` : o.name}
        </option>
      ))}
      {current && !organisations.some((o) => o.id === current) ? (
        <option value={current}>{current}</option>
      ) : null}
    </>
  );
}

export function ParticipatingOrgsList({ organisations }: { organisations: OrganisationRecord[] }) {
  const { t } = useT();
  const { control, register, formState } = useFormContext<ProjectFormValues>();
  const list = useFieldArray({ control, name: 'participatingOrgs' });
  const errors = formState.errors;
  return (
    <ListFieldset
      legend={t('proj.organisations')}
      addLabel={t('edit.proj.addOrg')}
      onAdd={() => list.append({ organisationId: '', role: '4' })}
      errors={errors}
      path="participatingOrgs"
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <Field
            label={t('proj.organisation')}
            errors={errors}
            path={`participatingOrgs.${i}.organisationId`}
          >
            <select
              {...register(`participatingOrgs.${i}.organisationId`)}
              {...invalidProps(errors, `participatingOrgs.${i}.organisationId`)}
            >
              <option value="">{t('edit.choose')}</option>
              <OrganisationOptions organisations={organisations} current={item.organisationId} />
            </select>
          </Field>
          <Field label={t('edit.proj.role')} errors={errors} path={`participatingOrgs.${i}.role`}>
            <select {...register(`participatingOrgs.${i}.role`)}>
              {ORGANISATION_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`proj.role.${role}`)}
                </option>
              ))}
            </select>
          </Field>
        </ListItem>
      ))}
    </ListFieldset>
  );
}

export function SectorsList() {
  const { t } = useT();
  const { control, register, formState } = useFormContext<ProjectFormValues>();
  const list = useFieldArray({ control, name: 'sectors' });
  const sectors = useWatch({ control, name: 'sectors' });
  const total = sectors.reduce((sum, s) => sum + (numberOf(s.percentage) || 0), 0);
  const errors = formState.errors;
  return (
    <ListFieldset
      legend={t('proj.sectors')}
      addLabel={t('edit.proj.addSector')}
      onAdd={() => list.append({ code: '', percentage: sectors.length === 0 ? '100' : '' })}
      errors={errors}
      path="sectors"
      // The message of a wrong total is checked again as the percentages are typed, not at the next save.
      showError={Math.abs(total - 100) > 1e-6}
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <Field label={t('edit.proj.sectorCode')} errors={errors} path={`sectors.${i}.code`}>
            <input
              inputMode="numeric"
              placeholder="31120"
              {...register(`sectors.${i}.code`)}
              {...invalidProps(errors, `sectors.${i}.code`)}
            />
          </Field>
          <Field label={t('edit.proj.percentage')} errors={errors} path={`sectors.${i}.percentage`}>
            <input
              inputMode="decimal"
              {...register(`sectors.${i}.percentage`)}
              {...invalidProps(errors, `sectors.${i}.percentage`)}
            />
          </Field>
        </ListItem>
      ))}
      {sectors.length > 0 ? (
        <p className="card-meta" role="status">
          {t('edit.proj.sectorTotal', { total: Math.round(total * 100) / 100 })}
        </p>
      ) : null}
    </ListFieldset>
  );
}

export function LocationsList() {
  const { t } = useT();
  const { control, register, formState } = useFormContext<ProjectFormValues>();
  const list = useFieldArray({ control, name: 'locations' });
  const errors = formState.errors;
  const input = (i: number, name: 'name' | 'adm1' | 'adm2' | 'adm3' | 'point.lat' | 'point.lon') => {
    const path = `locations.${i}.${name}` as const;
    return (
      <input
        inputMode={name.startsWith('point') ? 'decimal' : undefined}
        {...register(path)}
        {...invalidProps(errors, path)}
      />
    );
  };
  return (
    <ListFieldset
      legend={t('proj.locations')}
      addLabel={t('edit.proj.addLocation')}
      onAdd={() => list.append({ name: '', adm1: '', adm2: '', adm3: '', point: { lat: '', lon: '' } })}
      errors={errors}
      path="locations"
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <Field label={t('edit.proj.placeName')} errors={errors} path={`locations.${i}.name`}>
            {input(i, 'name')}
          </Field>
          {(['adm1', 'adm2', 'adm3'] as const).map((adm) => (
            <Field key={adm} label={t(`edit.proj.${adm}`)} errors={errors} path={`locations.${i}.${adm}`}>
              {input(i, adm)}
            </Field>
          ))}
          <Field label={t('edit.proj.lat')} errors={errors} path={`locations.${i}.point.lat`}>
            {input(i, 'point.lat')}
          </Field>
          <Field label={t('edit.proj.lon')} errors={errors} path={`locations.${i}.point.lon`}>
            {input(i, 'point.lon')}
          </Field>
        </ListItem>
      ))}
    </ListFieldset>
  );
}

export function BudgetsList() {
  const { t } = useT();
  const { control, register, formState } = useFormContext<ProjectFormValues>();
  const list = useFieldArray({ control, name: 'budgets' });
  const errors = formState.errors;
  return (
    <ListFieldset
      legend={t('proj.budgets')}
      addLabel={t('edit.proj.addBudget')}
      onAdd={() =>
        list.append({ periodStart: '', periodEnd: '', value: '', currency: 'XOF', type: 'original' })
      }
      errors={errors}
      path="budgets"
    >
      {list.fields.map((item, i) => (
        <ListItem key={item.id} removeLabel={t('edit.remove')} onRemove={() => list.remove(i)}>
          <Field label={t('edit.proj.amount')} errors={errors} path={`budgets.${i}.value`}>
            <input
              inputMode="decimal"
              {...register(`budgets.${i}.value`)}
              {...invalidProps(errors, `budgets.${i}.value`)}
            />
          </Field>
          <Field label={t('edit.proj.currency')} errors={errors} path={`budgets.${i}.currency`}>
            <input
              maxLength={3}
              {...register(`budgets.${i}.currency`)}
              {...invalidProps(errors, `budgets.${i}.currency`)}
            />
          </Field>
          <DateField
            label={t('edit.periodStart')}
            control={control}
            name={`budgets.${i}.periodStart`}
            aria={invalidProps(errors, `budgets.${i}.periodStart`)}
          >
            <FieldError errors={errors} path={`budgets.${i}.periodStart`} />
          </DateField>
          <DateField
            label={t('edit.periodEnd')}
            control={control}
            name={`budgets.${i}.periodEnd`}
            aria={invalidProps(errors, `budgets.${i}.periodEnd`)}
          >
            <FieldError errors={errors} path={`budgets.${i}.periodEnd`} />
          </DateField>
          <Field label={t('edit.proj.budgetType')} errors={errors} path={`budgets.${i}.type`}>
            <select {...register(`budgets.${i}.type`)}>
              <option value="original">{t('proj.budget.original')}</option>
              <option value="revised">{t('proj.budget.revised')}</option>
            </select>
          </Field>
        </ListItem>
      ))}
    </ListFieldset>
  );
}
