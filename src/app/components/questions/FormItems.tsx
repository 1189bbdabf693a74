import type { FormItem } from '../../../core/forms/definition';
import { useFill } from '../../hooks/useFill';
import { useT } from '../../i18n/useT';
import type { Path } from './paths';
import { LabelMedia } from './LabelMedia';
import { isShown, QuestionField } from './QuestionField';
import { RepeatField } from './RepeatField';

/**
 * The items of one level: questions, groups as fieldsets around their own items, and repeats. Items the
 * engine finds not relevant are not shown; their answers stay in the draft (the engine drops them when
 * the draft is finalized), so an answer comes back if a change makes its question relevant again.
 */
export function FormItems({ items, prefix }: { items: readonly FormItem[]; prefix: Path }) {
  const { lang } = useT();
  const { state } = useFill();
  return (
    <>
      {items.map((item) => {
        const path = [...prefix, item.name];
        if (item.kind === 'question' && !isShown(item)) return null;
        if (!state.relevant(path)) return null;
        if (item.kind === 'question') return <QuestionField key={item.name} question={item} path={path} />;
        if (item.kind === 'repeat') return <RepeatField key={item.name} repeat={item} path={path} />;
        const label = state.label(path, lang);
        const hint = state.hint(path, lang);
        return (
          <fieldset key={item.name} className="form-group">
            {label ? <legend>{label}</legend> : null}
            <LabelMedia media={item.media} alt={label} />
            {hint ? <p className="hint">{hint}</p> : null}
            <FormItems items={item.items} prefix={prefix} />
          </fieldset>
        );
      })}
    </>
  );
}
