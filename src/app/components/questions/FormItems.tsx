import { pickText } from '../../../core/i18n/localized';
import type { FormDefinition, FormItem } from '../../../core/forms/definition';
import { useT } from '../../i18n/useT';
import { QuestionField } from './QuestionField';

/**
 * The items of one level of a form: questions, and groups as fieldsets around their own items. Repeats need
 * the form engine (instances, relevance per instance) and are shown as not yet fillable rather than hidden.
 */
export function FormItems({ form, items }: { form: FormDefinition; items: readonly FormItem[] }) {
  const { t, lang } = useT();
  return (
    <>
      {items.map((item) => {
        if (item.kind === 'question') return <QuestionField key={item.name} form={form} question={item} />;
        if (item.kind === 'group') {
          return (
            <fieldset key={item.name} className="form-group">
              {item.label ? <legend>{pickText(item.label, lang)}</legend> : null}
              <FormItems form={form} items={item.items} />
            </fieldset>
          );
        }
        return (
          <p key={item.name} className="alert alert-error" role="note">
            {t('fill.unsupported', { name: pickText(item.label, lang) || item.name })}
          </p>
        );
      })}
    </>
  );
}
