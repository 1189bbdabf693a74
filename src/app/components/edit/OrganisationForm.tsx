import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../core/records/iatiCodes';
import { CONTACT_FIELDS, type ContactField } from '../../../core/records/organisation';
import type { OrganisationRecord } from '../../db/schema';
import { useSaveOrganisation } from '../../hooks/useSaveOrganisation';
import { useSignedIn } from '../../hooks/useSignedIn';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';
import { EditInvalidError } from '../../repositories/mergedEdit';
import { organisationProblems, type OrganisationChange } from '../../repositories/organisationEdits';
import { EditActions, Field, invalidProps } from './EditParts';
import { orNull } from './formValues';
import { problemResolver, showProblems } from './problemResolver';

interface Values extends Record<ContactField, string> {
  name: string;
  acronym: string;
  iatiId: string;
  type: OrganisationType;
}

const changeOf = (v: Values): OrganisationChange => ({
  name: v.name.trim(),
  acronym: v.acronym.trim(),
  iatiId: orNull(v.iatiId),
  type: v.type,
  ...contactOf((f) => v[f].trim()),
});

const contactOf = (value: (field: ContactField) => string) =>
  Object.fromEntries(CONTACT_FIELDS.map((f) => [f, value(f)])) as Record<ContactField, string>;

/**
 * How each contact part is typed: the input type brings the right keyboard on a phone (the form is
 * `noValidate`: our messages, not the browser's, say what is wrong); no autofill, which would offer the
 * user's own address for the organisation's.
 */
const CONTACT_INPUTS: Record<ContactField, 'text' | 'email' | 'tel' | 'url' | 'textarea'> = {
  contactPerson: 'text',
  contactJobTitle: 'text',
  contactDepartment: 'text',
  contactEmail: 'email',
  contactTelephone: 'tel',
  contactWebsite: 'url',
  contactAddress: 'textarea',
};

/** Creates (no `organisation`) or edits an organisation; `onDone` after a save (or a cancel). */
export function OrganisationForm({
  organisation: opened,
  cancelHref,
  onDone,
}: {
  organisation: OrganisationRecord | undefined;
  cancelHref: string;
  onDone: (saved: OrganisationRecord) => void;
}) {
  // The record as the form opened it: what the form shows, and what a save compares with (a pull may
  // bring a colleague's edit meanwhile: it is not written back over).
  const [organisation] = useState(opened);
  const { t } = useT();
  const { session } = useSignedIn();
  const save = useSaveOrganisation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values>({
    resolver: problemResolver((v) => organisationProblems(changeOf(v), session.user.role)),
    defaultValues: {
      name: organisation?.name ?? '',
      acronym: organisation?.acronym ?? '',
      iatiId: organisation?.iatiId ?? '',
      type: organisation?.type ?? '22',
      // A record stored before organisations had a contact has none of these fields.
      ...contactOf((f) => organisation?.[f] ?? ''),
    },
  });
  const errors = formState.errors;
  const onSubmit = async (values: Values) => {
    setFailure(null);
    try {
      onDone(await save(organisation?.id ?? null, changeOf(values), organisation));
    } catch (error) {
      if (!(error instanceof EditInvalidError))
        setFailure(error instanceof Error ? error.message : String(error));
      else showProblems(setError, error.problems);
    }
  };
  return (
    <form className="edit-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <h2>{organisation ? t('edit.org.edit') : t('edit.org.new')}</h2>
      {organisation && session.user.role !== 'admin' ? (
        // What the device cannot know: the other projects that name it, and who created it.
        <p className="card-meta">{t('edit.org.sharedNote')}</p>
      ) : null}
      <Field label={t('edit.org.name')} errors={errors} path="name">
        <input {...register('name')} {...invalidProps(errors, 'name')} />
      </Field>
      <Field label={t('edit.org.acronym')} errors={errors} path="acronym">
        <input {...register('acronym')} {...invalidProps(errors, 'acronym')} />
      </Field>
      <Field label={t('edit.org.iatiId')} errors={errors} path="iatiId">
        <input placeholder="ML-NIF-123456" {...register('iatiId')} {...invalidProps(errors, 'iatiId')} />
      </Field>
      <Field label={t('edit.org.type')} errors={errors} path="type">
        <select {...register('type')}>
          {ORGANISATION_TYPES.map((code) => (
            <option key={code} value={code}>
              {t(`org.type.${code}` as MessageKey)} ({code})
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="edit-list">
        <legend>{t('edit.org.contact')}</legend>
        <p className="card-meta">{t('edit.org.contactNote')}</p>
        {CONTACT_FIELDS.map((f) => (
          <Field key={f} label={t(`edit.org.${f}`)} errors={errors} path={f}>
            {CONTACT_INPUTS[f] === 'textarea' ? (
              <textarea rows={3} autoComplete="off" {...register(f)} {...invalidProps(errors, f)} />
            ) : (
              <input
                type={CONTACT_INPUTS[f]}
                autoComplete="off"
                {...register(f)}
                {...invalidProps(errors, f)}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <EditActions
        errors={errors}
        failure={failure}
        submitting={formState.isSubmitting}
        cancelHref={cancelHref}
      />
    </form>
  );
}
