import { useMemo, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Answers } from '../../../core/forms/answersSchema';
import type { FormDefinition } from '../../../core/forms/definition';
import type { FormEngine } from '../../../core/forms/engine';
import { pickText } from '../../../core/i18n/localized';
import { useFillKit } from '../../hooks/useFillKit';
import { useSignedIn } from '../../hooks/useSignedIn';
import { useT } from '../../i18n/useT';
import type { FillKit } from '../questions/fillKit';

/** Nothing to save: the preview keeps its answers in memory only. */
const keepNothing = () => undefined;

interface FillProps {
  kit: FillKit;
  definition: FormDefinition;
  engine: FormEngine;
  /** The files dropped with the form, by name: the preview shows its images from them, uploading nothing. */
  files: ReadonlyMap<string, Blob>;
}

/**
 * The form as agents will fill it (the same engine and question components as EngineForm), before it is
 * published: no draft, no outbox row, no file stored (a photo taken is held in memory), nothing sent. "Check the answers" runs the engine's finalize and
 * marks each problem on its field, as finalizing a draft does.
 */
function PreviewFill({ kit, definition, engine, files }: FillProps) {
  const { FillContext, FormItems, pathToName } = kit;
  const { t, lang } = useT();
  const [defaultValues] = useState(() => engine.initialAnswers());
  const methods = useForm<Answers>({ defaultValues, shouldFocusError: false });
  const state = kit.useDraftEvaluation(engine, methods, lang, keepNothing);
  // A photo taken to try the form stays here, in memory, and goes with the preview: never on the device.
  const [held] = useState(() => new Map<string, Blob>());
  const context = useMemo(
    () => ({ form: definition, engine, state, files, held }),
    [definition, engine, state, files, held],
  );
  const [outcome, setOutcome] = useState<{ ok: boolean; count: number } | null>(null);

  const checkAnswers = () => {
    const result = engine.finalize(methods.getValues(), lang);
    if (result.ok) {
      setOutcome({ ok: true, count: 0 });
      return;
    }
    for (const issue of result.issues)
      methods.setError(pathToName(issue.path), { type: 'engine', message: issue.message });
    setOutcome({ ok: false, count: result.issues.length });
    const first = result.issues[0];
    if (first) methods.setFocus(pathToName(first.path));
  };

  return (
    <FillContext value={context}>
      <FormProvider {...methods}>
        <form
          className="fill-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            checkAnswers();
          }}
        >
          <FormItems items={definition.items} prefix={[]} />
          <div role="status">
            {outcome ? (
              <p className={outcome.ok ? 'alert alert-success' : 'alert alert-error'}>
                {outcome.ok
                  ? t('formsPage.previewOk')
                  : t('formsPage.previewErrors', { count: outcome.count })}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary">
              {t('formsPage.previewCheck')}
            </button>
          </div>
        </form>
      </FormProvider>
    </FillContext>
  );
}

/** The engine built as for a draft (meta fields get the signed-in user and this device). */
function PreviewEngine({ kit, definition, files }: Omit<FillProps, 'engine'>) {
  const { t } = useT();
  const { session } = useSignedIn();
  const built = kit.useFormEngine(definition, session.user.username);
  if (!built) return <p role="status">{t('formsPage.previewLoading')}</p>;
  if (built.error)
    return (
      <p className="alert alert-error" role="alert">
        {t('formsPage.previewBroken', { message: built.error.message })}
      </p>
    );
  return <PreviewFill kit={kit} definition={definition} engine={built.engine} files={files} />;
}

/** The preview of a checked form, with the form-filling code of the agents' form page. */
export function FormPreview({
  definition,
  attachments,
}: {
  definition: FormDefinition;
  attachments: readonly File[];
}) {
  const { t, lang } = useT();
  const files = useMemo(() => new Map(attachments.map((file) => [file.name, file])), [attachments]);
  const { kit, error } = useFillKit();
  const title = pickText(definition.title, lang) || definition.id;
  return (
    <section className="form-preview" aria-labelledby="form-preview-title">
      <h2 id="form-preview-title">{t('formsPage.previewTitle', { title })}</h2>
      <p className="lead">{t('formsPage.previewNote')}</p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {t('formsPage.failed', { message: error.message })}
        </p>
      ) : kit ? (
        <PreviewEngine kit={kit} definition={definition} files={files} />
      ) : (
        <p role="status">{t('formsPage.previewLoading')}</p>
      )}
    </section>
  );
}
