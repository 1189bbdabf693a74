import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, type FieldErrors } from 'react-hook-form';
import { answersSchema } from '../../core/forms/answersSchema';
import { questions, type FormDefinition } from '../../core/forms/definition';
import type { DraftRecord, FormRecord } from '../db/schema';
import { useDraftActions } from '../hooks/useDraftActions';
import { useDraftAutosave } from '../hooks/useDraftAutosave';
import { useT } from '../i18n/useT';
import { AnswersInvalidError } from '../repositories/AnswersInvalidError';
import { setFlash } from '../state/flash';
import { navigate } from '../state/router';
import { FormItems } from './questions/FormItems';
import { SaveIndicator } from './SaveIndicator';

type Answers = Record<string, unknown>;

/** The draft's saved answers for this form's questions; unanswered multiple choices start as []. */
function initialValues(form: FormDefinition, saved: Answers): Answers {
  const values: Answers = {};
  for (const q of questions(form)) {
    values[q.name] = saved[q.name] ?? (q.type === 'select_multiple' ? [] : undefined);
  }
  return values;
}

function countErrors(errors: FieldErrors): number {
  return Object.keys(errors).filter((key) => key !== 'root').length;
}

/** All questions of a form on one page, autosaved to the draft, finalized into a submission. */
export function DraftForm({ draft, form }: { draft: DraftRecord; form: FormRecord }) {
  const { t, lang } = useT();
  const actions = useDraftActions();
  const autosave = useDraftAutosave(draft.id);
  const definition = form.definition;
  const schema = useMemo(() => answersSchema(definition, lang), [definition, lang]);
  const methods = useForm<Answers, unknown, Answers>({
    resolver: zodResolver(schema),
    defaultValues: initialValues(definition, draft.answers),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  const { watch, handleSubmit, setError, setFocus, trigger, formState } = methods;
  const [failure, setFailure] = useState<string | null>(null);
  const { schedule } = autosave;

  useEffect(() => {
    const subscription = watch((values) => schedule(values));
    return () => subscription.unsubscribe();
  }, [watch, schedule]);

  // Messages follow the interface language: revalidate shown errors when it changes.
  const { isSubmitted } = formState;
  useEffect(() => {
    if (isSubmitted) void trigger();
  }, [schema, isSubmitted, trigger]);

  const onValid = async (values: Answers) => {
    setFailure(null);
    await autosave.flush();
    try {
      await actions.finalize(draft.id, lang, values);
      autosave.stop();
      setFlash('fill.finalized');
      navigate({ name: 'submissions' });
    } catch (error) {
      if (error instanceof AnswersInvalidError) {
        for (const issue of error.issues) setError(issue.path, { type: 'server', message: issue.message });
        const first = error.issues[0]?.path.split('.')[0];
        if (first) setFocus(first);
      } else {
        setFailure(
          t('fill.finalizeError', { message: error instanceof Error ? error.message : String(error) }),
        );
      }
    }
  };

  const errorCount = countErrors(formState.errors);
  return (
    <FormProvider {...methods}>
      <form className="fill-form" noValidate onSubmit={(event) => void handleSubmit(onValid)(event)}>
        <p className="form-meta">
          {t('fill.version', { version: form.version })} · {t('fill.autosave')}
        </p>
        <SaveIndicator state={autosave.state} />
        {errorCount > 0 ? (
          <p className="alert alert-error" role="alert">
            {t('fill.errors', { count: errorCount })}
          </p>
        ) : null}
        <FormItems form={definition} items={definition.items} />
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('fill.finalizing') : t('fill.finalize')}
          </button>
          <a className="button-link" href="#/">
            {t('fill.backHome')}
          </a>
        </div>
      </form>
    </FormProvider>
  );
}
