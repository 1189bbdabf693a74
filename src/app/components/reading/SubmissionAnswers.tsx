import { lazy, Suspense, useState } from 'react';
import type { FormDefinition } from '../../../core/forms/definition';
import { SUBMISSION_META_KEY, walkItems } from '../../../core/forms/definition';
import { instanceNameOf } from '../../../core/forms/summary';
// Registers the strings of reading (they load with the pages that show it, not at start).
import '../../i18n/readingStrings';
import { useT } from '../../i18n/useT';
import { SentFields } from '../SentFields';
import { AnswerItems, type ReadingContext } from './AnswerItems';
import { answerText } from './answerText';

// MapLibre loads only for a submission with geo answers (a chunk of its own).
const AnswersMap = lazy(() => import('../../maps/MapWidgets').then((m) => ({ default: m.AnswersMap })));
const GEO_TYPES = new Set(['geopoint', 'geotrace', 'geoshape']);

/** Whether the form asks for a place anywhere (then the answers' map loads, and shows what was answered). */
function hasGeoQuestion(form: FormDefinition): boolean {
  let found = false;
  walkItems(form.items, (item) => {
    if (item.kind === 'question' && GEO_TYPES.has(item.type)) found = true;
  });
  return found;
}

/** The root answer names the form knows (questions and repeats at the root level, through groups). */
function rootNames(form: FormDefinition): Set<string> {
  const names = new Set<string>();
  const visit = (items: FormDefinition['items']) => {
    for (const item of items) {
      names.add(item.name);
      if (item.kind === 'group') visit(item.items);
    }
  };
  visit(form.items);
  return names;
}

/**
 * A submission's answers as a reader wants them: question and choice labels in the UI language (the codes
 * on demand), groups as sections, each repeat with one card per instance, photos inline, points as
 * coordinates, and the review's comment beside the question it is about. Answers the form does not know
 * (a version the device lacks, a renamed question) follow under their names. Without the form, the plain
 * list of what was sent.
 */
export function SubmissionAnswers({
  answers,
  form,
  fieldComments = {},
}: {
  answers: Readonly<Record<string, unknown>>;
  form: FormDefinition | undefined;
  fieldComments?: Readonly<Record<string, string>>;
}) {
  const { t, lang } = useT();
  const [codes, setCodes] = useState(false);
  if (!form) return <SentFields fields={{ data: answers }} form={undefined} />;
  const ctx: ReadingContext = { form, fieldComments, lang, codes, t };
  const known = rootNames(form);
  const unknown = Object.entries(answers).filter(
    ([name]) => name !== SUBMISSION_META_KEY && !known.has(name),
  );
  // Comments on questions that are not in this version of the form, so none is lost from sight.
  const questionNames = new Set<string>();
  walkItems(form.items, (item) => questionNames.add(item.name));
  const orphanComments = Object.entries(fieldComments).filter(([name]) => !questionNames.has(name));
  const instanceName = instanceNameOf(answers);
  return (
    <div className="read-answers">
      <p>
        <button type="button" aria-pressed={codes} onClick={() => setCodes(!codes)}>
          {t('read.showCodes')}
        </button>
      </p>
      {instanceName ? (
        <dl className="sent-fields">
          <div className="sent-field">
            <dt>{t('sentFields.instanceName')}</dt>
            <dd>{instanceName}</dd>
          </div>
        </dl>
      ) : null}
      {hasGeoQuestion(form) ? (
        <Suspense fallback={null}>
          <AnswersMap items={form.items} answers={answers} />
        </Suspense>
      ) : null}
      <AnswerItems items={form.items} answers={answers} ctx={ctx} heading="h3" />
      {unknown.length > 0 || orphanComments.length > 0 ? (
        <dl className="sent-fields">
          {unknown.map(([name, value]) => (
            <div className="sent-field" key={name}>
              <dt>{name}</dt>
              <dd>{answerText(undefined, value, [], ctx)}</dd>
            </div>
          ))}
          {orphanComments.map(([name, text]) => (
            <div className="sent-field" key={`comment-${name}`}>
              <dt>{name}</dt>
              <dd className="field-comment">{t('read.reviewComment', { text })}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
