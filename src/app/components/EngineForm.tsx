import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider, useForm } from 'react-hook-form';
import type { Answers } from '../../core/forms/answersSchema';
import type { FormEngine } from '../../core/forms/engine';
import { submissionSummary } from '../../core/forms/summary';
import type { DraftRecord, FormRecord } from '../db/schema';
import { useDraftActions } from '../hooks/useDraftActions';
import { useDraftAutosave } from '../hooks/useDraftAutosave';
import { useDraftEvaluation } from '../hooks/useDraftEvaluation';
import { usePaging } from '../hooks/usePaging';
import { useT } from '../i18n/useT';
import { AnswersInvalidError } from '../repositories/AnswersInvalidError';
import { setFlash } from '../state/flash';
import { navigate } from '../state/router';
import { FillContext } from './questions/fillContext';
import { FormItems } from './questions/FormItems';
import { nameToPath, pathToName } from './questions/paths';
import { compareByFormOrder, countErrors, formOrder } from './questions/screens';
import { SaveIndicator } from './SaveIndicator';

// "One question per screen" is a choice: its screens load when it is on.
const PagedItems = lazy(() => import('./questions/PagedItems').then((m) => ({ default: m.PagedItems })));

/**
 * A draft's saved answers. Drafts start with their initial answers (startDraft); one saved empty
 * (started by an older version of the app) gets them now, to be saved with its first change.
 */
function initialAnswers(engine: FormEngine, saved: Answers): Answers {
  return Object.keys(saved).length > 0 ? structuredClone(saved) : engine.initialAnswers();
}

/**
 * The form engine at work on a draft: every change is evaluated (relevance, calculations, constraints,
 * choice filters, repeat counts) and autosaved; finalizing asks the engine for the answers to store and
 * marks every problem on its field, focusing the first in reading order.
 */
export function EngineForm({
  draft,
  form,
  engine,
}: {
  draft: DraftRecord;
  form: FormRecord;
  engine: FormEngine;
}) {
  const { t, lang } = useT();
  const actions = useDraftActions();
  const definition = form.definition;
  // The draft's name in lists: instance_name evaluated, else its first text answer (as submissions are named).
  const describe = useCallback(
    (answers: Answers) =>
      engine.evaluate(answers, lang).instanceName ?? submissionSummary(definition, answers),
    [engine, lang, definition],
  );
  const autosave = useDraftAutosave(draft.id, describe);
  const [defaultValues] = useState(() => initialAnswers(engine, draft.answers));
  const methods = useForm<Answers>({
    defaultValues,
    shouldFocusError: false,
  });
  const { handleSubmit, setError, setFocus, getValues, getFieldState, formState } = methods;
  const state = useDraftEvaluation(engine, methods, lang, autosave.schedule);
  const paging = usePaging(draft.id, definition, state);
  const byFormOrder = useMemo(() => compareByFormOrder(formOrder(definition)), [definition]);
  const [failure, setFailure] = useState<string | null>(null);

  // Messages follow the interface language: errors still shown are set again in the new language.
  const { isSubmitted } = formState;
  useEffect(() => {
    if (!isSubmitted) return;
    const result = engine.finalize(getValues(), lang);
    if (result.ok) return;
    for (const issue of result.issues) {
      const name = pathToName(issue.path);
      if (getFieldState(name).error) setError(name, { type: 'engine', message: issue.message });
    }
  }, [engine, lang, isSubmitted, getValues, getFieldState, setError]);

  const showIssues = (issues: AnswersInvalidError['issues']) => {
    const sorted = [...issues].sort((a, b) => byFormOrder(nameToPath(a.path), nameToPath(b.path)));
    for (const issue of sorted) setError(issue.path, { type: 'engine', message: issue.message });
    const first = sorted[0];
    if (!first) return;
    if (paging.enabled) flushSync(() => paging.showItem(String(nameToPath(first.path)[0])));
    setFocus(first.path);
  };

  const onValid = async (values: Answers) => {
    setFailure(null);
    await autosave.flush();
    try {
      await actions.finalize(draft.id, lang, values);
      autosave.stop();
      paging.forget();
      setFlash('fill.finalized');
      navigate({ name: 'submissions' });
    } catch (error) {
      if (error instanceof AnswersInvalidError) showIssues(error.issues);
      else
        setFailure(
          t('fill.finalizeError', { message: error instanceof Error ? error.message : String(error) }),
        );
    }
  };

  const errorCount = countErrors(formState.errors);
  const context = useMemo(
    () => ({ form: definition, engine, state, files: form.files }),
    [definition, engine, state, form.files],
  );
  return (
    <FillContext value={context}>
      <FormProvider {...methods}>
        <form className="fill-form" noValidate onSubmit={(event) => void handleSubmit(onValid)(event)}>
          <p className="form-meta">
            {t('fill.version', { version: form.version })} · {t('fill.autosave')}
          </p>
          {paging.forced ? null : (
            <label className="choice paging-toggle">
              <input
                type="checkbox"
                checked={paging.enabled}
                onChange={(event) => paging.setChosen(event.target.checked)}
              />
              <span>{t('fill.onePerScreen')}</span>
            </label>
          )}
          <SaveIndicator state={autosave.state} />
          {errorCount > 0 ? (
            <p className="alert alert-error" role="alert">
              {t('fill.errors', { count: errorCount })}
            </p>
          ) : null}
          {paging.enabled ? (
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
              <PagedItems paging={paging} />
            </Suspense>
          ) : (
            <FormItems items={definition.items} prefix={[]} />
          )}
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
    </FillContext>
  );
}
