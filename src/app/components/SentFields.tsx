import type { FormDefinition } from '../../core/forms/definition';
import { allQuestions, choicesOf, SUBMISSION_META_KEY } from '../../core/forms/definition';
import { MediaRef } from '../../core/forms/answersSchema';
import { instanceNameOf } from '../../core/forms/summary';
import { pickText } from '../../core/i18n/localized';
import { MediaPreview } from './questions/MediaPreview';
import { useT } from '../i18n/useT';

function readable(value: unknown, labelOf: (choice: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => readable(v, labelOf)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${readable(v, labelOf)}`)
      .join(', ');
  }
  if (typeof value === 'string') return labelOf(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/**
 * What a submission or a refused mutation carried, as "question: answer" lines (labels from the form when
 * known). The submission's own name (`meta`) comes first, under its name, rather than as a raw answer.
 */
export function SentFields({
  fields,
  form,
}: {
  fields: Record<string, unknown>;
  form: FormDefinition | undefined;
}) {
  const { lang, t } = useT();
  const data =
    fields.data && typeof fields.data === 'object' ? (fields.data as Record<string, unknown>) : fields;
  const entries = Object.entries(data).filter(([name]) => name !== SUBMISSION_META_KEY);
  const instanceName = instanceNameOf(data);
  return (
    <dl className="sent-fields">
      {instanceName && (
        <div className="sent-field">
          <dt>{t('sentFields.instanceName')}</dt>
          <dd>{instanceName}</dd>
        </div>
      )}
      {entries.map(([name, value]) => {
        const question = form ? allQuestions(form).find((q) => q.name === name) : undefined;
        const choices = form && question ? choicesOf(form, question) : [];
        const labelOf = (choice: string) =>
          pickText(choices.find((c) => c.name === choice)?.label, lang) || choice;
        const label = question ? pickText(question.label, lang) : name;
        // A photo, recording or file: shown from the device, or downloaded on demand for a reviewer.
        const media = MediaRef.safeParse(value);
        return (
          <div className="sent-field" key={name}>
            <dt>{label}</dt>
            <dd>
              {media.success ? (
                <MediaPreview
                  media={media.data}
                  kind={question?.type ?? 'file'}
                  label={label}
                  onRemove={undefined}
                />
              ) : (
                readable(value, labelOf)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
