import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { PROJECT_STATUSES } from '../../../core/records/iatiCodes';
import type { OrganisationRecord, ProjectRecord } from '../../db/schema';
import { useSaveProject } from '../../hooks/useSaveProject';
import { useSignedIn } from '../../hooks/useSignedIn';
import { useT } from '../../i18n/useT';
import { EditInvalidError } from '../../repositories/mergedEdit';
import { projectProblems } from '../../repositories/projectEdits';
import { DateField } from './DateField';
import { EditActions, Field, FieldError, invalidProps } from './EditParts';
import { problemResolver, showProblems } from './problemResolver';
import {
  BudgetsList,
  LocationsList,
  OrganisationOptions,
  ParticipatingOrgsList,
  SectorsList,
} from './ProjectLists';
import { projectChangeOf, projectFormValues, type ProjectFormValues } from './projectFormValues';

const DATES = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;

/**
 * Creates (no `project`; admins) or edits a project: every field but its documents, which stay as they
 * are. Saving writes only the fields that changed (projectEdits.ts).
 */
export function ProjectForm({
  project: opened,
  organisations,
  cancelHref,
  onDone,
}: {
  project: ProjectRecord | undefined;
  organisations: OrganisationRecord[];
  cancelHref: string;
  onDone: (saved: ProjectRecord) => void;
}) {
  // The record as the form opened it: what the form shows, and what a save compares with (a pull may
  // bring a colleague's edit meanwhile: it is not written back over).
  const [project] = useState(opened);
  const { t } = useT();
  const { session } = useSignedIn();
  const save = useSaveProject();
  const [failure, setFailure] = useState<string | null>(null);
  const role = session.user.role;
  const form = useForm<ProjectFormValues>({
    resolver: problemResolver((v) => projectProblems(projectChangeOf(v, project), role, !project)),
    defaultValues: projectFormValues(project),
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const errors = formState.errors;
  const me = session.user;
  const focalPoint = project?.focalPointId;
  const onSubmit = async (values: ProjectFormValues) => {
    setFailure(null);
    try {
      onDone(await save(project?.id ?? null, projectChangeOf(values, project), project));
    } catch (error) {
      if (!(error instanceof EditInvalidError))
        setFailure(error instanceof Error ? error.message : String(error));
      else showProblems(setError, error.problems);
    }
  };
  const text = (name: 'title' | 'description', lang: 'fr' | 'en') => {
    const path = `${name}.${lang}` as const;
    const Input = name === 'title' ? 'input' : 'textarea';
    return (
      <Field label={t(`edit.${name}.${lang}`)} errors={errors} path={path}>
        <Input {...register(path)} {...invalidProps(errors, path)} />
      </Field>
    );
  };
  return (
    <FormProvider {...form}>
      <form className="edit-form" onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
        <Field label={t('edit.proj.code')} errors={errors} path="code">
          <input placeholder="ML-NIF-123456-SNG-01" {...register('code')} {...invalidProps(errors, 'code')} />
        </Field>
        {text('title', 'fr')}
        {text('title', 'en')}
        {text('description', 'fr')}
        {text('description', 'en')}
        <Field label={t('proj.status')} errors={errors} path="status">
          <select {...register('status')}>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`proj.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'admin' ? (
          // Publishing is the coordination body's decision: admins only (the server refuses others).
          <div className="edit-check">
            <label>
              <input type="checkbox" {...register('public')} aria-describedby="project-public-hint" />{' '}
              {t('edit.proj.public')}
            </label>
            <p id="project-public-hint" className="card-meta">
              {t('edit.proj.publicHint')}
            </p>
          </div>
        ) : null}
        <Field label={t('proj.reporting')} errors={errors} path="organisationId">
          <select {...register('organisationId')}>
            <option value="">{t('proj.none')}</option>
            <OrganisationOptions organisations={organisations} current={project?.organisationId ?? ''} />
          </select>
        </Field>
        <Field label={t('edit.proj.focalPoint')} errors={errors} path="focalPointId">
          {/* Devices hold no list of users: the focal point kept, the signed-in user, or none. */}
          <select {...register('focalPointId')}>
            <option value="">{t('proj.none')}</option>
            {focalPoint && focalPoint !== me.id ? (
              <option value={focalPoint}>{t('edit.proj.focalKept', { id: focalPoint })}</option>
            ) : null}
            <option value={me.id}>{t('edit.proj.focalMe', { name: me.displayName })}</option>
          </select>
        </Field>
        <fieldset className="edit-list">
          <legend>{t('proj.dates')}</legend>
          <div className="edit-item">
            {DATES.map((name) => (
              <DateField
                key={name}
                label={t(`edit.proj.${name}`)}
                control={control}
                name={name}
                aria={invalidProps(errors, name)}
              >
                <FieldError errors={errors} path={name} />
              </DateField>
            ))}
          </div>
        </fieldset>
        <ParticipatingOrgsList organisations={organisations} />
        <SectorsList />
        <LocationsList />
        <BudgetsList />
        {project && project.documents.length > 0 ? (
          <p className="card-meta">{t('edit.proj.documentsKept', { count: project.documents.length })}</p>
        ) : null}
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
